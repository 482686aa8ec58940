#include "modules/res_pjsip_registrar/binding_update.hpp"

#include <gtest/gtest.h>

#include <deque>

namespace sb::modules::res_pjsip_registrar {
namespace {

class BindingUpdateTest : public ::testing::Test {
 protected:
  BindingUpdateTest() {
    aor_.id = "6001";
    aor_.maxContacts = 1;
    request_.aor = "6001";
    request_.endpoint = "6001";
    request_.callId = "call-1";
    request_.cseq = 1;
    request_.now = 1000;
  }

  /// Adds a Contact header value to the request (the text is kept alive here).
  void contact(std::string value) {
    texts_.push_back(std::move(value));
    auto parsed = sip::parseNameAddr(texts_.back(), true);
    ASSERT_TRUE(parsed) << texts_.back();
    request_.contacts.push_back(*parsed);
  }

  /// An existing binding.
  void existing(const std::string& uri, std::int64_t expiresAt,
                res_pjsip::ContactState state = res_pjsip::ContactState::Unknown,
                std::string instance = {}) {
    LocatedContact located;
    located.data.id = contactId("6001", uri);
    located.data.aor = "6001";
    located.data.uri = uri;
    located.data.expiresAt = expiresAt;
    located.data.instance = std::move(instance);
    located.state = state;
    existing_.push_back(located);
  }

  RegisterDecision decide() {
    std::vector<const LocatedContact*> pointers;
    for (const auto& located : existing_) {
      pointers.push_back(&located);
    }
    return decideRegistration(request_, aor_, pointers);
  }

