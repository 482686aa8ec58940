// The dialplan's control and signalling applications.
#include <fmt/format.h>
#include <boost/asio/use_awaitable.hpp>

#include <charconv>
#include <cmath>

#include "core/log/logger.hpp"
#include "core/store/option_parsers.hpp"
#include "modules/pbx/applications.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "modules/pbx/gosub.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "pbx/dialplan/app_args.hpp"

namespace sb::modules::pbx {

namespace {

namespace asio = boost::asio;
using Result = asio::awaitable<AppResult>;
using ChannelPtr = std::shared_ptr<Channel>;

std::optional<double> seconds(std::string_view text) {
  const std::string value = trimmedString(text);
  if (value.empty()) {
    return std::nullopt;
  }
  char* end = nullptr;
  const double parsed = std::strtod(value.c_str(), &end);
  if (end == value.c_str() || !std::isfinite(parsed) || parsed < 0) {
    return std::nullopt;
  }
  return parsed;
}

std::chrono::steady_clock::duration toDuration(double value) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(std::min(value, 86400.0 * 365)));
}

Result answer(PbxService&, ChannelPtr channel, std::string data) {
  channel->answer();
  if (auto delay = seconds(data); delay && *delay > 0) {
    co_await sleepOnChannel(channel, std::chrono::milliseconds(static_cast<int>(*delay)));
  }
  co_return channel->hungUp() ? AppResult::Hangup : AppResult::Continue;
}

Result hangup(PbxService&, ChannelPtr channel, std::string data) {
  int cause = cause::kNormalClearing;
  const std::string text = trimmedString(data);
  if (!text.empty()) {
    int parsed = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (ec == std::errc() && ptr == text.data() + text.size() && parsed > 0) {
      cause = parsed;
    } else {
      SB_WARNING("Invalid cause given to Hangup(): \"{}\"", text);
    }
  }
  channel->hangup(cause);
  co_return AppResult::Hangup;
}

Result noop(PbxService&, ChannelPtr, std::string) {
  co_return AppResult::Continue;
}

Result verbose(PbxService&, ChannelPtr, std::string data) {
  // Verbose([level,]message)
  int level = 0;
  std::string message = data;
  const auto comma = data.find(',');
  if (comma != std::string::npos) {
    const std::string first = trimmedString(std::string_view(data).substr(0, comma));
    int parsed = 0;
    auto [ptr, ec] = std::from_chars(first.data(), first.data() + first.size(), parsed);
    if (ec == std::errc() && ptr == first.data() + first.size()) {
      level = parsed;
      message = data.substr(comma + 1);
    }
  }
  SB_VERBOSE(level, "{}", message);
  co_return AppResult::Continue;
}

Result logApp(PbxService&, ChannelPtr channel, std::string data) {
  // Log(level,message)
  const auto comma = data.find(',');
  const std::string level = trimmedString(std::string_view(data).substr(0, comma));
  const std::string message = comma == std::string::npos ? "" : data.substr(comma + 1);
  if (level == "ERROR") {
    SB_ERROR("{}: {}", channel->name(), message);
  } else if (level == "WARNING") {
    SB_WARNING("{}: {}", channel->name(), message);
  } else {
    SB_NOTICE("{}: {}", channel->name(), message);
  }
  co_return AppResult::Continue;
}

Result set(PbxService& pbx, ChannelPtr channel, std::string data) {
  const auto equals = data.find('=');
  if (equals == std::string::npos || equals == 0) {
    SB_WARNING("Set requires an argument (variable=value)");
    co_return AppResult::Continue;
  }
  pbx.setVariable(channel.get(), trimmedString(std::string_view(data).substr(0, equals)),
                  data.substr(equals + 1));
  co_return AppResult::Continue;
}

Result gotoApp(PbxService& pbx, ChannelPtr channel, std::string data) {
  co_return jumpTo(pbx, *channel, data) ? AppResult::Continue : AppResult::Hangup;
}

Result gotoIf(PbxService& pbx, ChannelPtr channel, std::string data) {
  if (data.find('?') == std::string::npos) {
    SB_WARNING("GotoIf requires an argument (condition?label1:label2)");
    co_return AppResult::Continue;
  }
  const auto parsed = sb::pbx::parseGotoIf(data);
  const auto& target = conditionTrue(parsed.condition) ? parsed.ifTrue : parsed.ifFalse;
  if (!target || trimmedString(*target).empty()) {
    co_return AppResult::Continue;
  }
  co_return jumpTo(pbx, *channel, *target) ? AppResult::Continue : AppResult::Hangup;
}

Result gosub(PbxService& pbx, ChannelPtr channel, std::string data) {
  // Gosub([[context,]exten,]priority[(arg1[,...])])
  co_return enterGosub(pbx, *channel, data) ? AppResult::Continue : AppResult::Hangup;
}

