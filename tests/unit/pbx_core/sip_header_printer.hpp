#pragma once
// Readable SipHeader values in GoogleTest failure messages.

#include <ostream>

#include "modules/pbx/sip_header_list.hpp"

namespace sb::modules::pbx {

inline void PrintTo(const SipHeader& header, std::ostream* out) {
  *out << header.name << ": " << header.value;
}

}  // namespace sb::modules::pbx
