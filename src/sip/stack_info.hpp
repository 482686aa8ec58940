#pragma once
/// @file
/// Identity of the SIP stack library (src/sip/): Switchboard's own RFC 3261 stack, usable
/// without the rest of Switchboard.

#include <string_view>

namespace sb::sip {

/// "Switchboard SIP stack"
std::string_view stackName();

}  // namespace sb::sip
