#include <gtest/gtest.h>

#include "modules/chan_pjsip/dtmf_mode.hpp"

namespace sb::modules::chan_pjsip {
namespace {

TEST(DtmfMode, FixedModesIgnoreTheNegotiation) {
  for (const bool negotiated : {false, true}) {
    EXPECT_EQ(dtmfMethod("rfc4733", negotiated), DtmfMethod::Rfc4733);
    EXPECT_EQ(dtmfMethod("info", negotiated), DtmfMethod::Info);
    EXPECT_EQ(dtmfMethod("inband", negotiated), DtmfMethod::Inband);
    EXPECT_EQ(dtmfMethod("none", negotiated), DtmfMethod::None);
  }
}

TEST(DtmfMode, AutoModesFallBackWithoutTelephoneEvent) {
  EXPECT_EQ(dtmfMethod("auto", true), DtmfMethod::Rfc4733);
  EXPECT_EQ(dtmfMethod("auto", false), DtmfMethod::Inband);
  EXPECT_EQ(dtmfMethod("auto_info", true), DtmfMethod::Rfc4733);
  EXPECT_EQ(dtmfMethod("auto_info", false), DtmfMethod::Info);
}

TEST(DtmfMode, UnknownIsTheDefault) {
  EXPECT_EQ(dtmfMethod("", false), DtmfMethod::Rfc4733);
}

}  // namespace
}  // namespace sb::modules::chan_pjsip
