#include "modules/chan_pjsip/refer.hpp"

#include <fmt/format.h>

#include "core/log/logger.hpp"
#include "modules/chan_pjsip/refer_progress.hpp"
#include "modules/chan_pjsip/session.hpp"
#include "modules/chan_pjsip/session_table.hpp"
#include "modules/pbx/bridge.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "modules/pbx/transfer_events.hpp"
#include "sip/message/refer_to.hpp"
#include "sip/message/replaces.hpp"
#include "sip/message/text.hpp"

namespace sb::modules::chan_pjsip {

namespace {

using ChannelPtr = std::shared_ptr<pbx::Channel>;

using pbx::TransferResult;

/// "Refer-Sub: false" (RFC 4488) asks for no subscription; anything but "true" counts, as
/// res_pjsip_refer compares it.
bool refusesSubscription(const sip::Message& refer) {
  const std::string_view value = sip::text::trim(refer.value("Refer-Sub"));
  return refer.find("Refer-Sub") && !sip::text::iequals(value.substr(0, 4), "true");
}

/// One REFER being carried out: its answer, its progress and the transfer itself.
class ReferTransfer {
 public:
  ReferTransfer(Session& session, sip::IncomingRequest& request, ChannelPtr transferer,
                sip::ReferTarget target)
      : session_(session),
        request_(request),
        pbx_(session.context().pbx),
        transferer_(std::move(transferer)),
        target_(std::move(target)),
        noReferSub_(refusesSubscription(request.message())) {}

  void run() {
    progress_ = std::make_shared<ReferProgress>(session_.shared_from_this(), !noReferSub_);
    if (!noReferSub_) {
      // Accepted at once; every outcome is a NOTIFY from here on.
      sip::HeaderList headers{contact()};
      if (request_.message().find("Refer-Sub")) {
        headers.emplace_back("Refer-Sub", "true");
      }
      request_.respond(202, "Accepted", headers);
    }
    const int status = target_.replaces
                           ? attended(*target_.replaces)
                           : blind(target_.user.empty() ? "s" : target_.user, transferContext());
    if (status != 0) {
      finish(status);
    }
  }

 private:
  std::pair<std::string, std::string> contact() const {
    return {"Contact", fmt::format("<{}>", session_.dialog()->localContact())};
  }

  /// The outcome, when it is not a success already reported: a NOTIFY, or (no
  /// subscription) the answer to the REFER.
  void finish(int status) {
    if (noReferSub_) {
      sip::HeaderList headers{{"Refer-Sub", "false"}};
      if (status / 100 == 2) {
        headers.insert(headers.begin(), contact());
      }
      request_.respond(status, pbx::reasonPhrase(status), headers);
      return;
    }
    progress_->notify(status);
  }

  /// DETERMINE_TRANSFER_CONTEXT: the transferer's TRANSFER_CONTEXT, else its endpoint's.
  std::string transferContext() const {
    auto context = pbx_.readVariable(transferer_.get(), "TRANSFER_CONTEXT");
    return context && !context->empty() ? *context : session_.endpoint().context;
  }

  bool extensionExists(const std::string& context, const std::string& exten) const {
    auto dialplan = pbx_.dialplan();
    return dialplan && dialplan->exists(context, exten, 1, "");
  }

  /// A blind transfer of the transferer's peer to exten@context (`replaces`: the
  /// external_replaces case). 0 once done and reported, else the failure status.
  int blind(const std::string& exten, const std::string& context,
            const sip::Replaces* replaces = nullptr) {
    if (!extensionExists(context, exten)) {
      SB_ERROR(
          "Channel '{}' from endpoint '{}' attempted blind transfer to '{}@{}' but target does "
          "not exist",
          transferer_->name(), session_.endpointName(), exten, context);
      return 404;
    }
    auto transferee = transferer_->bridgedWith.lock();
    if (!transferee || transferee->hungUp()) {
      publishBlind(TransferResult::Invalid, nullptr, context, exten);
      return 400;
    }
    // What ast_bridge_transfer_blind and refer_blind_callback leave on the transferee.
    transferee->setVariable("BLINDTRANSFER", transferer_->name());
    transferee->removeVariable("ATTENDEDTRANSFER");
    transferee->setVariable("SIPTRANSFER", "yes");
    if (progress_->subscribed()) {
      if (!replaces && !session_.endpoint().referBlindProgress) {
        progress_->notify(200);
      } else {
        progress_->follow(*transferee);
      }
    }
    transferee->setVariable("SIPREFERRINGCONTEXT", context);
    const auto& refer = request_.message();
    if (refer.find(sip::HeaderId::ReferredBy)) {
      pbx_.setVariable(transferee.get(), "__SIPREFERREDBYHDR",
                       std::string(sip::text::trim(refer.value(sip::HeaderId::ReferredBy))));
    } else {
      transferee->removeVariable("SIPREFERREDBYHDR");
    }
    if (replaces) {
      pbx_.setVariable(transferee.get(), "__SIPREPLACESHDR", replaces->str());
    } else {
      transferee->removeVariable("SIPREPLACESHDR");
    }
    transferee->setVariable("SIPREFERTOHDR", target_.uri);
    const auto event = blindFields(TransferResult::Success, transferee.get(), context, exten);
    SB_VERBOSE(3, "Blind transfer of '{}' by '{}' to {}@{}", transferee->name(),
               transferer_->name(), exten, context);
    pbx_.redirect(*transferee, {context, exten, 1});
    accepted();
    transferer_->hangup(pbx::cause::kNormalClearing);
    pbx_.publish("BlindTransfer", events::kCall, event);
    return 0;
  }