  AorConfig aor_;
  RegisterRequest request_;
  std::deque<std::string> texts_;
  std::deque<LocatedContact> existing_;
};

TEST_F(BindingUpdateTest, AddsABindingWithTheDefaultExpiration) {
  contact("<sip:6001@192.0.2.10:5060;ob>");
  auto decision = decide();
  ASSERT_EQ(decision.status, 200);
  ASSERT_EQ(decision.change.put.size(), 1u);
  EXPECT_EQ(decision.change.put[0].uri, "sip:6001@192.0.2.10:5060;ob");
  EXPECT_EQ(decision.change.put[0].expiresAt, 1000 + 3600);
  EXPECT_EQ(decision.change.put[0].id.rfind("6001;@", 0), 0u);
  EXPECT_TRUE(decision.change.remove.empty());
}

TEST_F(BindingUpdateTest, ContactExpiresBeatsTheHeaderAndIsClampedToTheMaximum) {
  request_.expires = 120;
  contact("<sip:a@192.0.2.10>;expires=99999");
  auto decision = decide();
  ASSERT_EQ(decision.status, 200);
  EXPECT_EQ(decision.change.put[0].expiresAt, 1000 + 7200);
}

TEST_F(BindingUpdateTest, TooBriefIsRefusedWith423AndMinExpires) {
  request_.expires = 30;
  contact("<sip:a@192.0.2.10>");
  auto decision = decide();
  EXPECT_EQ(decision.status, 423);
  ASSERT_EQ(decision.headers.size(), 1u);
  EXPECT_EQ(decision.headers[0].first, "Min-Expires");
  EXPECT_EQ(decision.headers[0].second, "60");
}

TEST_F(BindingUpdateTest, MaxContactsZeroRefusesEveryRegistration) {
  aor_.maxContacts = 0;
  contact("<sip:a@192.0.2.10>");
  EXPECT_EQ(decide().status, 403);
}

TEST_F(BindingUpdateTest, NonSipContactIs416) {
  contact("<tel:+15551234>");
  EXPECT_EQ(decide().status, 416);
}

TEST_F(BindingUpdateTest, WildcardNeedsExpiresZeroAndRemovesAll) {
  existing("sip:a@192.0.2.10", 2000);
  existing("sip:b@192.0.2.11", 3000);
  contact("*");
  EXPECT_EQ(decide().status, 400);  // no Expires: 0
  request_.expires = 0;
  auto decision = decide();
  ASSERT_EQ(decision.status, 200);
  EXPECT_EQ(decision.change.remove.size(), 2u);
  EXPECT_TRUE(decision.change.put.empty());
}

TEST_F(BindingUpdateTest, ExpiresZeroRemovesOneBinding) {
  aor_.maxContacts = 5;
  existing("sip:a@192.0.2.10", 2000);
  existing("sip:b@192.0.2.11", 3000);
  contact("<sip:a@192.0.2.10>;expires=0");
  auto decision = decide();
  ASSERT_EQ(decision.status, 200);
  ASSERT_EQ(decision.change.remove.size(), 1u);
  EXPECT_EQ(decision.change.remove[0], contactId("6001", "sip:a@192.0.2.10"));
}

TEST_F(BindingUpdateTest, FullAorRefusesANewContactWithoutRemoveExisting) {
  existing("sip:a@192.0.2.10", 2000);
  contact("<sip:b@192.0.2.11>");
  EXPECT_EQ(decide().status, 403);
}

TEST_F(BindingUpdateTest, RefreshingTheSameContactFitsAFullAor) {
  existing("sip:a@192.0.2.10", 2000);
  contact("<sip:a@192.0.2.10>");
  auto decision = decide();
  ASSERT_EQ(decision.status, 200);
  EXPECT_TRUE(decision.change.remove.empty());
}

TEST_F(BindingUpdateTest, RemoveExistingEvictsTheSoonestToExpire) {
  aor_.maxContacts = 2;
  aor_.removeExisting = true;
  existing("sip:late@192.0.2.10", 5000);
  existing("sip:soon@192.0.2.11", 1500);
  contact("<sip:new@192.0.2.12>");
  auto decision = decide();
  ASSERT_EQ(decision.status, 200);
  ASSERT_EQ(decision.change.remove.size(), 1u);
  EXPECT_EQ(decision.change.remove[0], contactId("6001", "sip:soon@192.0.2.11"));
}

TEST_F(BindingUpdateTest, RemoveUnavailableEvictsUnreachableFirst) {
  aor_.maxContacts = 2;
  aor_.removeUnavailable = true;
  existing("sip:up@192.0.2.10", 1500, res_pjsip::ContactState::Reachable);
  existing("sip:down@192.0.2.11", 5000, res_pjsip::ContactState::Unreachable);
  contact("<sip:new@192.0.2.12>");
  auto decision = decide();
  ASSERT_EQ(decision.status, 200);
  ASSERT_EQ(decision.change.remove.size(), 1u);
  EXPECT_EQ(decision.change.remove[0], contactId("6001", "sip:down@192.0.2.11"));
}

TEST_F(BindingUpdateTest, SameInstanceFromANewPortReplacesTheOldBinding) {
  existing("sip:a@192.0.2.10:5060", 2000, res_pjsip::ContactState::Unknown,
           "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>");
  contact(
      "<sip:a@192.0.2.10:6000>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");
  auto decision = decide();
  ASSERT_EQ(decision.status, 200);
  ASSERT_EQ(decision.change.remove.size(), 1u);
  EXPECT_EQ(decision.change.remove[0], contactId("6001", "sip:a@192.0.2.10:5060"));
  EXPECT_EQ(decision.change.put[0].instance, "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>");
}

TEST_F(BindingUpdateTest, MoreNewContactsThanAllowedIsRefusedEvenWithRemoveExisting) {
  aor_.removeExisting = true;
  contact("<sip:a@192.0.2.10>");
  contact("<sip:b@192.0.2.11>");
  EXPECT_EQ(decide().status, 403);
}

TEST_F(BindingUpdateTest, QueryWithoutContactsChangesNothing) {
  existing("sip:a@192.0.2.10", 2000);
  auto decision = decide();
  EXPECT_EQ(decision.status, 200);
  EXPECT_TRUE(decision.change.put.empty());
  EXPECT_TRUE(decision.change.remove.empty());
}

TEST_F(BindingUpdateTest, SymmetricTransportNamesTheTransportButKeepsTheUasId) {
  request_.symmetricTransport = "transport-tcp";
  contact("<sip:6001@192.0.2.10:5060;transport=tcp>");
  auto decision = decide();
  ASSERT_EQ(decision.change.put.size(), 1u);
  EXPECT_EQ(decision.change.put[0].uri,
            "sip:6001@192.0.2.10:5060;transport=tcp;x-ast-txp=transport-tcp");
  EXPECT_EQ(decision.change.put[0].id, contactId("6001", "sip:6001@192.0.2.10:5060;transport=tcp"));
}

TEST_F(BindingUpdateTest, SymmetricTransportContactIsRemovedByTheUasOwnUri) {
  existing("sip:6001@192.0.2.10:5060;transport=tcp", 2000);
  request_.symmetricTransport = "transport-tcp";
  contact("<sip:6001@192.0.2.10:5060;transport=tcp>;expires=0");
  auto decision = decide();
  EXPECT_TRUE(decision.change.put.empty());
  ASSERT_EQ(decision.change.remove.size(), 1u);
}

}  // namespace
}  // namespace sb::modules::res_pjsip_registrar
