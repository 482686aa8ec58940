#include "modules/manager_calls/originate_request.hpp"

#include <fmt/format.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <tuple>

#include "pbx/dialplan/app_args.hpp"

namespace sb::modules::manager_calls {

namespace {

/// sscanf("%30d"): an optional sign and digits at the start, the rest ignored.
std::optional<long> leadingInteger(const std::string& text) {
  const char* begin = text.c_str();
  while (std::isspace(static_cast<unsigned char>(*begin))) {
    ++begin;
  }
  char* end = nullptr;
  const long value = std::strtol(begin, &end, 10);
  if (end == begin) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

bool amiTrue(std::string_view value) {
  std::string lower;
  for (char c : value) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lower == "yes" || lower == "true" || lower == "y" || lower == "t" || lower == "1" ||
         lower == "on";
}

std::vector<std::pair<std::string, std::string>> parseVariables(
    const manager::AmiMessage& message) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& header : message.all("Variable")) {
    for (const auto& item : sb::pbx::splitAppArgs(header)) {
      if (item.empty()) {
        continue;
      }
      const auto eq = item.find('=');
      out.emplace_back(item.substr(0, eq), eq == std::string::npos ? "" : item.substr(eq + 1));
    }
  }
  return out;
}

std::optional<std::string> parseOriginate(const manager::AmiMessage& message,
                                          OriginateAction& out) {
  out.channelId = message.get("ChannelId");
  if (out.channelId.size() > kMaxPublicUniqueId ||
      message.get("OtherChannelId").size() > kMaxPublicUniqueId) {
    return fmt::format("Uniqueid length exceeds maximum of {}\n", kMaxPublicUniqueId);
  }
  out.channel = message.get("Channel");
  if (out.channel.empty()) {
    return "Channel not specified";
  }
  auto& request = out.request;
  request.exten = message.get("Exten");
  request.context = message.get("Context");
  const std::string priority = message.get("Priority");
  request.priority = 0;
  if (!priority.empty()) {
    out.hasPriority = true;
    if (auto number = leadingInteger(priority)) {
      request.priority = static_cast<int>(*number);
    } else {
      out.priorityLabel = priority;
    }
  }
  const std::string timeout = message.get("Timeout");
  if (!timeout.empty()) {
    auto number = leadingInteger(timeout);
    if (!number) {
      return "Invalid timeout";
    }
    request.timeout = std::chrono::milliseconds(*number);
  }
  if (!pbx::splitDialString(out.channel, request.tech, request.resource)) {
    return "Invalid channel";
  }
  std::tie(request.callerName, request.callerNumber) = pbx::parseCallerId(message.get("CallerID"));
  request.account = message.get("Account");
  request.codecs = message.get("Codecs");
  request.earlyMedia = amiTrue(message.get("EarlyMedia"));
  request.app = message.get("Application");
  request.appData = message.get("Data");
  request.variables = parseVariables(message);
  out.async = amiTrue(message.get("Async"));
  return std::nullopt;
}

}  // namespace sb::modules::manager_calls
