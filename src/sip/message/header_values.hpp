#pragma once
/// @file
/// Typed values of the simpler headers: CSeq, scalars, Content-Type, token lists, Event,
/// Subscription-State, RAck. All views point into the header value.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sip/message/params.hpp"
#include "sip/message/start_line.hpp"

namespace sb::sip {

/// Largest CSeq number RFC 3261 8.1.1.5 allows (2^31 - 1).
inline constexpr std::uint32_t kMaxCSeq = 0x7FFFFFFF;

/// "CSeq: 4711 INVITE".
struct CSeq {
  std::uint32_t number = 0;
  std::string_view methodText;
  Method method = Method::Unknown;
};
std::optional<CSeq> parseCSeq(std::string_view value);

/// delta-seconds / plain unsigned scalar up to max (Expires, Min-Expires, Max-Forwards, ...).
std::optional<std::uint32_t> parseScalar(std::string_view value, std::uint32_t max);

/// "type/subtype;params" (Content-Type, Accept elements).
struct MediaType {
  std::string_view type;
  std::string_view subtype;
  ParamList params;
};
std::optional<MediaType> parseMediaType(std::string_view value);

/// Comma-separated tokens (Allow, Supported, Require, Proxy-Require, Unsupported,
/// Allow-Events); appends to out. False when an element is not a token.
bool parseTokenList(std::string_view value, std::vector<std::string_view>& out);

/// "Event: presence;id=1" (RFC 6665).
struct EventHeader {
  std::string_view package;  ///< "presence", "dialog", "refer", ...
  ParamList params;
  std::string_view id() const { return params.get("id"); }
};
std::optional<EventHeader> parseEvent(std::string_view value);

/// "Subscription-State: active;expires=600" (RFC 6665).
struct SubscriptionState {
  std::string_view state;  ///< "active", "pending", "terminated" or extension
  ParamList params;
  std::optional<std::uint32_t> expires() const;
  std::string_view reason() const { return params.get("reason"); }
};
std::optional<SubscriptionState> parseSubscriptionState(std::string_view value);

/// "RAck: 776656 1 INVITE" (RFC 3262).
struct RAck {
  std::uint32_t rseq = 0;
  std::uint32_t cseq = 0;
  std::string_view methodText;
  Method method = Method::Unknown;
};
std::optional<RAck> parseRAck(std::string_view value);

}  // namespace sb::sip
