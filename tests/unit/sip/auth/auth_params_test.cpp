#include <gtest/gtest.h>

#include "sip/auth/auth_params.hpp"
#include "sip/auth/digest_header.hpp"
#include "sip/auth/text.hpp"

namespace sb::sip::auth {
namespace {

TEST(SipAuthHeader, ParsesChallengeWithEverything) {
  auto parsed = parseChallenge(
      "digest REALM=\"atlanta.com\" , domain=\"sip:ss1.carrier.com\",qop=\"auth, AUTH-INT\", "
      "nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=TRUE, algorithm=md5, "
      "foo=bar, baz=\"x, y\"");
  ASSERT_TRUE(parsed) << parseErrorName(parsed.error());
  EXPECT_EQ(parsed->realm, "atlanta.com");
  EXPECT_EQ(parsed->nonce, "f84f1cec41e6cbe5aea9c8e88d359");
  EXPECT_EQ(parsed->opaque, "");
  EXPECT_EQ(parsed->domain, "sip:ss1.carrier.com");
  EXPECT_TRUE(parsed->stale);
  EXPECT_EQ(parsed->effectiveAlgorithm(), Algorithm::Md5);
  EXPECT_TRUE(parsed->offersQopAuth());
  EXPECT_TRUE(parsed->offersQopAuthInt());
}

TEST(SipAuthHeader, ChallengeDefaultsAndUnknownAlgorithm) {
  auto plain = parseChallenge("Digest realm=\"r\", nonce=\"n\"");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->stale);
  EXPECT_EQ(plain->effectiveAlgorithm(), Algorithm::Md5);
  EXPECT_TRUE(plain->qopOptions.empty());

  auto unknown = parseChallenge("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256");
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->effectiveAlgorithm());
}

TEST(SipAuthHeader, QuotedStringEscapes) {
  auto parsed = parseChallenge(R"(Digest realm="a \"quoted\" \\ realm", nonce="n\x")");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->realm, "a \"quoted\" \\ realm");
  EXPECT_EQ(parsed->nonce, "nx");
  // Formatting escapes again and parses back to the same value.
  auto again = parseChallenge(formatChallenge(*parsed));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->realm, parsed->realm);
}

TEST(SipAuthHeader, ParsesCredentials) {
  auto parsed = parseCredentials(
      "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dcd98b\", "
      "uri=\"sip:bob@biloxi.com\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", "
      "response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc\", algorithm=\"MD5\"");
  ASSERT_TRUE(parsed) << parseErrorName(parsed.error());
  EXPECT_EQ(parsed->username, "bob");
  EXPECT_EQ(parsed->realm, "biloxi.com");
  EXPECT_EQ(parsed->uri, "sip:bob@biloxi.com");
  EXPECT_EQ(parsed->qop, "auth");
  EXPECT_EQ(parsed->nc, "00000001");
  EXPECT_EQ(parsed->cnonce, "0a4f113b");
  EXPECT_EQ(parsed->opaque, "5ccc");
  EXPECT_EQ(parsed->effectiveAlgorithm(), Algorithm::Md5);

  auto again = parseCredentials(formatCredentials(*parsed));
  ASSERT_TRUE(again);
  EXPECT_EQ(formatCredentials(*again), formatCredentials(*parsed));
}

TEST(SipAuthHeader, CredentialsQuotedQopIsAccepted) {
  auto parsed = parseCredentials(
      "Digest username=\"a\",realm=\"r\",nonce=\"n\",uri=\"u\",response=\"x\",qop=\"AUTH\"");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->qop, "auth");
}

TEST(SipAuthHeader, RefusesExtendedUsernameAndUserhash) {
  EXPECT_EQ(parseCredentials("Digest username*=UTF-8''J%C3%A4s, realm=\"r\", nonce=\"n\", "
                             "uri=\"u\", response=\"x\"")
                .error(),
            ParseError::ExtendedUsernameUnsupported);
  EXPECT_EQ(parseCredentials("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", "
                             "response=\"x\", userhash=true")
                .error(),
            ParseError::UserhashUnsupported);
  EXPECT_TRUE(
      parseCredentials("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", "
                       "response=\"x\", userhash=false"));
}

TEST(SipAuthHeader, MissingRequiredParameters) {
  EXPECT_EQ(parseChallenge("Digest realm=\"r\"").error(), ParseError::MissingParam);
  EXPECT_EQ(parseChallenge("Digest").error(), ParseError::MissingParam);
  EXPECT_EQ(parseCredentials("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\"").error(),
            ParseError::MissingParam);
}

