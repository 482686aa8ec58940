#pragma once
/// @file
/// Reliable provisional responses (RFC 3262, "100rel") as pure decisions: whether a UAS
/// sends its 18x reliably (or refuses the INVITE with 420/421), what a UAC asks for, and
/// whether a received 1xx needs a PRACK. The session owns RSeq, retransmission and PRACKs.

#include <cstdint>
#include <optional>
#include <string_view>

#include "sip/dialog/session_timer.hpp"
#include "sip/message/message.hpp"

namespace sb::sip {

/// Asterisk's endpoint `100rel`: no, yes (use it when the UAC requires it), required
/// (always; refuse UACs without it), peer_supported (use it whenever the UAC supports it).
enum class RelMode { No, Yes, Required, PeerSupported };

/// "no", "yes", "required", "peer_supported" (anything else: Yes).
RelMode parseRelMode(std::string_view text);

struct UasRelDecision {
  int reject = 0;         ///< 420 (we do not do 100rel) or 421 (we require it)
  ExtraHeaders headers;   ///< Unsupported / Require for the rejection
  bool reliable = false;  ///< send 101-199 reliably
};
UasRelDecision decideReliableAsUas(RelMode mode, const Message& invite);

/// What our INVITE says: the Supported tag to add ("100rel" unless mode No) and, for
/// Required, a Require: 100rel header.
bool offers100rel(RelMode mode);
ExtraHeaders uacRelHeaders(RelMode mode);

/// The RSeq of a 101-199 response that must be PRACKed (Require: 100rel with an RSeq);
/// std::nullopt otherwise.
std::optional<std::uint32_t> reliableSequence(const Message& response);

/// True when `message` lists `tag` in its Require header.
bool requiresTag(const Message& message, std::string_view tag);
/// True when `message` lists `tag` in its Supported or Require header.
bool supportsOrRequires(const Message& message, std::string_view tag);

}  // namespace sb::sip
