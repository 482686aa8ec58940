"""SIP headers set from the dialplan, seen on the wire: PJSIP_HEADER(add|update|remove) in a
Dial pre-dial handler b(), chan_sip's SIPAddHeader/SIPRemoveHeader, PJSIP_HEADER(read) and
PJSIP_HEADERS on the caller's INVITE, and Dial's B() and U() routines."""

import re
import subprocess

from sip_helpers import free_port
from sip_phone import Phone, header, status_of
from test_calls import configure, register, wait_no_channels, wait_output

DIALPLAN = r"""
[general]
static = yes

[internal]
exten => add,1,Dial(PJSIP/bob,10,b(handler^addheader^1))
exten => update,1,Dial(PJSIP/bob,10,b(handler^update^1(changed)))
exten => remove,1,Dial(PJSIP/bob,10,b(handler^remove^1))
exten => plain,1,Dial(PJSIP/bob,10)
exten => short,1,Dial(PJSIP/bob,10,b(local))
 same => n(local),Set(PJSIP_HEADER(add,X-Short)=from ${EXTEN})
 same => n,Return()

exten => legacy,1,SIPAddHeader(X-Legacy-One: first)
 same => n,SIPAddHeader("X-Legacy-Two: second")
 same => n,SIPAddHeader(X-Legacy-Gone: bye)
 same => n,SIPRemoveHeader(x-legacy-gone:)
 same => n,Verbose(0,slot1=${SIPADDHEADER01} slot3=${SIPADDHEADER03}.)
 same => n,Dial(PJSIP/bob,10)

exten => names,1,Verbose(0,names=${PJSIP_HEADERS(X-)})
 same => n,Verbose(0,all=${PJSIP_HEADERS()})
 same => n,Verbose(0,first=${PJSIP_HEADER(read,X-Pair)} second=${PJSIP_HEADER(read,X-Pair,2)})
 same => n,Verbose(0,prefixed=${PJSIP_HEADER(read,x-s*)} legacy=${SIP_HEADER(X-Single)})
 same => n,Verbose(0,legacynames=${SIP_HEADERS(X-)})
 same => n,Verbose(0,removed=${PJSIP_HEADER(remove,X-Pair)} left=${PJSIP_HEADER(read,X-Pair)}.)
 same => n,Hangup()

exten => caller,1,Dial(PJSIP/bob,10,B(handler^oncaller^1(hello^world)))

exten => abort,1,Dial(PJSIP/bob,10,U(aftercall^ABORT))
 same => n,Verbose(0,should not run)
exten => continue,1,Dial(PJSIP/bob,10,U(aftercall^CONTINUE^kept))
 same => n,Verbose(0,continued status=${DIALSTATUS} retval=${GOSUB_RETVAL})
 same => n,Hangup()

exten => errors,1,Set(PJSIP_HEADER(bogus,X-A)=1)
 same => n,Set(PJSIP_HEADER(add)=1)
 same => n,Set(PJSIP_HEADER()=1)
 same => n,Verbose(0,read=${PJSIP_HEADER(read)}|${PJSIP_HEADER(frob,X)}|${PJSIP_HEADERS(Zz)}.)
 same => n,Dial(PJSIP/bob,10,b(handler^errors^1))

[handler]
exten => addheader,1,Set(PJSIP_HEADER(add,X-Added)=one)
 same => n,Set(PJSIP_HEADER(add,X-Second)=two words)
 same => n,Verbose(0,readback=${PJSIP_HEADER(read,X-Added)})
 same => n,Return()

exten => update,1,Set(PJSIP_HEADER(add,X-Added)=one)
 same => n,Set(PJSIP_HEADER(add,X-Added)=two)
 same => n,Set(PJSIP_HEADER(update,X-Added,2)=${ARG1})
 same => n,Return()

exten => remove,1,Set(PJSIP_HEADER(add,X-Keep)=kept)
 same => n,Set(PJSIP_HEADER(add,X-Gone-A)=a)
 same => n,Set(PJSIP_HEADER(add,X-Gone-B)=b)
 same => n,Verbose(0,removed=${PJSIP_HEADER(remove,X-Gone*)})
 same => n,Return()

exten => oncaller,1,Verbose(0,B ran on ${CHANNEL(name)} args=${ARG1},${ARG2} argc=${ARGC})
 same => n,Return()

exten => errors,1,Set(PJSIP_HEADER(update,X-None)=1)
 same => n,Set(PJSIP_HEADER(remove,X-None)=)
 same => n,Set(PJSIP_HEADER(add,X-Fine)=yes)
 same => n,Set(PJSIP_HEADER(update,X-Missing)=1)
 same => n,Return()

[aftercall]
exten => s,1,Verbose(0,U ran on ${CHANNEL(name)} with ${ARG1})
 same => n,Set(GOSUB_RESULT=${ARG1})
 same => n,Return(${ARG2})
"""