TEST(SipAuthHeader, OtherSchemes) {
  EXPECT_EQ(parseChallenge("Basic realm=\"r\"").error(), ParseError::NotDigest);
  EXPECT_EQ(parseChallenge("DigestX realm=\"r\", nonce=\"n\"").error(), ParseError::NotDigest);
  EXPECT_EQ(parseCredentials("Bearer abc").error(), ParseError::NotDigest);
  EXPECT_EQ(parseChallenge("   ").error(), ParseError::Empty);
  EXPECT_EQ(parseChallenge("").error(), ParseError::Empty);
}

TEST(SipAuthHeader, HostileValues) {
  EXPECT_EQ(parseChallenge("Digest realm=\"r, nonce=\"n\"").error(), ParseError::BadSyntax);
  EXPECT_EQ(parseChallenge("Digest realm=\"unterminated").error(), ParseError::UnterminatedQuote);
  EXPECT_EQ(parseChallenge("Digest realm=\"r\\").error(), ParseError::UnterminatedQuote);
  EXPECT_EQ(parseChallenge("Digest realm=\"r\" nonce=\"n\"").error(), ParseError::BadSyntax);
  EXPECT_EQ(parseChallenge("Digest realm=r nonce=n").error(), ParseError::BadSyntax);
  EXPECT_EQ(parseChallenge("Digest realm").error(), ParseError::BadSyntax);
  EXPECT_EQ(parseChallenge("Digest realm=").error(), ParseError::BadSyntax);
  EXPECT_EQ(parseChallenge("Digest =x").error(), ParseError::BadSyntax);
  EXPECT_EQ(parseChallenge("Digest realm=\"a\", realm=\"b\", nonce=\"n\"").error(),
            ParseError::DuplicateParam);
  EXPECT_EQ(parseChallenge("Digest realm=\"r\", nonce=\"n\", stale=maybe").error(),
            ParseError::BadValue);
  EXPECT_EQ(parseChallenge("Digest realm=\"r\", nonce=\"n\", qop=\"auth;x\"").error(),
            ParseError::BadValue);
  EXPECT_EQ(parseChallenge(std::string("Digest realm=\"a\0b\", nonce=\"n\"", 29)).error(),
            ParseError::InvalidCharacter);
  EXPECT_EQ(parseChallenge("Digest realm=\"a\r\nX-Injected: 1\", nonce=\"n\"").error(),
            ParseError::InvalidCharacter);

  std::string huge =
      "Digest realm=\"" + std::string(kMaxHeaderValueLength, 'a') + "\", nonce=\"n\"";
  EXPECT_EQ(parseChallenge(huge).error(), ParseError::TooLong);

  std::string many = "Digest realm=\"r\", nonce=\"n\"";
  for (int i = 0; i < 40; ++i) {
    many += ", p" + std::to_string(i) + "=1";
  }
  EXPECT_EQ(parseChallenge(many).error(), ParseError::TooManyParams);
}

TEST(SipAuthHeader, ToleratesEmptyElementsAndFolding) {
  auto parsed = parseChallenge("Digest ,realm=\"r\",, nonce=\"n\",\r\n algorithm=SHA-256,");
  ASSERT_TRUE(parsed) << parseErrorName(parsed.error());
  EXPECT_EQ(parsed->effectiveAlgorithm(), Algorithm::Sha256);
}

TEST(SipAuthHeader, FormatNeverEmitsControlCharacters) {
  DigestChallenge challenge;
  challenge.realm = "evil\r\nVia: x";
  challenge.nonce = "n\"";
  const std::string value = formatChallenge(challenge);
  EXPECT_EQ(value.find('\r'), std::string::npos);
  EXPECT_EQ(value.find('\n'), std::string::npos);
  auto parsed = parseChallenge(value);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->realm, "evilVia: x");
  EXPECT_EQ(parsed->nonce, "n\"");
}

TEST(SipAuthText, Base64UrlRoundTrip) {
  for (std::size_t length = 0; length < 10; ++length) {
    std::vector<std::uint8_t> bytes(length);
    for (std::size_t i = 0; i < length; ++i) {
      bytes[i] = static_cast<std::uint8_t>(i * 37 + 250);
    }
    auto decoded = fromBase64Url(toBase64Url(bytes));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, bytes);
  }
  EXPECT_FALSE(fromBase64Url("a"));
  EXPECT_FALSE(fromBase64Url("ab+c"));
  EXPECT_FALSE(fromBase64Url("AB"));  // non-zero leftover bits
}

}  // namespace
}  // namespace sb::sip::auth