Result returnApp(PbxService& pbx, ChannelPtr channel, std::string data) {
  // Returning from a routine an application runs ends that run (Asterisk's -1 there).
  co_return leaveGosub(pbx, *channel, data) == ReturnResult::Returned ? AppResult::Continue
                                                                      : AppResult::Hangup;
}

Result wait(PbxService&, ChannelPtr channel, std::string data) {
  auto delay = seconds(data);
  if (!delay) {
    co_return AppResult::Continue;
  }
  const bool alive = co_await sleepOnChannel(channel, toDuration(*delay));
  co_return alive ? AppResult::Continue : AppResult::Hangup;
}

Result ringing(PbxService&, ChannelPtr channel, std::string) {
  channel->indicate(Indication::Ringing);
  co_return AppResult::Continue;
}

Result progress(PbxService&, ChannelPtr channel, std::string) {
  channel->indicate(Indication::Progress);
  co_return AppResult::Continue;
}

/// Busy and Congestion: indicate, then wait for the caller to hang up (or the timeout).
Result indicateAndWait(ChannelPtr channel, Indication indication, int cause, std::string data) {
  if (channel->state() == ChannelState::Up) {
    channel->hangup(cause);
    co_return AppResult::Hangup;
  }
  channel->indicate(indication);
  auto timeout = seconds(data);
  co_await sleepOnChannel(channel, toDuration(timeout && *timeout > 0 ? *timeout : 86400.0));
  if (channel->gotoPending() && !channel->hungUp()) {
    co_return AppResult::Continue;
  }
  channel->hangup(cause);
  co_return AppResult::Hangup;
}

Result busy(PbxService&, ChannelPtr channel, std::string data) {
  co_return co_await indicateAndWait(channel, Indication::Busy, cause::kUserBusy, std::move(data));
}

Result congestion(PbxService&, ChannelPtr channel, std::string data) {
  co_return co_await indicateAndWait(channel, Indication::Congestion, cause::kCongestion,
                                     std::move(data));
}

Result userEvent(PbxService& pbx, ChannelPtr channel, std::string data) {
  // UserEvent(eventname[,body]) with body "key: value" pairs separated by commas.
  auto args = sb::pbx::splitAppArgs(data);
  if (args.empty() || trimmedString(args[0]).empty()) {
    SB_WARNING("UserEvent requires an argument (eventname[,body])");
    co_return AppResult::Continue;
  }
  auto fields = pbx.channelFields(*channel);
  fields.emplace_back("UserEvent", trimmedString(args[0]));
  for (std::size_t i = 1; i < args.size(); ++i) {
    const auto colon = args[i].find(':');
    if (colon == std::string::npos) {
      continue;
    }
    fields.emplace_back(trimmedString(std::string_view(args[i]).substr(0, colon)),
                        trimmedString(std::string_view(args[i]).substr(colon + 1)));
  }
  pbx.publish("UserEvent", events::kUser, std::move(fields));
  co_return AppResult::Continue;
}

}  // namespace

std::string trimmedString(std::string_view text) {
  return std::string(store::trimmed(text));
}

bool conditionTrue(std::string_view text) {
  const std::string value = trimmedString(text);
  if (value.empty()) {
    return false;
  }
  char* end = nullptr;
  const double number = std::strtod(value.c_str(), &end);
  if (end != value.c_str() && *end == '\0') {
    return number != 0;
  }
  return true;
}

Registrations addBasicApplications(PbxService& pbx) {
  Registrations out;
  auto add = [&](const char* name, Application app, const char* synopsis) {
    out += pbx.addApplication(name, ApplicationInfo{std::move(app), synopsis});
  };
  add("Answer", answer, "Answer a channel if ringing.");
  add("Hangup", hangup, "Hang up the calling channel.");
  add("NoOp", noop, "Do Nothing (No Operation).");
  add("Verbose", verbose, "Send arbitrary text to verbose output.");
  add("Log", logApp, "Send arbitrary text to a selected log level.");
  add("Set", set, "Set channel variable or function value.");
  add("Goto", gotoApp, "Jump to a particular priority, extension, or context.");
  add("GotoIf", gotoIf, "Conditional goto.");
  add("Gosub", gosub, "Jump to label, saving return address.");
  add("Return", returnApp, "Return from gosub routine.");
  add("Wait", wait, "Waits for some time.");
  add("Ringing", ringing, "Indicate ringing tone.");
  add("Progress", progress, "Indicate progress.");
  add("Busy", busy, "Indicate the Busy condition.");
  add("Congestion", congestion, "Indicate the Congestion condition.");
  add("UserEvent", userEvent,
      "Send an arbitrary user-defined event to parties interested in a channel (AMI users and "
      "relevant res_stasis applications).");
  return out;
}

}  // namespace sb::modules::pbx
