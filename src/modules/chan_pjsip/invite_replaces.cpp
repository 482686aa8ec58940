#include "modules/chan_pjsip/invite_replaces.hpp"

#include "core/log/logger.hpp"
#include "modules/chan_pjsip/inbound_session.hpp"
#include "modules/chan_pjsip/session_table.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "sip/dialog/dialog.hpp"
#include "sip/message/replaces.hpp"

namespace sb::modules::chan_pjsip {

namespace {

/// pjsip_replaces_verify_request's answer for the session a Replaces names; 0 when it may
/// be replaced.
int refusalFor(const Session* replaced, const InboundSession& call, const sip::Replaces& header) {
  if (!replaced || replaced == &call) {
    return 481;
  }
  if (replaced->finished()) {
    return 603;
  }
  if (header.earlyOnly && !replaced->earlyDialog()) {
    return 486;
  }
  if (replaced->earlyDialog() && !replaced->outgoing()) {
    return 481;  // RFC 3891 3: an early dialog this UA did not initiate
  }
  auto channel = replaced->channel();
  if (!channel || channel->hungUp()) {
    return 481;
  }
  return 0;
}

}  // namespace

bool takeReplacedCall(InboundSession& call, const sip::Message& invite) {
  const auto values = invite.values(sip::HeaderId::Replaces);
  if (values.empty()) {
    return false;
  }
  auto header = values.size() == 1 ? sip::parseReplaces(values.front()) : std::nullopt;
  if (!header) {
    call.refuse(400);
    return true;
  }
  auto& table = call.context().table;
  const std::string key = sip::DialogId{header->callId, header->toTag, header->fromTag}.key();
  auto replaced = table.findDialog(key);
  if (!replaced) {
    replaced = table.findEarlyDialog(key);
  }
  if (const int refusal = refusalFor(replaced.get(), call, *header); refusal != 0) {
    SB_DEBUG(3, "INVITE with Replaces from endpoint '{}' refused with {}", call.endpointName(),
             refusal);
    call.refuse(refusal);
    return true;
  }
  auto channel = replaced->channel();
  auto& pbx = call.context().pbx;
  if (auto peer = channel->bridgedWith.lock()) {
    // The new call joins the peer in a bridge of their own; the replaced one goes.
    auto fresh = call.createChannel();
    SB_VERBOSE(3, "INVITE with Replaces: '{}' replaces '{}'", fresh->name(), channel->name());
    call.answer(*fresh);
    fresh->requestHandOver();
    fresh->releaseToTaker();  // nothing drives it yet
    pbx.bridgeTogether(peer, fresh);
    channel->hangup(pbx::cause::kNormalClearing);
    return true;
  }
  // Not bridged: the new call serves the replaced channel where it is.
  SB_VERBOSE(3, "INVITE with Replaces: endpoint '{}' now serves '{}'", call.endpointName(),
             channel->name());
  const bool ringing = replaced->earlyDialog();
  auto previous = channel->replaceDriver(call.shared_from_this());
  replaced->detachChannel();
  call.adoptChannel(channel);
  call.answer(*channel);
  if (previous) {
    previous->hangup(*channel,
                     ringing ? pbx::cause::kAnsweredElsewhere : pbx::cause::kNormalClearing);
  }
  return true;
}

}  // namespace sb::modules::chan_pjsip
