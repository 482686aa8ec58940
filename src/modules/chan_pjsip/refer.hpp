#pragma once
/// @file
/// Call transfer by REFER inside a call's dialog (RFC 3515, RFC 3891 Replaces, RFC 4488
/// Refer-Sub), as Asterisk's res_pjsip_refer does it:
///
/// - allow_transfer=no: 603 Decline. No channel: 404. No or unreadable Refer-To (or not
///   sip/sips): 400.
/// - Otherwise 202 Accepted at once (the implicit subscription, ReferProgress), and every
///   later outcome is a NOTIFY; with "Refer-Sub: false" nothing is notified and the answer
///   is the outcome itself (200 or the failure) with "Refer-Sub: false".
/// - Blind (no Replaces): the Refer-To user (or `s`) must exist in TRANSFER_CONTEXT or the
///   endpoint's context (404 otherwise); the transferer must be bridged (400 otherwise).
///   The transferee gets BLINDTRANSFER, SIPTRANSFER, SIPREFERRINGCONTEXT, SIPREFERREDBYHDR,
///   SIPREFERTOHDR (and SIPREPLACESHDR for external_replaces), is redirected there, and the
///   transferer is hung up; BlindTransfer goes to AMI. refer_blind_progress=no reports 200
///   at once; yes follows the transferee (180, 183, then 200 when it is bridged or hears
///   media, 486/503 on busy, congestion or hang-up).
/// - Attended (Replaces naming another dialog of ours, matched either way round): the two
///   far parties are bridged together (PbxService::bridgeTogether), both transferer
///   channels hung up, 200 notified, AttendedTransfer published. An invalid Replaces is
///   400; a dialog found without a live channel 503; a Replaces naming no dialog of ours is
///   a blind transfer to the `external_replaces` extension, 404 when it does not exist.
///   Only transfers where both transferer channels are bridged are done (Asterisk also
///   moves a party into an application, e.g. a call still ringing): others get 503.

#include "sip/core/incoming_request.hpp"

namespace sb::modules::chan_pjsip {

class Session;

/// Answers a REFER received in `session`'s dialog and carries the transfer out.
void handleRefer(Session& session, sip::IncomingRequest& request);

}  // namespace sb::modules::chan_pjsip
