#pragma once
/// @file
/// Building responses from requests (RFC 3261 8.2.6).

#include <optional>
#include <string_view>

#include "sip/message/message.hpp"
#include "sip/message/parser.hpp"

namespace sb::sip {

/// A response to request: status line "SIP/2.0 code reason", then copies of every Via (in
/// order), From, To, Call-ID and CSeq exactly as received, Timestamp for a 100, every
/// Record-Route (in order) for a 101-299 (RFC 3261 12.1.1), and
/// "Content-Length: 0". When toTag is non-empty and the To has no tag, ";tag=toTag" is
/// appended to the To. std::nullopt when request is not a request or the code is invalid.
std::optional<Message> makeResponse(const Message& request, int code, std::string_view reason,
                                    std::string_view toTag = {});

/// The response that rejects a request the parser refused (error.status, error.reason).
std::optional<Message> makeErrorResponse(const Message& request, const ParseError& error,
                                         std::string_view toTag = {});

}  // namespace sb::sip
