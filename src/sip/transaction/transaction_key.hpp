#pragma once
/// @file
/// Transaction identity: matching keys (RFC 3261 17.1.3, 17.2.3 and its RFC 2543 fallback)
/// and branch generation.

#include <optional>
#include <string>
#include <string_view>

#include "sip/message/message.hpp"

namespace sb::sip {

/// A fresh branch: the RFC 3261 magic cookie followed by 128 random bits in hex.
std::string newBranch();

/// The server transaction key of `request` as if its method were `method` (pass "INVITE" to
/// look up the INVITE an ACK or CANCEL belongs to). With a magic-cookie branch: branch,
/// sent-by and method. Otherwise the RFC 2543 key: Request-URI, To tag, From tag, Call-ID,
/// CSeq number, top Via and method. std::nullopt without a top Via or CSeq.
std::optional<std::string> serverKey(const Message& request, std::string_view method);

/// The RFC 2543 key of `request` with `toTag` in place of its To tag: an RFC 2543 ACK for a
/// non-2xx response carries the response's To tag, so the transaction is also filed under
/// this key once it sends such a response.
std::optional<std::string> rfc2543Key(const Message& request, std::string_view method,
                                      std::string_view toTag);

/// The client transaction key of a request or response: top Via branch and CSeq method.
/// std::nullopt without a top Via branch or CSeq.
std::optional<std::string> clientKey(const Message& message);

}  // namespace sb::sip
