#include "modules/res_pjsip_outbound_registration/registration_commands.hpp"

#include <gtest/gtest.h>

namespace sb::modules::res_pjsip_outbound_registration {
namespace {

TEST(RegistrationCommandsTest, RowHasAsteriskColumns) {
  EXPECT_EQ(registrationRow("itsp-reg", "sip:itsp.example.com:5060", "itsp-auth", "Rejected", 56),
            " itsp-reg/sip:itsp.example.com:5060                      itsp-auth                 "
            "  Rejected          (exp. 56s)\n");
  EXPECT_EQ(registrationRow("t", "sip:192.0.2.1", "n/a", "Registered", -3),
            " t/sip:192.0.2.1" + std::string(41, ' ') + "n/a" + std::string(25, ' ') +
                "Registered        (exp. 3s ago)\n");
  // The id/URI column is cut at 54 characters.
  const auto row =
      registrationRow(std::string(60, 'x'), "sip:h", "a", "Unregistered", std::nullopt);
  EXPECT_EQ(row,
            " " + std::string(54, 'x') + "  a" + std::string(25, ' ') + "  Unregistered    \n");
}

}  // namespace
}  // namespace sb::modules::res_pjsip_outbound_registration