def start(sb):
    port = free_port()
    configure(sb, port, DIALPLAN)
    sb.start()
    return port


def call_bob(port, exten, extra=()):
    """alice calls `exten`; returns (alice, bob, the INVITE bob received)."""
    bob = register(port, "bob", "bob-secret")
    alice = Phone(port, "alice", "alice-secret")
    alice.dial(exten, extra=extra)
    return alice, bob, bob.wait_invite()


def finish(sb, alice, bob):
    bob.answer()
    assert status_of(alice.final()) == 200
    assert alice.bye() == 200
    bob.answer_bye()
    assert wait_no_channels(sb)
    alice.close()
    bob.close()


def test_headers_added_in_the_predial_handler_reach_the_callee(sb):
    port = start(sb)
    alice, bob, invite = call_bob(port, "add")
    assert header(invite, "X-Added") == "one"
    assert header(invite, "X-Second") == "two words"
    assert wait_output(sb, "readback=one")
    assert wait_output(sb, "Internal Gosub(handler,addheader,1) complete")
    # The routine ran on the new channel and was reported as Asterisk does.
    assert re.search(r"PJSIP/bob-\w+ Internal Gosub\(handler,addheader,1\) start", sb.output_text())
    assert re.search(r"PJSIP/bob-\w+ Internal Gosub\(handler,addheader,1\) complete GOSUB_RETVAL=",
                     sb.output_text())
    finish(sb, alice, bob)


def test_a_plain_dial_adds_nothing(sb):
    port = start(sb)
    alice, bob, invite = call_bob(port, "plain")
    assert not re.search(r"(?im)^X-", invite)
    finish(sb, alice, bob)


def test_update_changes_the_numbered_header(sb):
    port = start(sb)
    alice, bob, invite = call_bob(port, "update")
    assert re.findall(r"(?im)^X-Added:\s*(.*?)\s*$", invite) == ["one", "changed"]
    finish(sb, alice, bob)


def test_remove_takes_away_matching_headers_and_counts_them(sb):
    port = start(sb)
    alice, bob, invite = call_bob(port, "remove")
    assert header(invite, "X-Keep") == "kept"
    assert not re.search(r"(?im)^X-Gone", invite)
    assert wait_output(sb, "removed=2")
    finish(sb, alice, bob)


def test_a_short_predial_target_is_completed_from_the_callers_location(sb):
    port = start(sb)
    alice, bob, invite = call_bob(port, "short")
    assert header(invite, "X-Short") == "from short"
    finish(sb, alice, bob)


def test_sipaddheader_headers_are_inherited_by_the_outbound_channel(sb):
    port = start(sb)
    alice, bob, invite = call_bob(port, "legacy")
    # chan_sip adds them newest first; the removed one is gone.
    assert re.findall(r"(?im)^(X-Legacy-[A-Za-z]+):\s*(.*?)\s*$", invite) == [
        ("X-Legacy-Two", "second"), ("X-Legacy-One", "first")]
    assert wait_output(sb, "slot1=X-Legacy-One: first slot3=.")
    finish(sb, alice, bob)
    apps = sb.rx("core show applications").stdout
    assert "        SIPAddHeader: Add a SIP header to the outbound call.\n" in apps
    assert "     SIPRemoveHeader: Remove SIP headers previously added with SIPAddHeader\n" in apps
    functions = sb.rx("core show functions").stdout
    assert "PJSIP_HEADERS" in functions and "SIP_HEADERS" in functions


def test_pjsip_headers_lists_and_reads_the_callers_invite(sb):
    port = start(sb)
    alice = Phone(port, "alice", "alice-secret")
    alice.dial("names", extra=("X-Pair: 1", "X-Single: solo", "x-pair: 2",
                               "v: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bKcompact"))
    assert status_of(alice.final()) >= 400
    # Asterisk lists a repeated name each time it comes (its repeat check only works for
    # one-letter names); SIP_HEADERS, chan_sip's, lists each name once and compares the
    # prefix with case. The compact "v:" is listed as Via, the name pjsip gives it.
    assert wait_output(sb, "names=X-Pair,X-Single,x-pair")
    assert wait_output(sb, "removed=2 left=.")
    out = sb.output_text()
    assert re.search(r"all=Via,From,To,Call-ID,CSeq,Max-Forwards,Contact,Authorization,X-Pair,"
                     r"X-Single,x-pair,Via,Content-Type,Content-Length", out), out[-3000:]
    assert "first=1 second=2" in out
    assert "prefixed=solo legacy=solo" in out
    assert "legacynames=X-Pair,X-Single" in out
    alice.close()


