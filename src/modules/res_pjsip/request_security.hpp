#pragma once
/// @file
/// Security events for SIP requests with Asterisk's fields (SecurityEvent, Service=PJSIP,
/// AccountID, SessionID, LocalAddress, RemoteAddress, ...), and the NOTICE line
/// "Request 'X' from 'Y' failed for 'addr' (callid: Z) - reason" that fail2ban's stock
/// asterisk filter matches.

#include <string_view>

#include "core/events/event_bus.hpp"
#include "core/util/registration.hpp"
#include "sip/core/incoming_request.hpp"

namespace sb::modules::res_pjsip::security {

/// Whether a security event would reach anybody (a security log channel or a bus subscriber
/// taking class security): events are built only then, they are too costly to waste on every
/// REGISTER.
bool wanted();

/// Also publish every security event to `events` (class security) until the registration
/// is dropped.
[[nodiscard]] Registration publishTo(events::EventBus& events);

/// InvalidAccountID: nobody is configured with this name.
void invalidAccountId(const sip::IncomingRequest& request, std::string_view account);
/// ChallengeSent: a 401 went out with this nonce.
void challengeSent(const sip::IncomingRequest& request, std::string_view account,
                   std::string_view nonce);
/// InvalidPassword: the response did not match (or the account is unknown, which must look
/// the same on the wire).
void invalidPassword(const sip::IncomingRequest& request, std::string_view account,
                     std::string_view challenge, std::string_view receivedChallenge,
                     std::string_view receivedHash);
/// ChallengeResponseFailed: credentials that could not be checked at all.
void challengeResponseFailed(const sip::IncomingRequest& request, std::string_view account,
                             std::string_view challenge, std::string_view response);
/// SuccessfulAuth.
void successfulAuth(const sip::IncomingRequest& request, std::string_view account);
/// FailedACL: the source or the Contact was refused by an ACL.
void failedAcl(const sip::IncomingRequest& request, std::string_view account,
               std::string_view aclName);

/// The NOTICE line Asterisk's distributor logs for refused requests.
void logFailedRequest(const sip::IncomingRequest& request, std::string_view reason);

}  // namespace sb::modules::res_pjsip::security