  /// An attended transfer to the dialog `replacesText` names. 0 once done and reported,
  /// else the failure status.
  int attended(const std::string& replacesText) {
    auto replaces = sip::parseReplaces(replacesText);
    if (!replaces) {
      SB_ERROR(
          "Received REFER request on channel '{}' from endpoint '{}' with invalid Replaces "
          "header, rejecting",
          transferer_->name(), session_.endpointName());
      return 400;
    }
    auto other = findSession(*replaces);
    if (!other) {
      // Not one of our dialogs: the dialplan's external_replaces extension deals with it.
      const std::string context = transferContext();
      if (!extensionExists(context, "external_replaces")) {
        SB_ERROR(
            "Received REFER for remote session on channel '{}' from endpoint '{}' but "
            "'external_replaces' extension not found in context {}",
            transferer_->name(), session_.endpointName(), context);
        return 404;
      }
      return blind("external_replaces", context, &*replaces);
    }
    auto second = other->channel();
    if (other.get() == &session_ || !second || second->hungUp()) {
      SB_DEBUG(3,
               "Received REFER request on channel '{}' from endpoint '{}' for local dialog but "
               "no session exists on it",
               transferer_->name(), session_.endpointName());
      return 503;
    }
    auto transferee = transferer_->bridgedWith.lock();
    auto target = second->bridgedWith.lock();
    if (!transferee && !target) {
      SB_WARNING("Attended transfer from '{}' to '{}' not done: neither call is bridged",
                 transferer_->name(), second->name());
      publishAttended(TransferResult::Invalid, *second, nullptr, nullptr, {});
      return 400;
    }
    if (!transferee || !target) {
      return intoApplication(*second, transferee, target);
    }
    transferee->setVariable("ATTENDEDTRANSFER", transferer_->name());
    transferee->removeVariable("BLINDTRANSFER");
    auto fields = attendedFields(TransferResult::Success, *second, transferee.get(), target.get());
    const std::string bridge = pbx_.bridgeTogether(transferee, target);
    SB_VERBOSE(3, "Attended transfer by '{}' and '{}': '{}' and '{}' bridged in {}",
               transferer_->name(), second->name(), transferee->name(), target->name(), bridge);
    accepted();
    progress_->notify(200);
    transferer_->hangup(pbx::cause::kNormalClearing);
    second->hangup(pbx::cause::kNormalClearing);
    fields.emplace_back("DestType", "Bridge");
    fields.emplace_back("DestBridgeUniqueid", bridge);
    pbx_.publish("AttendedTransfer", events::kCall, std::move(fields));
    return 0;
  }

  /// The attended transfer where only one of the transferer's calls is bridged (the other
  /// runs an application: a voicemail, a Dial still ringing): the bridged far party takes the
  /// place of the unbridged call in its application (Asterisk's ast_channel_move), both of the
  /// transferer's calls end. 0 once done, else the failure status.
  int intoApplication(pbx::Channel& second, const ChannelPtr& transferee,
                      const ChannelPtr& target) {
    const ChannelPtr moving = transferee ? transferee : target;
    const ChannelPtr unbridged = transferee ? second.shared_from_this() : transferer_;
    const ChannelPtr bridged = transferee ? transferer_ : second.shared_from_this();
    auto* movingSession = dynamic_cast<Session*>(moving->driver());
    auto* replacedSession = dynamic_cast<Session*>(unbridged->driver());
    if (!movingSession || !replacedSession) {
      publishAttended(TransferResult::Fail, second, transferee.get(), target.get(), {});
      return 503;
    }
    const std::string app = unbridged->appName.empty() ? "unknown" : unbridged->appName;
    auto fields = attendedFields(TransferResult::Success, second, transferee.get(), target.get());
    SB_VERBOSE(3, "Attended transfer by '{}' and '{}': '{}' takes the place of '{}' in {}",
               transferer_->name(), second.name(), moving->name(), unbridged->name(), app);
    // The moving party's session now serves the unbridged channel; its own channel is left
    // without a driver, so hanging it up sends nothing.
    auto session = movingSession->shared_from_this();
    moving->replaceDriver(nullptr);
    session->detachChannel();
    session->adoptChannel(unbridged);
    replacedSession->detachChannel();
    auto previous = unbridged->replaceDriver(session);
    unbridged->markAnswered();
    moving->hangup(pbx::cause::kNormalClearing);
    accepted();
    progress_->notify(200);
    if (previous) {
      previous->hangup(*unbridged, pbx::cause::kNormalClearing);
    }
    bridged->hangup(pbx::cause::kNormalClearing);
    fields.emplace_back("DestType", "App");
    fields.emplace_back("DestApp", app);
    pbx_.publish("AttendedTransfer", events::kCall, std::move(fields));
    return 0;
  }

