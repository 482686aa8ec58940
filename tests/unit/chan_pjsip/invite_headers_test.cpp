// An INVITE's headers as res_pjsip_header_funcs sees them after pjsip parsed the message.
#include "modules/chan_pjsip/invite_headers.hpp"

#include <gtest/gtest.h>

#include "pbx_core/sip_header_printer.hpp"

#include "sip/message/parser.hpp"

namespace sb::modules::chan_pjsip {
namespace {

sip::Message parse(const std::string& headers) {
  auto parsed = sip::parseMessage("INVITE sip:100@example.com SIP/2.0\r\n" + headers +
                                  "Content-Length: 0\r\n\r\n");
  EXPECT_TRUE(parsed.ok()) << (parsed.error ? parsed.error->reason : "");
  return parsed.message.value_or(sip::Message{});
}

const std::string kMandatory =
    "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKa, SIP/2.0/UDP 192.0.2.2;branch=z9hG4bKb\r\n"
    "f: \"Alice, A.\" <sip:alice@example.com>;tag=1\r\n"
    "TO: <sip:100@example.com>\r\n"
    "i: abc@host\r\n"
    "CSeq: 1 INVITE\r\n"
    "Max-Forwards: 70\r\n";

TEST(InviteHeaders, KnownNamesAreWrittenPjsipsWay) {
  const auto headers = headersAsPjsipReadsThem(parse(kMandatory + "X-Custom: keep, as is\r\n"));
  std::vector<std::string> names;
  for (const auto& header : headers) {
    names.push_back(header.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Via", "Via", "From", "To", "Call-ID", "CSeq",
                                             "Max-Forwards", "X-Custom", "Content-Length"}));
  EXPECT_EQ(headers[1].value, "SIP/2.0/UDP 192.0.2.2;branch=z9hG4bKb");
  // A comma inside quotes is not a separator, and unknown headers stay whole.
  EXPECT_EQ(headers[2].value, "\"Alice, A.\" <sip:alice@example.com>;tag=1");
  EXPECT_EQ(headers[7].value, "keep, as is");
}

TEST(InviteHeaders, ContactsSplitAndListsJoin) {
  const auto headers = headersAsPjsipReadsThem(
      parse(kMandatory + "Contact: <sip:a@192.0.2.1>;x=\"1,2\";q=0.5, <sip:b@192.0.2.1>\r\n"
                         "Allow: INVITE,ACK ,BYE\r\n"
                         "k: timer\r\n"
                         "Supported: 100rel,replaces\r\n"
                         "Require: timer\r\n"));
  std::vector<pbx::SipHeader> tail(headers.begin() + 7, headers.end());
  EXPECT_EQ(tail, (std::vector<pbx::SipHeader>{{"Contact", "<sip:a@192.0.2.1>;x=\"1,2\";q=0.5"},
                                               {"Contact", "<sip:b@192.0.2.1>"},
                                               {"Allow", "INVITE, ACK, BYE"},
                                               {"Supported", "timer, 100rel, replaces"},
                                               {"Require", "timer"},
                                               {"Content-Length", "0"}}));
}

}  // namespace
}  // namespace sb::modules::chan_pjsip
