#include "modules/pbx/pbx_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/log/logger.hpp"
#include "modules/pbx/bridge.hpp"
#include "modules/pbx/caller_id.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/transfer_bridge.hpp"
#include "pbx/dialplan/substitution.hpp"

namespace sb::modules::pbx {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string orUnknown(const std::string& value) {
  return value.empty() ? "<unknown>" : value;
}

/// ast_escape_c: C escapes for the characters that would break an AMI line.
std::string escapeC(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\v':
        out += "\\v";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '"':
        out += "\\\"";
        break;
      case '?':
        out += "\\?";
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// Resolves ${...} for one channel.
class ChannelVariables : public sb::pbx::VariableSource {
 public:
  ChannelVariables(PbxService& pbx, Channel* channel) : pbx_(pbx), channel_(channel) {}
  std::optional<std::string> variable(std::string_view name) override {
    return pbx_.readVariable(channel_, std::string(name));
  }
  std::optional<std::string> function(std::string_view name, std::string_view args,
                                      std::string& error) override {
    const auto* info = pbx_.function(std::string(name));
    if (!info || !info->read) {
      error = fmt::format("Function {} not registered", name);
      return std::nullopt;
    }
    return info->read(pbx_, channel_, std::string(args), error);
  }

 private:
  PbxService& pbx_;
  Channel* channel_;
};

}  // namespace

PbxService::PbxService(boost::asio::io_context& io, events::EventBus& events)
    : io_(io),
      events_(events),
      epoch_(std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count()),
      deviceStates_([this](const std::string& device, DeviceState state) {
        // devicestate.c's devstate_to_ami: class call, Device and State.
        publish("DeviceStateChange", events::kCall,
                {{"Device", device}, {"State", std::string(deviceStateName(state))}});
      }) {}

void PbxService::setDialplan(std::shared_ptr<const sb::pbx::Dialplan> dialplan) {
  dialplan_ = std::move(dialplan);
  if (!dialplan_) {
    return;
  }
  if (dialplan_->general().clearGlobalVars) {
    globals_.clear();
  }
  for (const auto& [name, value] : dialplan_->globals()) {
    globals_[name] = value;
  }
}

Registration PbxService::addDriver(const std::string& tech, std::shared_ptr<ChannelDriver> d) {
  const std::string key = upper(tech);
  drivers_[key] = std::move(d);
  return Registration([weak = weak_from_this(), key] {
    if (auto self = weak.lock()) {
      self->drivers_.erase(key);
    }
  });
}

std::shared_ptr<ChannelDriver> PbxService::driver(const std::string& tech) const {
  auto found = drivers_.find(upper(tech));
  return found == drivers_.end() ? nullptr : found->second;
}

Registration PbxService::addApplication(const std::string& name, ApplicationInfo app) {
  const std::string key = lower(name);
  app.name = name;
  apps_[key] = std::move(app);
  return Registration([weak = weak_from_this(), key] {
    if (auto self = weak.lock()) {
      self->apps_.erase(key);
    }
  });
}

const ApplicationInfo* PbxService::application(const std::string& name) const {
  auto found = apps_.find(lower(name));
  return found == apps_.end() ? nullptr : &found->second;
}

Registration PbxService::addFunction(const std::string& name, FunctionInfo function) {
  const std::string key = upper(name);
  functions_[key] = std::move(function);
  return Registration([weak = weak_from_this(), key] {
    if (auto self = weak.lock()) {
      self->functions_.erase(key);
    }
  });
}

const FunctionInfo* PbxService::function(const std::string& name) const {
  auto found = functions_.find(upper(name));
  return found == functions_.end() ? nullptr : &found->second;
}

std::shared_ptr<Channel> PbxService::newChannel(const std::string& tech, const std::string& device,
                                                std::shared_ptr<ChannelTech> driver, bool outbound,
                                                const Channel* requestor) {
  return newNamedChannel(nextChannelName(tech, device), tech, device, std::move(driver), outbound,
                         requestor);
}

std::string PbxService::nextChannelName(const std::string& tech, const std::string& device) {
  return fmt::format("{}/{}-{:08x}", tech, device, ++nextChannel_);
}

std::shared_ptr<Channel> PbxService::newNamedChannel(std::string name, const std::string& tech,
                                                     const std::string& device,
                                                     std::shared_ptr<ChannelTech> driver,
                                                     bool outbound, const Channel* requestor) {
  Channel::Identity identity;
  identity.tech = tech;
  identity.endpoint = device;
  identity.name = std::move(name);
  identity.uniqueId = fmt::format("{}.{}", epoch_, nextUnique_++);
  if (requestor) {
    identity.linkedId = requestor->linkedId();
  }
  auto channel = std::make_shared<Channel>(std::move(identity), std::move(driver), outbound);
  channel->setStateSink([weak = weak_from_this()](Channel& changed) {
    auto self = weak.lock();
    if (self && changed.announced) {
      self->publish("Newstate", events::kCall, self->channelFields(changed));
      self->deviceStates_.channelChanged(changed);
    }
  });
  channel->setDtmfSink([weak = weak_from_this()](Channel& changed, char digit, DigitPhase phase,
                                                 unsigned durationMs, bool received) {
    if (auto self = weak.lock()) {
      self->publishDtmf(changed, digit, phase, durationMs, received);
    }
  });
  channel->setIdentitySink(
      [weak = weak_from_this()](Channel& changed, bool callerChanged, bool connectedChanged) {
        if (auto self = weak.lock()) {
          self->publishIdentity(changed, callerChanged, connectedChanged);
        }
      });
  channel->setHangupRequestSink([weak = weak_from_this()](Channel& changed, int cause, bool soft) {
    if (auto self = weak.lock()) {
      self->publishHangupRequest(changed, cause, soft);
    }
  });
  channel->setVariableSink([weak = weak_from_this()](Channel& changed, const std::string& name,
                                                     const std::string& value) {
    if (auto self = weak.lock()) {
      self->publishVarSet(&changed, name, value);
    }
  });
  channels_[channel->name()] = channel;
  deviceStates_.track(channel);
  return channel;
}

void PbxService::announce(Channel& channel) {
  if (!channel.announced) {
    channel.announced = true;
    publish("Newchannel", events::kCall, channelFields(channel));
    deviceStates_.channelChanged(channel);
  }
}

void PbxService::startDialplan(std::shared_ptr<Channel> channel) {
  ++callsProcessed_;
  runDialplan(*this, std::move(channel));
}

bool PbxService::redirect(Channel& channel, Channel::Location target) {
  if (channel.hungUp()) {
    return false;
  }
  SB_VERBOSE(3, "Redirecting '{}' to {},{},{}", channel.name(), target.context, target.exten,
             target.priority);
  channel.requestGoto(std::move(target));
  return true;
}

std::string PbxService::bridgeTogether(std::shared_ptr<Channel> a, std::shared_ptr<Channel> b) {
  std::string id = newBridgeId();
  SB_VERBOSE(3, "Moving '{}' and '{}' into bridge {}", a->name(), b->name(), id);
  startTransferBridge(*this, std::move(a), std::move(b), id);
  return id;
}

void PbxService::release(const std::shared_ptr<Channel>& channel) {
  auto found = channels_.find(channel->name());
  if (found == channels_.end() || found->second != channel) {
    return;
  }
  channels_.erase(found);
  announce(*channel);
  auto fields = channelFields(*channel);
  fields.emplace_back("Cause", std::to_string(channel->hangupCause()));
  fields.emplace_back("Cause-txt", std::string(causeText(channel->hangupCause())));
  publish("Hangup", events::kCall, std::move(fields));
  deviceStates_.untrack(*channel);
}

std::vector<std::shared_ptr<Channel>> PbxService::channels() const {
  std::vector<std::shared_ptr<Channel>> out;
  out.reserve(channels_.size());
  for (const auto& [name, channel] : channels_) {
    out.push_back(channel);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a->created() < b->created(); });
  return out;
}

