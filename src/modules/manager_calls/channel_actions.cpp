// CoreShowChannels, Status and Hangup.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <regex>

#include "core/log/logger.hpp"
#include "modules/manager/ami_message.hpp"
#include "modules/manager_calls/call_actions.hpp"
#include "modules/manager_calls/originate_request.hpp"
#include "modules/manager_calls/permissions.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pjsip_hangup.hpp"
#include "pbx/dialplan/app_args.hpp"

namespace sb::modules::manager_calls {

namespace {

using manager::AmiFields;
using manager::AmiRequest;
using pbx::Channel;
using pbx::PbxService;

std::chrono::seconds age(const Channel& channel) {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                          channel.created());
}

void coreShowChannels(PbxService& pbx, AmiRequest& request) {
  request.listStart("Channels will follow");
  for (const auto& channel : pbx.channels()) {
    AmiFields fields = pbx.channelFields(*channel);
    fields.emplace_back("Application", channel->appName);
    fields.emplace_back("ApplicationData", channel->appData);
    fields.emplace_back("Duration", formatDuration(age(*channel)));
    fields.emplace_back("BridgeId", channel->bridgeId);
    request.listItem("CoreShowChannel", fields);
  }
  request.listComplete("CoreShowChannelsComplete");
}

/// One `Event: Status`, in generate_status()'s order: ActionID comes last.
std::string statusEvent(PbxService& pbx, Channel& channel, const std::vector<std::string>& names,
                        bool allVariables, const std::string& actionId) {
  const auto media = channel.media();
  const std::string format = media.codec.empty() ? "slin" : media.codec;
  AmiFields fields{{"Event", "Status"}, {"Privilege", "Call"}};
  for (auto& field : pbx.channelFields(channel)) {
    fields.push_back(std::move(field));
  }
  auto orUnknown = [](const std::string& value) { return value.empty() ? "<unknown>" : value; };
  AmiFields rest{
      {"Type", channel.techName()},
      {"DNID", ""},
      {"EffectiveConnectedLineNum", orUnknown(channel.connected().number)},
      {"EffectiveConnectedLineName", orUnknown(channel.connected().name)},
      {"TimeToHangup", "0"},
      {"BridgeID", channel.bridgeId},
      {"Application", channel.appName},
      {"Data", channel.appData},
      {"Nativeformats", media.codec.empty() ? "(nothing)" : "(" + media.codec + ")"},
      {"Readformat", format},
      {"Readtrans", ""},
      {"Writeformat", format},
      {"Writetrans", ""},
      {"Callgroup", "0"},
      {"Pickupgroup", "0"},
      {"Seconds", std::to_string(age(channel).count())},
  };
  fields.insert(fields.end(), rest.begin(), rest.end());
  for (const auto& name : names) {
    fields.emplace_back("Variable", fmt::format("{}={}", name, readValue(pbx, &channel, name)));
  }
  if (allVariables) {
    for (const auto& [name, value] : channel.variables()) {
      fields.emplace_back("Variable", fmt::format("{}={}", name, value));
    }
  }
  if (!actionId.empty()) {
    fields.emplace_back("ActionID", actionId);
  }
  return manager::serializeAmi(fields);
}

void status(PbxService& pbx, AmiRequest& request) {
  const std::string name = request.get("Channel");
  const std::string variables = request.get("Variables");
  const bool allVariables = amiTrue(request.get("AllVariables"));
  if (!functionStringAllowed(variables, request.writeClasses())) {
    request.error("Status Access Forbidden: Variables");
    return;
  }
  std::vector<std::shared_ptr<Channel>> channels;
  if (name.empty()) {
    channels = pbx.channels();
  } else {
    auto channel = channelByName(pbx, name);
    if (!channel) {
      request.error("No such channel");
      return;
    }
    channels.push_back(std::move(channel));
  }
  request.listStart("Channel status will follow");
  const auto names =
      variables.empty() ? std::vector<std::string>{} : sb::pbx::splitAppArgs(variables);
  for (const auto& channel : channels) {
    request.sendRaw(statusEvent(pbx, *channel, names, allVariables, request.actionId()));
  }
  completeRawList(request, "StatusComplete", channels.size(),
                  {{"Items", std::to_string(channels.size())}});
}

/// What ast_manager_hangup_helper does to one channel, and how it reads Cause.
struct HangupHow {
  std::function<void(Channel&, int cause)> handler;
  /// Turns Cause (perhaps empty) into the handler's number; null: Hangup's Q.850 reading.
  std::function<int(const std::string& channel, const std::string& cause)> validator;
};

/// ast_manager_hangup_helper: Channel by name or unique id, or /regex/ with ChannelHungup
/// events; the handler's outcome does not change the reply.
void hangupHelper(PbxService& pbx, AmiRequest& request, const HangupHow& how) {
  const std::string target = request.get("Channel");
  if (target.empty()) {
    request.error("No channel specified");
    return;
  }
  const std::string causeText = request.get("Cause");
  int cause = 0;
  if (how.validator) {
    cause = how.validator(target, causeText);
  } else if (!causeText.empty()) {
    char* end = nullptr;
    const long value = std::strtol(causeText.c_str(), &end, 10);
    if (value < 0 || value > 127 || *end != '\0') {
      // Hanging up without the cause beats not hanging up at all.
      SB_NOTICE("Invalid 'Cause: {}' in manager action Hangup", causeText);
    } else {
      cause = static_cast<int>(value);
    }
  }
  auto hangupOne = [&](Channel& channel) {
    SB_VERBOSE(3, "Manager '{}', hanging up channel: {}", request.username(), channel.name());
    how.handler(channel, cause);
  };
  if (target.front() != '/') {
    auto channel = channelByName(pbx, target);
    if (!channel) {
      SB_NOTICE("Request to hangup non-existent channel: {}", target);
      request.error("No such channel");
      return;
    }
    hangupOne(*channel);
    request.success("Channel Hungup");
    return;
  }
  if (target.size() < 2 || target.back() != '/') {
    request.error("Regex format invalid, Channel param should be /regex/");
    return;
  }
  std::regex pattern;
  try {
    pattern =
        std::regex(target.substr(1, target.size() - 2), std::regex::extended | std::regex::nosubs);
  } catch (const std::regex_error&) {
    request.error(fmt::format("Regex compile failed on: {}", target));
    return;
  }
  request.listStart("Channels hung up will follow");
  std::size_t matched = 0;
  for (const auto& channel : pbx.channels()) {
    if (channel->hungUp() || !std::regex_search(channel->name(), pattern)) {
      continue;
    }
    hangupOne(*channel);
    ++matched;
    AmiFields fields{{"Event", "ChannelHungup"}, {"Channel", channel->name()}};
    if (!request.actionId().empty()) {
      fields.emplace_back("ActionID", request.actionId());
    }
    request.sendRaw(manager::serializeAmi(fields));
  }
  completeRawList(request, "ChannelsHungupListComplete", matched);
}

void hangup(PbxService& pbx, AmiRequest& request) {
  // ast_channel_softhangup_withcause_locked: no SoftHangupRequest (Asterisk's
  // ast_softhangup_nolock publishes none).
  hangupHelper(pbx, request,
               {[](Channel& channel, int cause) {
                  channel.hangup(cause > 0 ? cause : pbx::cause::kNormalClearing);
                },
                nullptr});
}

void pjsipHangupAction(PbxService& pbx, AmiRequest& request) {
  hangupHelper(pbx, request,
               {[](Channel& channel, int status) { pbx::pjsipHangup(channel, status); },
                [](const std::string& channel, const std::string& cause) {
                  return pbx::pjsipHangupResponse(channel, cause);
                }});
}

}  // namespace

