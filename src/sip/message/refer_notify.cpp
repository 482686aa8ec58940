#include "sip/message/refer_notify.hpp"

#include <fmt/format.h>

namespace sb::sip {

std::string sipfragStatusLine(int status, std::string_view reason) {
  return fmt::format("SIP/2.0 {} {}\r\n", status, reason);
}

std::string referSubscriptionState(bool terminated, unsigned secondsLeft) {
  return terminated ? std::string("terminated;reason=noresource")
                    : fmt::format("active;expires={}", secondsLeft);
}

}  // namespace sb::sip