std::shared_ptr<Channel> PbxService::findChannel(const std::string& nameOrPrefix) const {
  auto found = channels_.find(nameOrPrefix);
  if (found != channels_.end()) {
    return found->second;
  }
  for (const auto& [name, channel] : channels_) {
    if (name.starts_with(nameOrPrefix)) {
      return channel;
    }
  }
  return nullptr;
}

std::string PbxService::substitute(Channel* channel, std::string_view text) {
  if (text.find('$') == std::string_view::npos) {
    return std::string(text);
  }
  ChannelVariables source(*this, channel);
  return sb::pbx::substitute(text, source);
}

std::optional<std::string> PbxService::readVariable(Channel* channel, const std::string& name) {
  if (channel) {
    if (auto value = channel->variable(name)) {
      return value;
    }
    if (name == "EXTEN") {
      return channel->exten;
    }
    if (name == "CONTEXT") {
      return channel->context;
    }
    if (name == "PRIORITY") {
      return std::to_string(channel->priority);
    }
    if (name == "CHANNEL") {
      return channel->name();
    }
    if (name == "UNIQUEID") {
      return channel->uniqueId();
    }
    if (name == "HANGUPCAUSE") {
      return std::to_string(channel->hangupCause());
    }
    if (name == "LANGUAGE") {
      return channel->language;
    }
    if (name == "CALLERID(num)" || name == "CALLERIDNUM") {
      return channel->caller().number;
    }
  }
  if (name == "EPOCH") {
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count());
  }
  auto global = globals_.find(name);
  if (global != globals_.end()) {
    return global->second;
  }
  return std::nullopt;
}

