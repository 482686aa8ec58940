#pragma once
/// @file
/// INVITE with Replaces (RFC 3891), as res_pjsip_refer's refer_incoming_invite_request and
/// pjsip_replaces_verify_request do it: the new call takes the place of the call whose
/// dialog the header names (our tag as its to-tag).
///
/// - More than one Replaces, or an unreadable one: 400. No such dialog, an early dialog we
///   did not place (a call still ringing towards us), or one without a channel: 481. A call
///   that has ended: 603. "early-only" for an answered call: 486.
/// - The replaced channel is bridged: the new call is answered and bridged with its peer
///   (PbxService::bridgeTogether), and the replaced channel is hung up (BYE).
/// - It is not (a call we placed that is still ringing, i.e. call pickup; an answered call
///   in an application): the new call serves that channel from now on
///   (Channel::replaceDriver, Asterisk's masquerade) and is answered; the replaced session
///   is ended (CANCEL, with "Call completed elsewhere" for a ringing one, or BYE).
///
/// The Request-URI's extension must exist as for any call (Asterisk checks it first).

#include "sip/message/message.hpp"

namespace sb::modules::chan_pjsip {

class InboundSession;

/// Deals with the INVITE's Replaces header; false when there is none (the call runs the
/// dialplan as usual).
bool takeReplacedCall(InboundSession& call, const sip::Message& invite);

}  // namespace sb::modules::chan_pjsip
