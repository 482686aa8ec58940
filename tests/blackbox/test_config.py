"""Asterisk config syntax end to end: effective objects, file:line errors, --check-config, and
reloads that either apply whole or change nothing."""

import re
from test_calls import wait_output

MODULES = """
[modules]
autoload = yes
load => test_objects.so
noload => chan_sip.so
"""

GOOD = """
; templates, inheritance, appends, += and includes together
[base](!)
type = test_object
colour = green
tags = a,b

[alpha](base)
label = first
count = 7

[beta](base)
label = sec
label += ond
tags = c

[alpha](+)
enabled = yes

#include extra/more.conf
"""

MORE = """
[gamma]
type = test_object
label = from include ;-- inline block --; here
;-- a block comment
count = 999 spanning lines --;
secret = hunter2 ; a comment
"""


def detail(sb, name):
    result = sb.rx(f"test show object {name}")
    assert result.returncode == 0, result.stdout
    fields = {}
    for line in result.stdout.splitlines():
        match = re.match(r"^ (\S+)\s+: (.*)$", line)
        if match and match.group(1) != "ParameterName":
            fields[match.group(1)] = match.group(2)
    return fields


def configure_good(sb):
    sb.write("modules.conf", MODULES)
    sb.write("test_objects.conf", GOOD)
    sb.write("extra/more.conf", MORE)


def test_effective_objects_after_templates_includes_and_appends(sb):
    configure_good(sb)
    sb.start()
    alpha = detail(sb, "alpha")
    assert alpha["label"] == "first"
    assert alpha["count"] == "7"
    assert alpha["colour"] == "green"  # from the template
    assert alpha["tags"] == "a,b"
    assert alpha["enabled"] == "true"  # from [alpha](+)
    beta = detail(sb, "beta")
    assert beta["label"] == "sec ond"  # += appends the text after '=' as written, as Asterisk does
    assert beta["tags"] == "a,b,c"  # repeated options accumulate across inheritance, as in Asterisk
    assert beta["count"] == "1"  # the table's default
    gamma = detail(sb, "gamma")
    assert re.fullmatch(r"from include\s+here", gamma["label"])
    assert gamma["count"] == "1"  # inside the block comment
    assert gamma["secret"] == "<sensitive>"
    listing = sb.rx("test show objects").stdout
    assert "Objects found: 3" in listing
    assert "base" not in listing  # templates are never objects


def test_config_show_prints_the_effective_file(sb):
    configure_good(sb)
    sb.start()
    shown = sb.rx("config show test_objects.conf")
    assert shown.returncode == 0
    text = shown.stdout
    assert "[base]" not in text
    alpha = text.split("[alpha]")[1].split("[")[0]
    assert "colour = green" in alpha and "enabled = yes" in alpha
    assert "[gamma]" in text
    missing = sb.rx("config show nope.conf")
    assert missing.returncode == 1


def test_unknown_asterisk_modules_are_accepted_with_a_notice(sb):
    configure_good(sb)
    sb.start()
    assert re.search(r"NOTICE\[\d+\]: .*modules\.conf:4: module 'chan_sip\.so' is not part of Switchboard",
                     sb.output_text())
    modules = sb.rx("module show like test").stdout
    assert re.search(r"test_objects\.so\s+.*Running", modules)


def test_check_config_accepts_a_good_configuration(sb):
    configure_good(sb)
    result = sb.run("--check-config")
    assert result.returncode == 0, result.stderr
    assert "Configuration OK: 3 object(s)" in result.stdout


BROKEN = {
    "unknown option": ("[x]\ntype = test_object\nflavour = sweet\n", "test_objects.conf:3", "unknown option 'flavour'"),
    "bad value": ("[x]\ntype = test_object\ncount = lots\n", "test_objects.conf:3", "invalid value 'lots'"),
    "out of range": ("[x]\ntype = test_object\ncount = 5000\n", "test_objects.conf:3", "between 0 and 1000"),
    "object check": ("[x]\ntype = test_object\nminimum = 9\nmaximum = 3\n", "test_objects.conf:1", "exceeds maximum"),
    "duplicate object": ("[x]\ntype = test_object\n\n[x]\ntype = test_object\n", "test_objects.conf:4", "duplicate test_object 'x'"),
    "missing include": ("#include nowhere.conf\n[x]\ntype = test_object\n", "test_objects.conf:1", "nowhere.conf"),
    "include cycle": ("#include test_objects.conf\n[x]\ntype = test_object\n", "test_objects.conf:1", "cycle"),
}


def test_each_broken_file_gives_one_located_error(sb):
    sb.write("modules.conf", MODULES)
    for name, (text, location, message) in BROKEN.items():
        sb.write("test_objects.conf", text)
        result = sb.run("--check-config")
        assert result.returncode == 1, name
        errors = [line for line in result.stderr.splitlines() if ": error: " in line]
        assert len(errors) == 1, (name, result.stderr)
        assert errors[0].startswith(location + ": error: "), (name, errors[0])
        assert message in errors[0], (name, errors[0])


def test_a_failed_reload_changes_nothing_and_a_good_one_applies(sb):
    configure_good(sb)
    sb.start()
    assert detail(sb, "alpha")["count"] == "7"

    sb.write("test_objects.conf", GOOD.replace("count = 7", "count = 8\nflavour = sweet"))
    failed = sb.rx("module reload test_objects")
    assert failed.returncode == 1
    assert re.search(r"test_objects\.conf:\d+: error: unknown option 'flavour'", failed.stdout)
    assert "nothing was changed" in failed.stdout
    assert detail(sb, "alpha")["count"] == "7"

    sb.write("test_objects.conf", GOOD.replace("count = 7", "count = 9"))
    applied = sb.rx("module reload test_objects.so")
    assert applied.returncode == 0, applied.stdout
    assert "reloaded successfully" in applied.stdout
    assert detail(sb, "alpha")["count"] == "9"

    sb.write("test_objects.conf", GOOD.replace("count = 7", "count = 10"))
    assert sb.rx("core reload").returncode == 0
    assert detail(sb, "alpha")["count"] == "10"


def test_module_unload_and_load_at_run_time(sb):
    configure_good(sb)
    sb.start()
    assert sb.rx("module unload test_objects.so").returncode == 0
    assert sb.rx("test show objects").returncode == 3  # its commands went with it
    loaded = sb.rx("module load test_objects.so")
    assert loaded.returncode == 0, loaded.stdout
    assert "Objects found: 3" in sb.rx("test show objects").stdout
    assert sb.rx("module load no_such_module").returncode == 1


def test_start_up_with_errors_loads_the_valid_objects_and_reports_the_rest(sb):
    sb.write("modules.conf", MODULES)
    sb.write("test_objects.conf", "[good]\ntype = test_object\n[bad]\ntype = test_object\ncount = -1\n")
    sb.start()
    assert "Objects found: 1" in sb.rx("test show objects").stdout
    assert wait_output(sb, "test_objects.conf:5: error: invalid value '-1'")


def test_main_config_errors_are_located(sb):
    text = sb.main_config.read_text() + "verbose = loud\n"
    sb.write("switchboard.conf", text)
    result = sb.run("--check-config")
    assert result.returncode == 1
    line = len(text.splitlines())
    assert f"switchboard.conf:{line}: error: invalid value 'loud' for verbose" in result.stderr
    assert result.stderr.count(": error: ") == 1
