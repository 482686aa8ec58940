// The pure parts of originate: caller id and dial string splitting, Reason codes.
#include <gtest/gtest.h>

#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/originate.hpp"

namespace sb::modules::pbx {
namespace {

TEST(OriginateCallerId, NameAndNumber) {
  EXPECT_EQ(parseCallerId("Alice <100>"), std::make_pair(std::string("Alice"), std::string("100")));
  EXPECT_EQ(parseCallerId("\"Bob Smith\" <+1 (555) 123-4567>"),
            std::make_pair(std::string("Bob Smith"), std::string("+15551234567")));
  EXPECT_EQ(parseCallerId("<200>"), std::make_pair(std::string(), std::string("200")));
}

TEST(OriginateCallerId, LoneWord) {
  EXPECT_EQ(parseCallerId("6001"), std::make_pair(std::string(), std::string("6001")));
  EXPECT_EQ(parseCallerId("Reception"), std::make_pair(std::string("Reception"), std::string()));
  EXPECT_EQ(parseCallerId(""), std::make_pair(std::string(), std::string()));
}

TEST(OriginateDialString, Splits) {
  std::string tech, resource;
  ASSERT_TRUE(splitDialString("PJSIP/alice", tech, resource));
  EXPECT_EQ(tech, "PJSIP");
  EXPECT_EQ(resource, "alice");
  ASSERT_TRUE(splitDialString("PJSIP/sip:bob@10.0.0.1/x", tech, resource));
  EXPECT_EQ(resource, "sip:bob@10.0.0.1/x");
  EXPECT_FALSE(splitDialString("alice", tech, resource));
  EXPECT_FALSE(splitDialString("/alice", tech, resource));
  EXPECT_FALSE(splitDialString("PJSIP/", tech, resource));
}

TEST(OriginateReason, FromCauses) {
  EXPECT_EQ(originateReasonForCause(cause::kUserBusy), originate_reason::kBusy);
  EXPECT_EQ(originateReasonForCause(cause::kCallRejected), originate_reason::kCongestion);
  EXPECT_EQ(originateReasonForCause(cause::kCongestion), originate_reason::kCongestion);
  EXPECT_EQ(originateReasonForCause(cause::kNoAnswer), originate_reason::kRingTimeout);
  EXPECT_EQ(originateReasonForCause(cause::kUnallocated), originate_reason::kFailed);
  EXPECT_EQ(originateReasonForCause(0), originate_reason::kFailed);
  // A declined call (603) maps to cause 21 and so to congestion, as in Asterisk.
  EXPECT_EQ(originateReasonForCause(sipStatusToCause(603)), originate_reason::kCongestion);
  EXPECT_EQ(originateReasonForCause(sipStatusToCause(486)), originate_reason::kBusy);
}

}  // namespace
}  // namespace sb::modules::pbx