  /// A success without a subscription is answered now, before the transferer hangs up.
  void accepted() {
    if (noReferSub_) {
      finish(200);
    }
  }

  /// The session whose dialog (confirmed or early) `replaces` names: our tag as its to-tag
  /// (as RFC 3891 has it for the INVITE the transferee would send us), or the other way
  /// round.
  std::shared_ptr<Session> findSession(const sip::Replaces& replaces) const {
    auto& table = session_.context().table;
    for (const auto& key :
         {sip::DialogId{replaces.callId, replaces.toTag, replaces.fromTag}.key(),
          sip::DialogId{replaces.callId, replaces.fromTag, replaces.toTag}.key()}) {
      if (auto found = table.findDialog(key)) {
        return found;
      }
      if (auto found = table.findEarlyDialog(key)) {
        return found;  // a call of the transferer's still ringing
      }
    }
    return nullptr;
  }

  events::Fields blindFields(TransferResult result, const pbx::Channel* transferee,
                             const std::string& context, const std::string& exten) const {
    return pbx::blindTransferFields(pbx_, result, *transferer_, transferee, context, exten, true);
  }

  void publishBlind(TransferResult result, const pbx::Channel* transferee,
                    const std::string& context, const std::string& exten) {
    pbx_.publish("BlindTransfer", events::kCall, blindFields(result, transferee, context, exten));
  }

  events::Fields attendedFields(TransferResult result, const pbx::Channel& second,
                                const pbx::Channel* transferee, const pbx::Channel* target) const {
    return pbx::attendedTransferFields(pbx_, result, *transferer_, transferer_->bridgeId, second,
                                       second.bridgeId, transferee, target, true);
  }

  void publishAttended(TransferResult result, const pbx::Channel& second,
                       const pbx::Channel* transferee, const pbx::Channel* target,
                       const std::string& bridge) {
    auto fields = attendedFields(result, second, transferee, target);
    fields.emplace_back("DestType", bridge.empty() ? "Fail" : "Bridge");
    if (!bridge.empty()) {
      fields.emplace_back("DestBridgeUniqueid", bridge);
    }
    pbx_.publish("AttendedTransfer", events::kCall, std::move(fields));
  }

  Session& session_;
  sip::IncomingRequest& request_;
  pbx::PbxService& pbx_;
  ChannelPtr transferer_;
  sip::ReferTarget target_;
  const bool noReferSub_;
  std::shared_ptr<ReferProgress> progress_;
};

}  // namespace

void handleRefer(Session& session, sip::IncomingRequest& request) {
  auto transferer = session.channel();
  if (!transferer || transferer->hungUp() || !session.dialog()) {
    // No channel to transfer: the call was likely just hung up.
    request.respond(404, "Not Found");
    return;
  }
  if (!session.endpoint().allowTransfer) {
    request.respond(603, "Decline");
    SB_WARNING("Endpoint {} transfer attempt blocked due to configuration", session.endpointName());
    return;
  }
  const auto& message = request.message();
  if (!message.find(sip::HeaderId::ReferTo)) {
    SB_DEBUG(3, "Received a REFER without Refer-To on channel '{}' from endpoint '{}'",
             transferer->name(), session.endpointName());
    request.respond(400, "Bad Request");
    return;
  }
  auto target = sip::parseReferTo(message.value(sip::HeaderId::ReferTo));
  if (!target ||
      (target->scheme != sip::UriScheme::Sip && target->scheme != sip::UriScheme::Sips)) {
    SB_DEBUG(3,
             "Received a REFER without a parseable Refer-To ('{}') on channel '{}' from "
             "endpoint '{}'",
             message.value(sip::HeaderId::ReferTo), transferer->name(), session.endpointName());
    request.respond(400, "Bad Request");
    return;
  }
  ReferTransfer(session, request, std::move(transferer), std::move(*target)).run();
}

}  // namespace sb::modules::chan_pjsip
