"""pjsip.conf transport/system/global objects and their console commands."""

PJSIP = """
[transport-udp]
type = transport
protocol = udp
bind = 0.0.0.0

[transport-tcp6]
type = transport
protocol = tcp
bind = [::]:5070
tos = ef
cos = 3

[global]
type = global
user_agent = MyPBX
default_realm = example.com

[system]
type = system
timer_t1 = 400
"""


def test_pjsip_show_transports_in_asterisks_layout(sb):
    sb.write("pjsip.conf", PJSIP)
    sb.start()
    listing = sb.rx("pjsip show transports").stdout.splitlines()
    assert listing[1] == "Transport:  <TransportId........>  <Type>  <cos>  <tos>  <BindAddress....................>"
    assert listing[2] == "=" * 90
    assert "Transport:  transport-tcp6            tcp      3    184  [::]:5070" in listing
    assert "Transport:  transport-udp             udp      0      0  0.0.0.0" in listing
    assert listing[-1] == "Objects found: 2"

    detail = sb.rx("pjsip show transport transport-tcp6").stdout
    assert " protocol  " in detail and ": tcp" in detail
    missing = sb.rx("pjsip show transport nope")
    assert missing.returncode == 1
    assert missing.stdout.startswith("Unable to find object nope.")


def test_pjsip_show_settings_lists_global_and_system_with_defaults(sb):
    sb.write("pjsip.conf", PJSIP)
    sb.start()
    settings = sb.rx("pjsip show settings").stdout
    assert "Global Settings:" in settings and "System Settings:" in settings
    lines = {line.split(":")[0].strip(): line.split(":", 1)[1].strip() for line in settings.splitlines() if " : " in line}
    assert lines["user_agent"] == "MyPBX"
    assert lines["default_realm"] == "example.com"
    assert lines["max_forwards"] == "70"
    assert lines["timer_t1"] == "400"
    assert lines["timer_b"] == "32000"


def test_bad_transport_options_are_located(sb):
    sb.write(
        "pjsip.conf",
        """
        [t1]
        type = transport
        protocol = sctp
        bind = 0.0.0.0

        [t2]
        type = transport
        bind = 300.1.1.1:5060

        [t3]
        type = transport
        protocol = tcp
        """,
    )
    result = sb.run("--check-config")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 3, result.stderr
    assert errors[0].startswith("pjsip.conf:3: error: invalid value 'sctp' for option 'protocol'")
    assert errors[1].startswith("pjsip.conf:8: error: invalid value '300.1.1.1:5060' for option 'bind'")
    assert errors[2].startswith("pjsip.conf:10: error: transport 't3': bind is required")
