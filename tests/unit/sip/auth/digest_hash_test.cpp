#include <gtest/gtest.h>

#include "sip/auth/digest_hash.hpp"

namespace sb::sip::auth {
namespace {

// RFC 7616 §3.9.1.
constexpr std::string_view kUser = "Mufasa";
constexpr std::string_view kPassword = "Circle of Life";
constexpr std::string_view kRealm = "http-auth@example.org";
constexpr std::string_view kNonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
constexpr std::string_view kCnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

std::string rfc7616Response(HashFunction hash) {
  const auto ha1 = computeHa1(hash, kUser, kRealm, kPassword);
  const auto ha2 = computeHa2(hash, "GET", "/dir/index.html");
  EXPECT_TRUE(ha1 && ha2);
  const auto response =
      computeResponse(hash, *ha1, ResponseInputs{kNonce, "00000001", kCnonce, "auth"}, *ha2);
  EXPECT_TRUE(response);
  return response.value_or("");
}

TEST(SipAuthDigestHash, Rfc7616Md5Example) {
  EXPECT_EQ(rfc7616Response(HashFunction::Md5), "8ca523f5e9506fed4657c9700eebdbec");
}

TEST(SipAuthDigestHash, Rfc7616Sha256Example) {
  EXPECT_EQ(rfc7616Response(HashFunction::Sha256),
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

TEST(SipAuthDigestHash, Rfc2617QopAuthExample) {
  // RFC 2617 §3.5.
  const auto ha1 = computeHa1(HashFunction::Md5, "Mufasa", "testrealm@host.com", "Circle Of Life");
  ASSERT_TRUE(ha1);
  EXPECT_EQ(*ha1, "939e7578ed9e3c518a452acee763bce9");
  const auto ha2 = computeHa2(HashFunction::Md5, "GET", "/dir/index.html");
  ASSERT_TRUE(ha2);
  const auto response = computeResponse(
      HashFunction::Md5, *ha1,
      ResponseInputs{"dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth"}, *ha2);
  ASSERT_TRUE(response);
  EXPECT_EQ(*response, "6629fae49393a05397450978507c4ef1");
}

TEST(SipAuthDigestHash, LegacyFormWithoutQop) {
  // response = H(HA1:nonce:HA2), checked against a hand-joined hash.
  const auto ha1 = computeHa1(HashFunction::Md5, "bob", "example.com", "secret");
  const auto ha2 = computeHa2(HashFunction::Md5, "REGISTER", "sip:example.com");
  ASSERT_TRUE(ha1 && ha2);
  const auto response =
      computeResponse(HashFunction::Md5, *ha1, ResponseInputs{"abc", "", "", ""}, *ha2);
  EXPECT_EQ(response, hexDigest(HashFunction::Md5, *ha1 + ":abc:" + *ha2));
}

TEST(SipAuthDigestHash, KnownDigests) {
  EXPECT_EQ(hexDigest(HashFunction::Md5, ""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(hexDigest(HashFunction::Sha256, "abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(SipAuthDigestHash, SessionHa1BindsNonceAndCnonce) {
  const auto base = computeHa1(HashFunction::Sha256, "u", "r", "p");
  ASSERT_TRUE(base);
  EXPECT_EQ(effectiveHa1(Algorithm::Sha256, *base, "n", "c"), base);
  EXPECT_EQ(effectiveHa1(Algorithm::Sha256Sess, *base, "n", "c"),
            hexDigest(HashFunction::Sha256, *base + ":n:c"));
}

TEST(SipAuthDigestHash, AuthIntHa2IncludesBodyHash) {
  const auto body = hexDigest(HashFunction::Md5, "v=0\r\n");
  ASSERT_TRUE(body);
  EXPECT_EQ(computeHa2(HashFunction::Md5, "INVITE", "sip:a@b", *body),
            hexDigest(HashFunction::Md5, "INVITE:sip:a@b:" + *body));
}

TEST(SipAuthDigestHash, ConstantTimeEquals) {
  EXPECT_TRUE(constantTimeEquals("abc", "abc"));
  EXPECT_TRUE(constantTimeEquals("", ""));
  EXPECT_FALSE(constantTimeEquals("abc", "abd"));
  EXPECT_FALSE(constantTimeEquals("abc", "abcd"));
}

TEST(SipAuthAlgorithm, NamesRoundTripCaseInsensitively) {
  for (Algorithm a :
       {Algorithm::Md5, Algorithm::Md5Sess, Algorithm::Sha256, Algorithm::Sha256Sess}) {
    EXPECT_EQ(parseAlgorithm(algorithmName(a)), a);
  }
  EXPECT_EQ(parseAlgorithm("sha-256"), Algorithm::Sha256);
  EXPECT_EQ(parseAlgorithm("md5-SESS"), Algorithm::Md5Sess);
  EXPECT_FALSE(parseAlgorithm("SHA-512-256"));
  EXPECT_FALSE(parseAlgorithm(""));
}

}  // namespace
}  // namespace sb::sip::auth