void PbxService::setVariable(Channel* channel, const std::string& rawName,
                             const std::string& value) {
  std::string name = rawName;
  const auto open = name.find('(');
  if (open != std::string::npos && name.back() == ')') {
    const std::string func = name.substr(0, open);
    const std::string args = name.substr(open + 1, name.size() - open - 2);
    if (upper(func) == "GLOBAL") {
      globals_[args] = value;
      publishVarSet(nullptr, args, value);
      return;
    }
    const auto* info = function(func);
    std::string error;
    if (!info || !info->write) {
      SB_WARNING("Function {} not registered", func);
      return;
    }
    if (!info->write(*this, channel, args, value, error) && !error.empty()) {
      SB_WARNING("{}: {}", func, error);
    }
    return;
  }
  // _var and __var mark inheritance; the name itself is stored without the underscores,
  // and the marked form is kept too so that Dial can copy it to outbound channels.
  // VarSet names the variable as it was given, once.
  if (channel) {
    if (name.starts_with("_")) {
      channel->setVariable(name, value);
      channel->storeVariable(name.substr(name.starts_with("__") ? 2 : 1), value);
    } else {
      channel->setVariable(name, value);
    }
  } else {
    globals_[name] = value;
    publishVarSet(nullptr, name, value);
  }
}

void PbxService::publishDtmf(const Channel& channel, char digit, DigitPhase phase,
                             unsigned durationMs, bool received) {
  if (!events_.wants(events::kDtmf) || !channel.announced) {
    return;
  }
  // A digit that arrives whole (INFO) or is sent whole is reported as a begin and an end.
  const std::string direction = received ? "Received" : "Sent";
  if (phase != DigitPhase::End) {
    auto begin = channelFields(channel);
    begin.emplace_back("Digit", std::string(1, digit));
    begin.emplace_back("Direction", direction);
    publish("DTMFBegin", events::kDtmf, std::move(begin));
  }
  if (phase != DigitPhase::Begin) {
    auto end = channelFields(channel);
    end.emplace_back("Digit", std::string(1, digit));
    end.emplace_back("DurationMs", std::to_string(durationMs));
    end.emplace_back("Direction", direction);
    publish("DTMFEnd", events::kDtmf, std::move(end));
  }
}

