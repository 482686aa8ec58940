#pragma once
// Realistic messages shared by the message-level tests (written with "\n").

#include <string_view>

namespace sb::sip::msgtest {

inline constexpr std::string_view kInvite =
    "INVITE sip:bob@biloxi.example.com SIP/2.0\n"
    "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8;rport\n"
    "Max-Forwards: 70\n"
    "To: Bob <sip:bob@biloxi.example.com>\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\n"
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\n"
    "CSeq: 314159 INVITE\n"
    "Contact: <sip:alice@pc33.atlanta.example.com>\n"
    "Content-Type: application/sdp\n"
    "Content-Length: 4\n"
    "\n"
    "v=0\n";

inline constexpr std::string_view kRegister =
    "REGISTER sip:registrar.biloxi.example.com SIP/2.0\n"
    "Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7\n"
    "Max-Forwards: 70\n"
    "To: Bob <sip:bob@biloxi.example.com>\n"
    "From: Bob <sip:bob@biloxi.example.com>;tag=456248\n"
    "Call-ID: 843817637684230@998sdasdh09\n"
    "CSeq: 1826 REGISTER\n"
    "Contact: <sip:bob@192.0.2.4>\n"
    "Expires: 7200\n"
    "Content-Length: 0\n"
    "\n";

inline constexpr std::string_view kOk =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bK4b43c2ff8.1;received=192.0.2.3\n"
    "Via: SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch=z9hG4bK77ef4c2312983.1\n"
    "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\n"
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\n"
    "CSeq: 314159 INVITE\n"
    "Contact: <sip:bob@192.0.2.4>\n"
    "Content-Length: 0\n"
    "\n";

}  // namespace sb::sip::msgtest
