// PJSIPNotify (res_pjsip_notify.c's manager_notify) and chan_sip's SIPnotify, with their
// checks and messages.
#include <fmt/format.h>

#include "core/log/logger.hpp"
#include "modules/manager/ami_variables.hpp"
#include "modules/res_pjsip_notify/notify_tools.hpp"

namespace sb::modules::res_pjsip_notify {

namespace {

using manager::AmiRequest;

void logWarnings(const NotifyContent& content) {
  for (const auto& warning : content.warnings) {
    SB_WARNING("{}", warning);
  }
}

/// "PJSIP/alice" and "SIP/alice" name the endpoint "alice".
std::string endpointName(std::string name) {
  for (std::string_view prefix : {"sip/", "pjsip/"}) {
    if (name.size() >= prefix.size() &&
        manager::equalsNoCase(std::string_view(name).substr(0, prefix.size()), prefix)) {
      name.erase(0, prefix.size());
    }
  }
  return name;
}

/// Sends to the endpoint or URI once the content is known, and answers.
void sendAndReply(NotifyTools& tools, AmiRequest& request, const NotifyContent& content) {
  logWarnings(content);
  if (const std::string channel = request.get("Channel"); !channel.empty()) {
    if (!tools.toChannel || !tools.toChannel(channel, content)) {
      request.error("Channel not found");
      return;
    }
  } else if (const std::string endpoint = request.get("Endpoint"); !endpoint.empty()) {
    const std::string name = endpointName(endpoint);
    if (!tools.sender->toEndpoint(name, content)) {
      request.error(fmt::format("Unable to retrieve endpoint {}", name));
      return;
    }
  } else {
    // Asterisk acknowledges once the task is queued; a URI it cannot reach is only logged.
    tools.sender->toUri(request.get("URI"), content);
  }
  request.success("NOTIFY sent");
}

void pjsipNotify(NotifyTools& tools, AmiRequest& request) {
  const std::string endpoint = request.get("Endpoint");
  const std::string uri = request.get("URI");
  const std::string channel = request.get("Channel");
  const std::string option = request.get("Option");
  const auto variables = notifyItems(request.message());
  const int targets = !endpoint.empty() + !uri.empty() + !channel.empty();
  // Asterisk tests the first Variable: header's text; a header without any usable
  // name=value item counts as missing here, so a malformed line is an error, not an empty
  // NOTIFY.
  if (option.empty() == variables.empty()) {
    request.error(
        "PJSIPNotify requires either an Option or Variable(s).You must use only one of them.");
    return;
  }
  if (targets > 1) {
    request.error(
        "PJSIPNotify requires either an endpoint name, a SIP URI, or a channel.  You must use "
        "only one of them.");
    return;
  }
  if (targets == 0) {
    request.error("PJSIPNotify requires either an endpoint name, a SIP URI, or a channel.");
    return;
  }
  if (option.empty()) {
    sendAndReply(tools, request, buildNotifyContent(variables));
    return;
  }
  auto keep = request.shared();
  tools.readOptions([tools, keep, option](NotifyOptions options) mutable {
    const auto* found = options.find(option);
    if (!found) {
      keep->error(fmt::format("Unable to find notify type '{}'", option));
      return;
    }
    sendAndReply(tools, *keep, buildNotifyContent(found->items));
  });
}

/// chan_sip's SIPnotify: Channel names the peer; Variable lines give headers and Content.
void sipNotify(NotifyTools& tools, AmiRequest& request) {
  const std::string channel = request.get("Channel");
  if (channel.empty()) {
    request.error("SIPNotify requires a channel name");
    return;
  }
  const auto content = buildNotifyContent(notifyItems(request.message()));
  logWarnings(content);
  if (const std::string callId = request.get("Call-ID"); !callId.empty()) {
    // Inside that call's dialog, as chan_sip's manager_sipnotify does.
    if (!tools.toCallId || !tools.toCallId(callId, content)) {
      request.error("Call-ID not found");
      return;
    }
    request.success("Notify Sent");
    return;
  }
  const auto sent = tools.sender->toEndpoint(endpointName(channel), content);
  if (!sent || *sent == 0) {
    // chan_sip's create_addr fails for unknown and unregistered peers alike.
    request.error("Could not create address");
    return;
  }
  request.success("Notify Sent");
}

}  // namespace

std::vector<NotifyItem> notifyItems(const manager::AmiMessage& message) {
  std::vector<NotifyItem> out;
  for (auto& [name, value] : manager::amiVariables(message)) {
    out.push_back({std::move(name), std::move(value)});
  }
  return out;
}

Registrations addNotifyActions(manager::ManagerService& ami, NotifyTools tools) {
  Registrations out;
  out += ami.addAction("PJSIPNotify", events::kSystem,
                       "Send a NOTIFY to either an endpoint, an "
                       "arbitrary URI, or inside a SIP dialog.",
                       [tools](AmiRequest& request) mutable { pjsipNotify(tools, request); });
  out += ami.addAction("SIPnotify", events::kSystem, "Send a SIP notify.",
                       [tools](AmiRequest& request) mutable { sipNotify(tools, request); });
  return out;
}

}  // namespace sb::modules::res_pjsip_notify
