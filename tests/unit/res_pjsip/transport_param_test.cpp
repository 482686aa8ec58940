#include "modules/res_pjsip/location/transport_param.hpp"

#include <gtest/gtest.h>

namespace sb::modules::res_pjsip {
namespace {

TEST(TransportParam, AddedAmongTheParametersBeforeUriHeaders) {
  EXPECT_EQ(withTransportParam("sip:alice@192.0.2.1:5060", "t-udp"),
            "sip:alice@192.0.2.1:5060;x-ast-txp=t-udp");
  EXPECT_EQ(withTransportParam("sip:alice@192.0.2.1;ob?X-A=1", "t-udp"),
            "sip:alice@192.0.2.1;ob;x-ast-txp=t-udp?X-A=1");
  EXPECT_EQ(withTransportParam("sip:alice;npdi@[2001:db8::1]:5070", "t6"),
            "sip:alice;npdi@[2001:db8::1]:5070;x-ast-txp=t6");
}

TEST(TransportParam, ReplacesAnEarlierName) {
  EXPECT_EQ(withTransportParam("sip:a@192.0.2.1;x-ast-txp=old;lr", "new"),
            "sip:a@192.0.2.1;lr;x-ast-txp=new");
}

TEST(TransportParam, RemovedWhereverItIs) {
  EXPECT_EQ(withoutTransportParam("sip:a@192.0.2.1;x-ast-txp=t;transport=tcp"),
            "sip:a@192.0.2.1;transport=tcp");
  EXPECT_EQ(withoutTransportParam("sip:a@192.0.2.1;ob;X-AST-TXP=t?h=v"), "sip:a@192.0.2.1;ob?h=v");
  EXPECT_EQ(withoutTransportParam("sip:a@192.0.2.1;ob"), "sip:a@192.0.2.1;ob");
  // A user part that looks like the parameter is not a URI parameter.
  EXPECT_EQ(withoutTransportParam("sip:x;x-ast-txp=u@192.0.2.1"), "sip:x;x-ast-txp=u@192.0.2.1");
}

TEST(TransportParam, ReadBack) {
  EXPECT_EQ(transportParamOf("sip:a@192.0.2.1;x-ast-txp=transport-tcp"), "transport-tcp");
  EXPECT_EQ(transportParamOf("sip:a@192.0.2.1"), "");
  EXPECT_EQ(transportParamOf("not a uri"), "");
  EXPECT_EQ(withTransportParam("not a uri", "t"), "not a uri");
}

}  // namespace
}  // namespace sb::modules::res_pjsip
