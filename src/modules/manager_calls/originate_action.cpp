// Originate: dials a channel and, once answered, sends it into the dialplan or an
// application. Async replies at once and reports with an OriginateResponse event.
#include "modules/manager_calls/call_actions.hpp"
#include "modules/manager_calls/originate_request.hpp"
#include "modules/manager_calls/permissions.hpp"

namespace sb::modules::manager_calls {

namespace {

using manager::AmiRequest;
using pbx::PbxService;

std::string orUnknown(const std::string& value) {
  return value.empty() ? "<unknown>" : value;
}

/// OriginateResponse as fast_originate() sends it (call class, to every session).
void publishResponse(PbxService& pbx, const std::string& actionId, const OriginateAction& action,
                     const pbx::OriginateOutcome& outcome) {
  const auto& request = action.request;
  events::Fields fields;
  if (!actionId.empty()) {
    fields.emplace_back("ActionID", actionId);
  }
  fields.emplace_back("Response", outcome.answered() ? "Success" : "Failure");
  fields.emplace_back("Channel", outcome.answered() ? outcome.channel : action.channel);
  if (!request.app.empty()) {
    fields.emplace_back("Application", request.app);
    fields.emplace_back("Data", request.appData);
  } else {
    fields.emplace_back("Context", request.context);
    fields.emplace_back("Exten", request.exten);
  }
  fields.emplace_back("Reason", std::to_string(outcome.reason));
  fields.emplace_back("Uniqueid",
                      outcome.answered() ? outcome.uniqueId : orUnknown(action.channelId));
  fields.emplace_back("CallerIDNum", orUnknown(request.callerNumber));
  fields.emplace_back("CallerIDName", orUnknown(request.callerName));
  pbx.publish("OriginateResponse", events::kCall, std::move(fields));
}

void originateAction(PbxService& pbx, AmiRequest& request) {
  OriginateAction action;
  if (auto error = parseOriginate(request.message(), action)) {
    request.error(*error);
    return;
  }
  auto& call = action.request;
  auto dialplan = pbx.dialplan();
  if (!action.priorityLabel.empty()) {
    auto found = dialplan ? dialplan->findLabel(call.context, call.exten, action.priorityLabel)
                          : std::nullopt;
    if (!found || *found < 1) {
      request.error("Invalid priority");
      return;
    }
    call.priority = *found;
  }
  if (!call.app.empty() && !originateAppPermitted(call.app, call.appData, request.writeClasses())) {
    request.error("Originate Access Forbidden: app or data blacklisted");
    return;
  }
  // With a priority the extension must exist now, not after the phone has been rung.
  if (call.priority > 0 &&
      !(dialplan && dialplan->exists(call.context, call.exten, call.priority, call.callerNumber))) {
    request.error("Extension does not exist.");
    return;
  }
  if (call.app.empty() && call.priority <= 0 && !action.async) {
    request.error("Originate with 'Exten' requires 'Context' and 'Priority'");
    return;
  }
  if (call.priority <= 0) {
    call.priority = 1;
  }
  auto self = pbx.shared_from_this();
  if (action.async) {
    request.success("Originate successfully queued");
    pbx::originate(pbx, call, [self, actionId = request.actionId(), action](const auto& outcome) {
      publishResponse(*self, actionId, action, outcome);
    });
    return;
  }
  // Synchronous: the reply waits for the outcome; the request is kept until then.
  pbx::originate(pbx, call, [reply = request.shared()](const pbx::OriginateOutcome& outcome) {
    if (outcome.answered()) {
      reply->success("Originate successfully queued");
    } else {
      reply->error("Originate failed");
    }
  });
}

}  // namespace

Registrations addOriginateAction(manager::ManagerService& ami, std::shared_ptr<PbxService> pbx) {
  Registrations out;
  out += ami.addAction("Originate", events::kOriginate, "Originate a call.",
                       [weak = std::weak_ptr<PbxService>(pbx)](AmiRequest& request) {
                         if (auto self = weak.lock()) {
                           originateAction(*self, request);
                         } else {
                           request.error("No PBX");
                         }
                       });
  return out;
}

}  // namespace sb::modules::manager_calls
