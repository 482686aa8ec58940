// Contacts as Asterisk's sorcery lists them: prune_on_boot of registered contacts.
#include "modules/res_pjsip/contact_view.hpp"

#include <gtest/gtest.h>

namespace sb::modules::res_pjsip {
namespace {

StoredContact stored(const std::string& uri, const std::string& source) {
  StoredContact contact;
  contact.uri = uri;
  contact.source = source;
  return contact;
}

TEST(ContactView, PruneOnBootOnlyForContactsNamingTheirReliableFlow) {
  // UDP contacts survive a restart.
  EXPECT_FALSE(pruneOnBoot(stored("sip:a@192.0.2.1:5060", "udp:192.0.2.1:5060"), true));
  // TCP: the URI must be the flow's address with transport=tcp, and rewritten.
  EXPECT_TRUE(
      pruneOnBoot(stored("sip:a@192.0.2.1:40000;transport=tcp", "tcp:192.0.2.1:40000"), true));
  EXPECT_FALSE(
      pruneOnBoot(stored("sip:a@192.0.2.1:40000;transport=tcp", "tcp:192.0.2.1:40000"), false));
  EXPECT_FALSE(
      pruneOnBoot(stored("sip:a@192.0.2.1:5060;transport=tcp", "tcp:192.0.2.1:40000"), true));
  EXPECT_FALSE(pruneOnBoot(stored("sip:a@192.0.2.1:40000", "tcp:192.0.2.1:40000"), true));
  // WebSocket contacts are always rewritten; WSS ones say transport=ws.
  EXPECT_TRUE(
      pruneOnBoot(stored("sip:a@[2001:db8::1]:443;transport=ws", "wss:[2001:db8::1]:443"), false));
  EXPECT_FALSE(pruneOnBoot(stored("garbage", "tcp:192.0.2.1:1"), true));
}

}  // namespace
}  // namespace sb::modules::res_pjsip
