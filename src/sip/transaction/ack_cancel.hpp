#pragma once
/// @file
/// Requests the transaction layer builds itself: the ACK for a non-2xx final response
/// (RFC 3261 17.1.1.3) and CANCEL (RFC 3261 9.1).

#include <optional>

#include "sip/message/message.hpp"

namespace sb::sip {

/// ACK for a non-2xx final `response` to `invite`: the INVITE's Request-URI, top Via only,
/// Route headers, From, Call-ID and CSeq number (method ACK); the response's To (with its
/// tag); Max-Forwards 70; no body. std::nullopt when the INVITE lacks what is needed.
std::optional<Message> makeAckForNon2xx(const Message& invite, const Message& response);

/// CANCEL for `invite`: the same Request-URI, top Via only, Route headers, From, To, Call-ID
/// and CSeq number (method CANCEL); Max-Forwards 70; no body.
std::optional<Message> makeCancel(const Message& invite);

}  // namespace sb::sip