std::shared_ptr<Channel> channelByName(const PbxService& pbx, const std::string& name) {
  for (const auto& channel : pbx.channels()) {
    if (manager::equalsNoCase(channel->name(), name) || channel->uniqueId() == name) {
      return channel;
    }
  }
  return nullptr;
}

std::string formatDuration(std::chrono::seconds elapsed) {
  const auto total = std::max<std::int64_t>(0, elapsed.count());
  return fmt::format("{:02}:{:02}:{:02}", total / 3600, (total % 3600) / 60, total % 60);
}

void completeRawList(AmiRequest& request, std::string_view event, std::size_t count,
                     const AmiFields& extra) {
  AmiFields fields{{"Event", std::string(event)}};
  if (!request.actionId().empty()) {
    fields.emplace_back("ActionID", request.actionId());
  }
  fields.emplace_back("EventList", "Complete");
  fields.emplace_back("ListItems", std::to_string(count));
  fields.insert(fields.end(), extra.begin(), extra.end());
  request.sendRaw(manager::serializeAmi(fields));
}

Registrations addChannelActions(manager::ManagerService& ami, std::shared_ptr<PbxService> pbx) {
  Registrations out;
  std::weak_ptr<PbxService> weak = pbx;
  // Each handler answers "No PBX" only in the instant between the PBX going and this module
  // being unloaded with it.
  auto with = [weak](void (*handler)(PbxService&, AmiRequest&)) {
    return [weak, handler](AmiRequest& request) {
      if (auto self = weak.lock()) {
        handler(*self, request);
      } else {
        request.error("No PBX");
      }
    };
  };
  out += ami.addAction("CoreShowChannels", events::kSystem | events::kReporting,
                       "List currently active channels.", with(coreShowChannels));
  out += ami.addAction("Status", events::kSystem | events::kCall | events::kReporting,
                       "List channel status.", with(status));
  out += ami.addAction("Hangup", events::kSystem | events::kCall, "Hangup channel.", with(hangup));
  out += ami.addAction("PJSIPHangup", events::kSystem | events::kCall,
                       "Hangup an incoming PJSIP channel with a SIP response code",
                       with(pjsipHangupAction));
  return out;
}

}  // namespace sb::modules::manager_calls
