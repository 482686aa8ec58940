#pragma once
/// @file
/// The headers of a received INVITE as PJSIP_HEADER sees them in Asterisk, where pjsip has
/// parsed them first: headers pjsip knows are named its way whatever the case or compact
/// form received ("v", "VIA" → "Via"); a Via, Contact, Route or Record-Route line listing
/// several values is one header per value; Supported and Require lines are merged into the
/// first; list headers (Accept, Allow, Require, Supported, Unsupported) are written with ", "
/// between their items. Other headers keep their name and value as received.

#include <vector>

#include "modules/pbx/sip_header_list.hpp"
#include "sip/message/message.hpp"

namespace sb::modules::chan_pjsip {

/// The headers of `message` in order, read as described above.
std::vector<pbx::SipHeader> headersAsPjsipReadsThem(const sip::Message& message);

}  // namespace sb::modules::chan_pjsip
