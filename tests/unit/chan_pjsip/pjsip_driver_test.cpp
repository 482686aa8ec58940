#include "modules/chan_pjsip/pjsip_driver.hpp"

#include <gtest/gtest.h>

namespace sb::modules::chan_pjsip {
namespace {

TEST(PjsipDialString, ExtenReplacesTheContactsUser) {
  EXPECT_EQ(withUser("sip:bob@192.0.2.1:5060;transport=tcp", "200"),
            "sip:200@192.0.2.1:5060;transport=tcp");
  EXPECT_EQ(withUser("sip:192.0.2.1", "200"), "sip:200@192.0.2.1");
  EXPECT_EQ(withUser("sips:bob:pw@host", "x"), "sips:x@host");
}

}  // namespace
}  // namespace sb::modules::chan_pjsip
