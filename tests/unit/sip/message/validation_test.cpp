// Rejection reasons and configurable limits.

#include <gtest/gtest.h>

#include "samples.hpp"
#include "test_support.hpp"

namespace sb::sip {
namespace {

using msgtest::crlf;
using msgtest::parseText;

std::string without(std::string_view text, std::string_view headerPrefix) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl - pos + 1);
    if (line.substr(0, headerPrefix.size()) != headerPrefix)
      out.append(line);
    pos = nl + 1;
  }
  return out;
}

std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  out.replace(out.find(from), from.size(), to);
  return out;
}

void expectRejected(const std::string& text, int status, std::string_view reason,
                    const ParserLimits& limits = {}) {
  auto r = parseText(text, limits);
  ASSERT_TRUE(r.error.has_value()) << text;
  EXPECT_EQ(r.error->status, status);
  EXPECT_EQ(r.error->reason, reason);
}

TEST(SipMsgValidation, MissingMandatoryHeaders) {
  std::string inv(msgtest::kRegister);
  expectRejected(without(inv, "To:"), 400, "Bad Request - Missing To header");
  expectRejected(without(inv, "From:"), 400, "Bad Request - Missing From header");
  expectRejected(without(inv, "Call-ID:"), 400, "Bad Request - Missing Call-ID header");
  expectRejected(without(inv, "CSeq:"), 400, "Bad Request - Missing CSeq header");
  expectRejected(without(inv, "Via:"), 400, "Bad Request - Missing Via header");
  expectRejected(without(inv, "Max-Forwards:"), 400, "Bad Request - Missing Max-Forwards header");
  // Responses need no Max-Forwards.
  EXPECT_TRUE(parseText(without(msgtest::kOk, "Max-Forwards:")).ok());
}

TEST(SipMsgValidation, DuplicatedSingleHeaders) {
  std::string reg(msgtest::kRegister);
  expectRejected(
      replaced(reg, "CSeq: 1826 REGISTER\n", "CSeq: 1826 REGISTER\nCSeq: 1827 REGISTER\n"), 400,
      "Bad Request - Multiple CSeq headers");
  expectRejected(replaced(reg, "Content-Length: 0\n", "Content-Length: 0\nl: 0\n"), 400,
                 "Bad Request - Multiple Content-Length headers");
  expectRejected(replaced(reg, "Call-ID:", "i: dup\nCall-ID:"), 400,
                 "Bad Request - Multiple Call-ID headers");
}

TEST(SipMsgValidation, CSeq) {
  std::string reg(msgtest::kRegister);
  expectRejected(replaced(reg, "1826 REGISTER", "1826 INVITE"), 400,
                 "Bad Request - CSeq method does not match request method");
  expectRejected(replaced(reg, "1826 REGISTER", "2147483648 REGISTER"), 400,
                 "Bad Request - Invalid CSeq");
  expectRejected(replaced(reg, "1826 REGISTER", "REGISTER"), 400, "Bad Request - Invalid CSeq");
  // Responses carry any method.
  EXPECT_TRUE(parseText(msgtest::kOk).ok());
}

TEST(SipMsgValidation, Scalars) {
  std::string reg(msgtest::kRegister);
  expectRejected(replaced(reg, "Max-Forwards: 70", "Max-Forwards: 256"), 400,
                 "Bad Request - Invalid Max-Forwards");
  expectRejected(replaced(reg, "Content-Length: 0", "Content-Length: -1"), 400,
                 "Bad Request - Invalid Content-Length");
  expectRejected(replaced(reg, "Content-Length: 0", "Content-Length: 99999999999999999999"), 400,
                 "Bad Request - Invalid Content-Length");
  expectRejected(replaced(reg, "Content-Length: 0", "Content-Length: 10"), 400,
                 "Bad Request - Content-Length exceeds message size");
  expectRejected(replaced(reg, "Expires: 7200", "Expires: 4294967296"), 400,
                 "Bad Request - Invalid Expires header");
  expectRejected(replaced(reg, "Expires: 7200", "Min-Expires: x"), 400,
                 "Bad Request - Invalid Min-Expires header");
  expectRejected(replaced(reg, "Expires: 7200", "Date: Sat, 13 Nov 2010 23:29:00 PST"), 400,
                 "Bad Request - Invalid Date header");
  EXPECT_TRUE(
      parseText(replaced(reg, "Expires: 7200", "Date: Sat, 13 Nov 2010 23:29:00 GMT")).ok());
}