void PbxService::publishIdentity(const Channel& channel, bool callerChanged,
                                 bool connectedChanged) {
  if (!events_.wants(events::kCall)) {
    return;
  }
  // One snapshot, as manager_channels.c's monitors see it: NewCallerid first, both carrying
  // the channel as it is after both changes.
  auto fields = channelFields(channel);
  if (callerChanged) {
    auto caller = fields;
    const int presentation = partyPresentation(channel.caller());
    caller.emplace_back(
        "CID-CallingPres",
        fmt::format("{} ({})", presentation, escapeC(describeCallerPresentation(presentation))));
    publish("NewCallerid", events::kCall, std::move(caller));
  }
  if (connectedChanged) {
    publish("NewConnectedLine", events::kCall, std::move(fields));
  }
}

void PbxService::publishHangupRequest(const Channel& channel, int cause, bool soft) {
  if (!events_.wants(events::kCall)) {
    return;
  }
  auto fields = channelFields(channel);
  // ast_queue_hangup leaves Cause out when the channel has none; ast_softhangup always has
  // its reason.
  if (soft || cause != 0) {
    fields.emplace_back("Cause", std::to_string(cause));
  }
  publish(soft ? "SoftHangupRequest" : "HangupRequest", events::kCall, std::move(fields));
}

void PbxService::publishVarSet(const Channel* channel, const std::string& name,
                               const std::string& value) {
  if (!events_.wants(events::kDialplan)) {
    return;
  }
  events::Fields fields;
  if (channel) {
    fields = channelFields(*channel);
  } else {
    fields = {{"Channel", "none"}, {"Uniqueid", "none"}};
  }
  fields.emplace_back("Variable", name);
  fields.emplace_back("Value", escapeC(value));
  publish("VarSet", events::kDialplan, std::move(fields));
}

void PbxService::publish(std::string name, std::uint32_t classes, events::Fields fields) {
  if (!events_.wants(classes)) {
    return;
  }
  events::Event event;
  event.name = std::move(name);
  event.classes = classes;
  event.fields = std::move(fields);
  events_.publish(std::move(event));
}

events::Fields PbxService::channelFields(const Channel& channel, const std::string& prefix) const {
  events::Fields fields;
  fields.reserve(14);
  fields.emplace_back(prefix + "Channel", channel.name());
  fields.emplace_back(prefix + "ChannelState", std::to_string(channelStateNumber(channel.state())));
  fields.emplace_back(prefix + "ChannelStateDesc", std::string(channelStateName(channel.state())));
  fields.emplace_back(prefix + "CallerIDNum", orUnknown(channel.caller().number));
  fields.emplace_back(prefix + "CallerIDName", orUnknown(escapeC(channel.caller().name)));
  fields.emplace_back(prefix + "ConnectedLineNum", orUnknown(channel.connected().number));
  fields.emplace_back(prefix + "ConnectedLineName", orUnknown(escapeC(channel.connected().name)));
  fields.emplace_back(prefix + "Language", channel.language);
  fields.emplace_back(prefix + "AccountCode", channel.accountCode);
  fields.emplace_back(prefix + "Context", channel.context);
  fields.emplace_back(prefix + "Exten", channel.exten);
  fields.emplace_back(prefix + "Priority", std::to_string(channel.priority));
  fields.emplace_back(prefix + "Uniqueid", channel.uniqueId());
  fields.emplace_back(prefix + "Linkedid", channel.linkedId());
  for (const auto& name : managerVariables_) {
    auto value = channel.variable(name);
    if (!value) {
      const auto global = globals_.find(name);
      value = global != globals_.end() ? global->second : std::string();
    }
    fields.emplace_back(prefix + "ChanVariable", name + "=" + *value);
  }
  return fields;
}

}  // namespace sb::modules::pbx
