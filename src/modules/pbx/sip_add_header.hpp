#pragma once
/// @file
/// chan_sip's SIPAddHeader convention: each header to add to a call's INVITE is a channel
/// variable `__SIPADDHEADERnn` holding "Name: value". The `__` makes Dial copy it to the
/// outbound channels, whose INVITE then carries every variable whose name begins with
/// SIPADDHEADER.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {

/// SIPAddHeader stores at most this many headers (SIPADDHEADER01 to SIPADDHEADER51: chan_sip
/// checks one more slot than its "max 50" warning says).
inline constexpr int kMaxSipAddHeaders = 51;

/// Decodes backslash escapes as ast_get_encoded_str does: \n \r \t, \xH or \xHH, \0 followed
/// by octal digits, any other escaped character as itself. Decoding stops at a NUL it
/// produces, at a trailing backslash, and at a bad hexadecimal digit (then `error` says why).
std::string decodeEscapes(std::string_view text, std::string& error);

/// The name of the first free SIPADDHEADERnn slot of `channel` ("SIPADDHEADER01"), or
/// std::nullopt when all are taken.
std::optional<std::string> freeSipAddHeaderSlot(const Channel& channel);

/// Removes SIPADDHEADER variables (every form of the name) whose value begins with `prefix`
/// (case-insensitive; empty removes them all). Returns how many headers went.
std::size_t removeSipAddHeaders(Channel& channel, std::string_view prefix);

/// The headers the SIPADDHEADER variables of `channel` ask for, in Asterisk's order (newest
/// variable first), parsed as chan_sip does: an optional leading `"`, the name up to the
/// first `:`, the value after it without leading blanks or one trailing `"`. Values without
/// a colon are skipped.
std::vector<SipHeader> sipAddHeaders(const Channel& channel);

}  // namespace sb::modules::pbx
