#include "sip/stack_info.hpp"

namespace sb::sip {

std::string_view stackName() { return "Switchboard SIP stack"; }

}  // namespace sb::sip
