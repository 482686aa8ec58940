#include "modules/pbx/gosub.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/log/logger.hpp"
#include "core/store/option_parsers.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "pbx/dialplan/app_args.hpp"
#include "pbx/dialplan/app_options.hpp"

namespace sb::modules::pbx {

namespace {

/// Deep enough for any real dialplan, small enough that a runaway recursion stops.
constexpr std::size_t kMaxGosubDepth = 1000;

std::string trimmedCopy(std::string_view text) {
  return std::string(store::trimmed(text));
}

void restoreVariables(Channel& channel, const Channel::Frame& frame) {
  for (const auto& [name, value] : frame.savedArgs) {
    if (value) {
      channel.setVariable(name, *value);
    } else {
      channel.removeVariable(name);
    }
  }
}

}  // namespace

bool jumpTo(PbxService& pbx, Channel& channel, std::string_view target) {
  auto parsed = sb::pbx::parseGotoTarget(target);
  if (!parsed) {
    SB_WARNING("Goto requires an argument ([[context,]extension,]priority)");
    return false;
  }
  const std::string context = parsed->context ? trimmedCopy(*parsed->context) : channel.context;
  const std::string exten = parsed->exten ? trimmedCopy(*parsed->exten) : channel.exten;
  std::string priority = trimmedCopy(parsed->priority);
  int sign = 0;
  if (priority.starts_with('+') || priority.starts_with('-')) {
    sign = priority.front() == '+' ? 1 : -1;
    priority.erase(0, 1);
  }
  int number = 0;
  auto [ptr, ec] = std::from_chars(priority.data(), priority.data() + priority.size(), number);
  if (ec != std::errc() || ptr != priority.data() + priority.size() || (sign == 0 && number < 1)) {
    auto dialplan = pbx.dialplan();
    auto label = dialplan ? dialplan->findLabel(context, exten, priority, channel.caller().number)
                          : std::nullopt;
    if (!label) {
      SB_WARNING("Priority '{}' must be a number > 0, or valid label", priority);
      return false;
    }
    number = *label;
    sign = 0;
  }
  if (sign != 0) {
    number = channel.priority + sign * number;
  }
  channel.context = context;
  channel.exten = exten;
  channel.priority = number - 1;
  return true;
}

bool enterGosub(PbxService& pbx, Channel& channel, std::string_view data, bool special) {
  if (data.empty()) {
    SB_ERROR("Gosub requires an argument: Gosub([[context,]exten,]priority[(arg1[,...][,argN])])");
    return false;
  }
  const auto call = sb::pbx::splitGosubCall(data);
  if (call.missingCloseParen) {
    SB_WARNING("Ouch.  No closing paren: '{}'?", data);
  }
  const std::vector<std::string> args =
      call.args ? sb::pbx::splitAppArgs(*call.args) : std::vector<std::string>{};
  const Channel::Location origin{channel.context, channel.exten, channel.priority};
  auto restore = [&] {
    channel.context = origin.context;
    channel.exten = origin.exten;
    channel.priority = origin.priority;
  };
  if (channel.gosubStack.size() >= kMaxGosubDepth) {
    SB_ERROR("Gosub stack overflow on {}", channel.name());
    return false;
  }
  if (!jumpTo(pbx, channel, call.label)) {
    SB_ERROR("Gosub address is invalid: '{}'", data);
    restore();
    return false;
  }
  auto dialplan = pbx.dialplan();
  if (!dialplan || !dialplan->exists(channel.context, channel.exten, channel.priority + 1,
                                     channel.caller().number)) {
    SB_ERROR("Gosub attempted to reach non-existent destination '{},{},{}' from '{},{},{}'",
             channel.context, channel.exten, channel.priority + 1, origin.context, origin.exten,
             origin.priority);
    restore();
    return false;
  }
  Channel::Frame frame{origin.context, origin.exten, origin.priority, {}};
  frame.special = special;
  // ARGn of an outer routine that this call does not set read as empty, as in Asterisk.
  const int count = std::max(static_cast<int>(args.size()),
                             channel.gosubStack.empty() ? 0 : channel.gosubStack.back().arguments);
  frame.arguments = count;
  auto setSaved = [&](const std::string& name, const std::string& value) {
    frame.savedArgs.emplace(name, channel.variable(name));
    channel.setVariable(name, value);
  };
  for (int i = 0; i < count; ++i) {
    setSaved(fmt::format("ARG{}", i + 1),
             i < static_cast<int>(args.size()) ? args[static_cast<std::size_t>(i)] : "");
  }
  setSaved("ARGC", std::to_string(args.size()));
  channel.gosubStack.push_back(std::move(frame));
  return true;
}

ReturnResult leaveGosub(PbxService& pbx, Channel& channel, std::string_view returnValue) {
  if (channel.gosubStack.empty()) {
    SB_ERROR("Return without Gosub: stack is empty");
    return ReturnResult::NoFrame;
  }
  auto frame = std::move(channel.gosubStack.back());
  channel.gosubStack.pop_back();
  restoreVariables(channel, frame);
  channel.context = frame.context;
  channel.exten = frame.exten;
  channel.priority = frame.priority;
  pbx.setVariable(&channel, "GOSUB_RETVAL", std::string(returnValue));
  return frame.special ? ReturnResult::SubroutineEnded : ReturnResult::Returned;
}

void dropSubroutineFrames(Channel& channel) {
  while (!channel.gosubStack.empty()) {
    auto frame = std::move(channel.gosubStack.back());
    channel.gosubStack.pop_back();
    restoreVariables(channel, frame);
    if (frame.special) {
      return;
    }
  }
}

}  // namespace sb::modules::pbx
