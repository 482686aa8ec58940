// Refer-To with an embedded Replaces (RFC 3515, RFC 3891), the Replaces header, and the
// sipfrag NOTIFY pieces (RFC 3420).
#include <gtest/gtest.h>

#include "sip/message/refer_notify.hpp"
#include "sip/message/refer_to.hpp"
#include "sip/message/replaces.hpp"
#include "sip/message/uri.hpp"

namespace sb::sip {
namespace {

TEST(SipReferTo, BlindTargetInAngleBrackets) {
  auto target = parseReferTo("<sip:300@pbx.example.com>");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->scheme, UriScheme::Sip);
  EXPECT_EQ(target->uri, "sip:300@pbx.example.com");
  EXPECT_EQ(target->user, "300");
  EXPECT_FALSE(target->replaces);
}

TEST(SipReferTo, AddrSpecAndDisplayNameAndEscapedUser) {
  auto bare = parseReferTo("  sips:%2A72@host:5061;transport=tls ");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->scheme, UriScheme::Sips);
  EXPECT_EQ(bare->user, "*72");
  EXPECT_EQ(bare->uri, "sips:%2A72@host:5061;transport=tls");

  auto named = parseReferTo("\"Front <desk>\" <sip:desk@host>;foo=bar");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->uri, "sip:desk@host");
  EXPECT_EQ(named->user, "desk");
}

TEST(SipReferTo, EmbeddedReplacesIsUnescaped) {
  auto target = parseReferTo(
      "<sip:carol@10.0.0.1?Replaces=abc%40host%3Bto-tag%3D1234%3Bfrom-tag%3D5678&X-Other=1>");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->uri, "sip:carol@10.0.0.1");
  ASSERT_TRUE(target->replaces);
  EXPECT_EQ(*target->replaces, "abc@host;to-tag=1234;from-tag=5678");
  auto replaces = parseReplaces(*target->replaces);
  ASSERT_TRUE(replaces);
  EXPECT_EQ(replaces->callId, "abc@host");
  EXPECT_EQ(replaces->toTag, "1234");
  EXPECT_EQ(replaces->fromTag, "5678");
}

TEST(SipReferTo, ReplacesHeaderNameIsCaseInsensitiveAndMayComeLater) {
  auto target = parseReferTo("<sip:c@h?Require=replaces&replaces=x%3Bfrom-tag%3Db%3Bto-tag%3Da>");
  ASSERT_TRUE(target);
  ASSERT_TRUE(target->replaces);
  EXPECT_EQ(*target->replaces, "x;from-tag=b;to-tag=a");
}

TEST(SipReferTo, UnescapedReplacesAndReplacesAsUriParameterAreRead) {
  // Against RFC 3261's grammar, but sent by phones.
  auto raw = parseReferTo("<sip:c@h?Replaces=id@10.0.0.2;to-tag=t;from-tag=f>");
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->uri, "sip:c@h");
  ASSERT_TRUE(raw->replaces);
  EXPECT_EQ(*raw->replaces, "id@10.0.0.2;to-tag=t;from-tag=f");

  auto param = parseReferTo("<sip:c@h;Replaces=id%3Bto-tag%3Dt%3Bfrom-tag%3Df>");
  ASSERT_TRUE(param);
  ASSERT_TRUE(param->replaces);
  EXPECT_EQ(*param->replaces, "id;to-tag=t;from-tag=f");
}

TEST(SipReferTo, UnreadableValuesAreRefused) {
  EXPECT_FALSE(parseReferTo(""));
  EXPECT_FALSE(parseReferTo("<>"));
  EXPECT_FALSE(parseReferTo("<sip:bob@"));
  EXPECT_FALSE(parseReferTo("\"unterminated <sip:a@b>"));
  auto tel = parseReferTo("<tel:+15551234>");
  ASSERT_TRUE(tel);
  EXPECT_EQ(tel->scheme, UriScheme::Tel);
  EXPECT_TRUE(tel->user.empty());
}

TEST(SipReplaces, ParsesTagsInAnyOrderWithEarlyOnly) {
  auto replaces = parseReplaces(" 98732@sip.example.com ;from-tag=r33th4x0r;To-Tag=xyz;early-only");
  ASSERT_TRUE(replaces);
  EXPECT_EQ(replaces->callId, "98732@sip.example.com");
  EXPECT_EQ(replaces->toTag, "xyz");
  EXPECT_EQ(replaces->fromTag, "r33th4x0r");
  EXPECT_TRUE(replaces->earlyOnly);
  EXPECT_EQ(replaces->str(), "98732@sip.example.com;to-tag=xyz;from-tag=r33th4x0r;early-only");
}

TEST(SipReplaces, MissingPartsAreRefused) {
  EXPECT_FALSE(parseReplaces(""));
  EXPECT_FALSE(parseReplaces("callid"));
  EXPECT_FALSE(parseReplaces(";to-tag=a;from-tag=b"));
  EXPECT_FALSE(parseReplaces("callid;to-tag=a"));
  EXPECT_FALSE(parseReplaces("callid;from-tag=b"));
  EXPECT_FALSE(parseReplaces("callid;to-tag=;from-tag=b"));
  EXPECT_FALSE(parseReplaces("callid;to-tag=a;from-tag=b;;"));
  auto plain = parseReplaces("callid;to-tag=a;from-tag=b;x=1");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->earlyOnly);
}

TEST(SipUriHeader, FindsAndUnescapesOneField) {
  EXPECT_EQ(uriHeader("a=1&Replaces=x%3By&b", "replaces"), "x;y");
  EXPECT_EQ(uriHeader("a=1&b", "b"), "");
  EXPECT_FALSE(uriHeader("a=1", "b"));
  EXPECT_FALSE(uriHeader("", "a"));
}

TEST(SipReferNotify, SipfragAndSubscriptionState) {
  EXPECT_EQ(sipfragStatusLine(100, "Trying"), "SIP/2.0 100 Trying\r\n");
  EXPECT_EQ(sipfragStatusLine(200, "OK"), "SIP/2.0 200 OK\r\n");
  EXPECT_EQ(sipfragStatusLine(503, "Service Unavailable"), "SIP/2.0 503 Service Unavailable\r\n");
  EXPECT_EQ(referSubscriptionState(false, 600), "active;expires=600");
  EXPECT_EQ(referSubscriptionState(true, 12), "terminated;reason=noresource");
  EXPECT_EQ(kSipfragContentType, "message/sipfrag;version=2.0");
}

}  // namespace
}  // namespace sb::sip