def test_b_option_runs_a_routine_on_the_caller_before_dialling(sb):
    port = start(sb)
    alice, bob, invite = call_bob(port, "caller")
    assert wait_output(sb, "args=hello,world argc=2")
    assert re.search(r"B ran on PJSIP/alice-\w+ args", sb.output_text())
    finish(sb, alice, bob)


def test_u_option_abort_hangs_up_both_sides(sb):
    port = start(sb)
    alice, bob, _ = call_bob(port, "abort")
    bob.answer()
    assert status_of(alice.final()) >= 400
    bob.answer_bye()
    assert wait_output(sb, "U ran on PJSIP/bob-")
    assert wait_no_channels(sb)
    assert wait_output(sb, "exited non-zero on 'PJSIP/alice-")
    assert "should not run" not in sb.output_text()
    alice.close()
    bob.close()


def test_u_option_continue_hangs_up_the_callee_and_goes_on(sb):
    port = start(sb)
    alice, bob, _ = call_bob(port, "continue")
    bob.answer()
    bob.answer_bye()
    assert wait_output(sb, "continued status=ANSWER retval=kept")
    assert status_of(alice.final()) >= 400
    assert wait_no_channels(sb)
    alice.close()
    bob.close()


def test_bad_arguments_are_reported_and_the_call_goes_on(sb):
    port = start(sb)
    alice, bob, invite = call_bob(port, "errors")
    assert header(invite, "X-Fine") == "yes"
    assert wait_output(sb, "There was no header named X-Missing.")
    out = sb.output_text()
    for message in (
            "Unknown action 'bogus' is not valid, must be 'add', 'update', or 'remove'.",
            "This function requires a header name.",
            "This function requires an action.",
            "Unknown action 'frob' is not valid, must be 'read' or 'remove'.",
            "No headers had been previously added to this session.",
            "There was no header named X-Missing."):
        assert message in out, message
    assert "read=||." in out
    finish(sb, alice, bob)


UAS_EXPECTING_HEADER = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="uas expecting X-Added">
  <recv request="INVITE" crlf="true">
    <action>
      <ereg regexp="one" search_in="hdr" header="X-Added:" check_it="true" assign_to="added"/>
    </action>
  </recv>
  <send retrans="500">
    <![CDATA[

      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]U[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:uas@[local_ip]:[local_port];transport=[transport]>
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=- 1 1 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0
      a=rtpmap:0 PCMU/8000

    ]]>
  </send>
  <recv request="ACK" crlf="true"/>
  <recv request="BYE"/>
  <send>
    <![CDATA[

      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

    ]]>
  </send>
  <Reference variables="added"/>
</scenario>
"""


def test_a_sipp_callee_sees_the_header_from_the_predial_handler(sb, tmp_path):
    port = free_port()
    configure(sb, port, DIALPLAN)
    uas_port = free_port()
    sb.append("pjsip.conf", f"""
        [uas]
        type = endpoint
        context = internal
        disallow = all
        allow = ulaw
        aors = uas
        [uas]
        type = aor
        contact = sip:uas@127.0.0.1:{uas_port}
        """)
    sb.append("extensions.conf", """
        [internal](+)
        exten => sipp,1,Dial(PJSIP/uas,10,b(handler^addheader^1))
        """)
    sb.start()
    scenario = tmp_path / "uas_header.xml"
    scenario.write_text(UAS_EXPECTING_HEADER)
    uas = subprocess.Popen(["sipp", "-sf", str(scenario), "-p", str(uas_port), "-i", "127.0.0.1",
                            "-m", "1", "-nostdin", "-timeout", "30", "-timeout_error"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    try:
        alice = Phone(port, "alice", "alice-secret")
        alice.dial("sipp")
        assert status_of(alice.final()) == 200
        assert alice.bye() == 200
        # SIPp exits 0 only when the INVITE matched X-Added: one.
        assert uas.wait(timeout=20) == 0
        alice.close()
    finally:
        if uas.poll() is None:
            uas.kill()
    assert wait_no_channels(sb)
