#pragma once
/// @file
/// Asterisk's hang-up causes (Q.850 numbers): their text and the mapping to and from SIP
/// status codes that chan_pjsip uses.

#include <string>
#include <string_view>
#include <vector>

namespace sb::modules::pbx {

namespace cause {
inline constexpr int kUnallocated = 1;
inline constexpr int kNoRouteDestination = 3;
inline constexpr int kNormalClearing = 16;
inline constexpr int kUserBusy = 17;
inline constexpr int kNoUserResponse = 18;
inline constexpr int kNoAnswer = 19;
inline constexpr int kCallRejected = 21;
inline constexpr int kAnsweredElsewhere = 26;
inline constexpr int kDestinationOutOfOrder = 27;
inline constexpr int kCongestion = 34;
inline constexpr int kFailure = 38;
inline constexpr int kRequestedChannelUnavailable = 44;
inline constexpr int kBearerCapabilityNotAvailable = 58;
inline constexpr int kRecoveryOnTimerExpire = 102;
inline constexpr int kInterworking = 127;
}  // namespace cause

/// ast_cause2str().
std::string_view causeText(int cause);

/// DIALSTATUS (and DialEnd's DialStatus) for a dial nobody answered, from the causes its
/// legs ended with: BUSY, CONGESTION, NOANSWER or CHANUNAVAIL.
std::string dialStatusForCauses(const std::vector<int>& causes);
/// The final response an unanswered inbound SIP call gets for `cause` (chan_pjsip
/// hangup_cause2sip; 603 where it has no mapping).
int causeToSipStatus(int cause);
/// The cause a SIP failure response maps to (chan_pjsip hangup_sip2cause).
int sipStatusToCause(int status);
/// Standard reason phrase for a status code we send.
std::string_view reasonPhrase(int status);

}  // namespace sb::modules::pbx
