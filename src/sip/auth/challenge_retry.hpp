#pragma once
/// @file
/// The request to send again after a 401/407 (RFC 3261 22.2 and 8.1.3.5): the same request
/// with a new top Via branch, the next CSeq, earlier credentials dropped and the answers
/// added. For out-of-dialog requests whose senders keep the request they sent.

#include <optional>
#include <vector>

#include "sip/auth/client.hpp"
#include "sip/message/message.hpp"

namespace sb::sip::auth {

/// `request` ready to resend with `credentials`; std::nullopt when it has no Via or CSeq.
std::optional<Message> withCredentials(const Message& request,
                                       const std::vector<AuthorizationHeader>& credentials);

/// Answers the challenge in `response` (401 or 407) for `request` with `session`; the headers
/// to add, or empty when it cannot (the error is logged by the caller if it wants).
std::vector<AuthorizationHeader> answerFor(ClientAuthSession& session, const Message& request,
                                           const Message& response);

}  // namespace sb::sip::auth
