// RFC 3262 decisions per endpoint `100rel` mode, and which 1xx need a PRACK.
#include "sip/dialog/reliable_provisional.hpp"

#include <gtest/gtest.h>

#include "sip/message/parser.hpp"

namespace sb::sip {
namespace {

Message parse(const std::string& text) {
  auto parsed = parseMessage(text);
  EXPECT_TRUE(parsed.ok());
  return std::move(*parsed.message);
}

Message invite(const std::string& extra) {
  return parse(
      "INVITE sip:600@192.0.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKrp\r\n"
      "From: <sip:a@192.0.2.9>;tag=1\r\nTo: <sip:600@192.0.2.1>\r\nCall-ID: rp\r\n"
      "CSeq: 1 INVITE\r\nMax-Forwards: 70\r\n" +
      extra + "Content-Length: 0\r\n\r\n");
}

Message provisional(int code, const std::string& extra) {
  return parse("SIP/2.0 " + std::to_string(code) +
               " X\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKrp\r\n"
               "From: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: rp\r\n"
               "CSeq: 1 INVITE\r\n" +
               extra + "Content-Length: 0\r\n\r\n");
}

TEST(ReliableProvisionalUas, EachModeDecides) {
  const auto requires100rel = invite("Require: 100rel\r\n");
  const auto supports100rel = invite("Supported: timer, 100rel\r\n");
  const auto plain = invite("");

  EXPECT_TRUE(decideReliableAsUas(RelMode::Yes, requires100rel).reliable);
  EXPECT_FALSE(decideReliableAsUas(RelMode::Yes, supports100rel).reliable);
  EXPECT_FALSE(decideReliableAsUas(RelMode::Yes, plain).reliable);

  EXPECT_TRUE(decideReliableAsUas(RelMode::PeerSupported, supports100rel).reliable);
  EXPECT_FALSE(decideReliableAsUas(RelMode::PeerSupported, plain).reliable);

  EXPECT_TRUE(decideReliableAsUas(RelMode::Required, supports100rel).reliable);
  const auto required = decideReliableAsUas(RelMode::Required, plain);
  EXPECT_EQ(required.reject, 421);
  ASSERT_EQ(required.headers.size(), 1u);
  EXPECT_EQ(required.headers[0].second, "100rel");

  const auto off = decideReliableAsUas(RelMode::No, requires100rel);
  EXPECT_EQ(off.reject, 420);
  EXPECT_EQ(off.headers[0], (std::pair<std::string, std::string>{"Unsupported", "100rel"}));
  EXPECT_EQ(decideReliableAsUas(RelMode::No, supports100rel).reject, 0);
}

TEST(ReliableProvisionalUac, WhatWeAskAndWhatNeedsAPrack) {
  EXPECT_TRUE(offers100rel(RelMode::Yes));
  EXPECT_FALSE(offers100rel(RelMode::No));
  EXPECT_TRUE(uacRelHeaders(RelMode::Yes).empty());
  EXPECT_EQ(uacRelHeaders(RelMode::Required).size(), 1u);

  EXPECT_EQ(reliableSequence(provisional(180, "Require: 100rel\r\nRSeq: 9\r\n")), 9u);
  EXPECT_FALSE(reliableSequence(provisional(180, "RSeq: 9\r\n")));
  EXPECT_FALSE(reliableSequence(provisional(180, "Require: 100rel\r\n")));
  EXPECT_FALSE(reliableSequence(provisional(100, "Require: 100rel\r\nRSeq: 9\r\n")));
  EXPECT_EQ(parseRelMode("peer_supported"), RelMode::PeerSupported);
  EXPECT_EQ(parseRelMode("no"), RelMode::No);
  EXPECT_EQ(parseRelMode("required"), RelMode::Required);
}

}  // namespace
}  // namespace sb::sip
