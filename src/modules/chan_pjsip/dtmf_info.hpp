#pragma once
/// @file
/// DTMF in SIP INFO as res_pjsip_dtmf_info reads and chan_pjsip writes it:
/// application/dtmf (the digit, or its event number 0-16) and application/dtmf-relay
/// ("Signal=5\r\nDuration=160\r\n").

#include <optional>
#include <string>
#include <string_view>

namespace sb::modules::chan_pjsip {

struct InfoDigit {
  char digit = '\0';  ///< '0'-'9', '*', '#', 'A'-'D', '!' (flash); '\0' when unreadable
  unsigned durationMs = 100;
};

/// The digit of an INFO whose Content-Type is application/`subtype`; std::nullopt when the
/// INFO is not DTMF (another type), an InfoDigit with '\0' when its body is unreadable.
std::optional<InfoDigit> parseDtmfInfo(std::string_view subtype, std::string_view body);

/// The application/dtmf-relay body for `digit`.
std::string dtmfRelayBody(char digit, unsigned durationMs);

}  // namespace sb::modules::chan_pjsip