TEST(SipMsgValidation, AddressHeaders) {
  std::string reg(msgtest::kRegister);
  expectRejected(replaced(reg, "To: Bob <sip:bob@biloxi.example.com>", "To: Bob <bob>"), 400,
                 "Bad Request - Invalid To header");
  expectRejected(replaced(reg, ";tag=456248", ";tag=\"open"), 400,
                 "Bad Request - Invalid From header");
  // A tag parameter without a value is no tag at all (found by the message fuzzer).
  expectRejected(replaced(reg, ";tag=456248", ";tag"), 400, "Bad Request - Invalid From header");
  expectRejected(replaced(reg, "To: Bob <sip:bob@biloxi.example.com>",
                          "To: Bob <sip:bob@biloxi.example.com>;tag"),
                 400, "Bad Request - Invalid To header");
  expectRejected(replaced(reg, "Contact: <sip:bob@192.0.2.4>", "Contact: *, <sip:a@b>"), 400,
                 "Bad Request - Invalid Contact header");
  expectRejected(replaced(reg, "Expires: 7200", "Route: sip:a@b, <"), 400,
                 "Bad Request - Invalid Route header");
  expectRejected(replaced(reg, "Expires: 7200", "Record-Route: x"), 400,
                 "Bad Request - Invalid Record-Route header");
  expectRejected(replaced(reg, "Via: SIP/2.0/UDP", "Via: SIP/2.0/UDP ;"), 400,
                 "Bad Request - Invalid Via header");
  expectRejected(replaced(reg, "Call-ID: 843817637684230@998sdasdh09", "Call-ID: a b"), 400,
                 "Bad Request - Invalid Call-ID");
}

TEST(SipMsgValidation, StartLines) {
  std::string reg(msgtest::kRegister);
  expectRejected(replaced(reg, "SIP/2.0\n", "SIP/3.0\n"), 505, "Version Not Supported");
  expectRejected(replaced(reg, "REGISTER sip:", "REGISTER  sip:"), 400,
                 "Bad Request - Malformed Request-Line");
  expectRejected(replaced(reg, "sip:registrar", "<sip:registrar"), 400,
                 "Bad Request - Malformed Request-URI");
  expectRejected(replaced(reg, "sip:registrar.biloxi.example.com", "mailto:bob@example.com"), 416,
                 "Unsupported URI Scheme");
  expectRejected(replaced(reg, "sip:registrar.biloxi.example.com", "sip:r.example.com?X=1"), 400,
                 "Bad Request - Request-URI contains headers");
  expectRejected(replaced(msgtest::kOk, "200 OK", "2000 OK"), 400,
                 "Bad Request - Invalid status code");
  expectRejected(replaced(reg, "Max-Forwards: 70", "Max-Forwards 70"), 400,
                 "Bad Request - Malformed header line");
  expectRejected(replaced(reg, "Via:", "V ia:"), 400, "Bad Request - Malformed header name");
}

TEST(SipMsgValidation, IncompleteMessages) {
  auto r = parseMessage("");
  ASSERT_TRUE(r.error);
  EXPECT_FALSE(r.message);
  auto h = parseMessage("OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n");
  ASSERT_TRUE(h.error);
  EXPECT_EQ(h.error->reason, "Bad Request - Incomplete header block");
}

TEST(SipMsgValidation, StreamFramingNeedsContentLength) {
  std::string reg = without(msgtest::kRegister, "Content-Length:");
  EXPECT_TRUE(parseText(reg).ok());
  auto r = parseText(reg, {}, Framing::Stream);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->reason, "Bad Request - Missing Content-Length");
}

TEST(SipMsgLimits, MessageSize) {
  ParserLimits limits;
  limits.maxMessageSize = 100;
  auto r = parseText(msgtest::kRegister, limits);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->status, 513);
  // The headers are still there, so that the request can be answered.
  ASSERT_TRUE(r.message);
  EXPECT_TRUE(r.message->isRequest());
  EXPECT_FALSE(r.message->topVia()->branch().empty());
}

TEST(SipMsgLimits, HeaderCount) {
  ParserLimits limits;
  limits.maxHeaders = 8;
  expectRejected(std::string(msgtest::kRegister), 400, "Bad Request - Too many headers", limits);
  limits.maxHeaders = 9;
  EXPECT_TRUE(parseText(msgtest::kRegister, limits).ok());
}

TEST(SipMsgLimits, LineLength) {
  ParserLimits limits;
  limits.maxLineLength = 60;
  expectRejected(std::string(msgtest::kRegister), 400, "Bad Request - Header line too long",
                 limits);
  limits.maxLineLength = 40;
  expectRejected(std::string(msgtest::kRegister), 400, "Bad Request - Start line too long", limits);
}

TEST(SipMsgLimits, ContentLengthBeyondMaximumIsRejectedNotTrusted) {
  std::string reg = replaced(msgtest::kRegister, "Content-Length: 0", "Content-Length: 70000");
  expectRejected(reg, 400, "Bad Request - Invalid Content-Length");
}

}  // namespace
}  // namespace sb::sip
