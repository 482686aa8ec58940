// Dialplan functions of the core: caller id, channel data, strings and conditions.
#include <fmt/format.h>

#include "core/store/option_parsers.hpp"
#include "modules/pbx/applications.hpp"
#include "pbx/dialplan/app_args.hpp"

namespace sb::modules::pbx {

namespace {

std::string lowerCopy(std::string text) {
  for (auto& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

std::optional<std::string> callerIdRead(PbxService&, Channel* channel, const std::string& args,
                                        std::string& error) {
  if (!channel) {
    error = "CALLERID needs a channel";
    return std::nullopt;
  }
  const std::string item = lowerCopy(trimmedString(args));
  if (item == "name") {
    return channel->callerName;
  }
  if (item == "num" || item == "number") {
    return channel->callerNumber;
  }
  if (item == "all") {
    return fmt::format("\"{}\" <{}>", channel->callerName, channel->callerNumber);
  }
  if (item == "dnid") {
    return channel->exten;
  }
  error = fmt::format("Unknown callerid data type '{}'.", args);
  return std::nullopt;
}

bool callerIdWrite(PbxService&, Channel* channel, const std::string& args, const std::string& value,
                   std::string& error) {
  if (!channel) {
    error = "CALLERID needs a channel";
    return false;
  }
  const std::string item = lowerCopy(trimmedString(args));
  if (item == "name") {
    channel->callerName = value;
  } else if (item == "num" || item == "number") {
    channel->callerNumber = value;
  } else if (item == "all") {
    const auto open = value.find('<');
    const auto close = value.find('>', open == std::string::npos ? 0 : open);
    if (open != std::string::npos && close != std::string::npos) {
      std::string name = trimmedString(std::string_view(value).substr(0, open));
      if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
        name = name.substr(1, name.size() - 2);
      }
      channel->callerName = name;
      channel->callerNumber = value.substr(open + 1, close - open - 1);
    } else {
      channel->callerNumber = value;
    }
  } else {
    error = fmt::format("Unknown callerid data type '{}'.", args);
    return false;
  }
  return true;
}

std::optional<std::string> channelRead(PbxService&, Channel* channel, const std::string& args,
                                       std::string& error) {
  if (!channel) {
    error = "CHANNEL needs a channel";
    return std::nullopt;
  }
  auto parts = sb::pbx::splitAppArgs(args);
  const std::string item = parts.empty() ? "" : trimmedString(parts[0]);
  if (item == "name")
    return channel->name();
  if (item == "uniqueid")
    return channel->uniqueId();
  if (item == "linkedid")
    return channel->linkedId();
  if (item == "state")
    return std::string(channelStateName(channel->state()));
  if (item == "channeltype")
    return channel->techName();
  if (item == "language")
    return channel->language;
  if (item == "accountcode")
    return channel->accountCode;
  if (item == "exten")
    return channel->exten;
  if (item == "context")
    return channel->context;
  if (item == "endpoint")
    return channel->endpoint();
  if (item == "peer") {
    auto peer = channel->bridgedWith.lock();
    return peer ? peer->name() : std::string();
  }
  if (item == "pjsip" && parts.size() > 1) {
    return channel->info(trimmedString(parts[1])).value_or("");
  }
  if (auto value = channel->info(item)) {
    return value;
  }
  error = fmt::format("Unknown or unavailable item requested: '{}'", item);
  return std::nullopt;
}

std::optional<std::string> len(PbxService&, Channel*, const std::string& args, std::string&) {
  return std::to_string(args.size());
}

std::optional<std::string> ifFunction(PbxService&, Channel*, const std::string& args,
                                      std::string& error) {
  // IF(expr?true:false)
  const auto question = args.find('?');
  if (question == std::string::npos) {
    error = "Syntax IF(<expr>?[<true>][:<false>])";
    return std::nullopt;
  }
  const std::string condition = args.substr(0, question);
  const std::string rest = args.substr(question + 1);
  const auto colon = rest.find(':');
  const std::string ifTrue = rest.substr(0, colon);
  const std::string ifFalse = colon == std::string::npos ? "" : rest.substr(colon + 1);
  return conditionTrue(condition) ? trimmedString(ifTrue) : trimmedString(ifFalse);
}

std::optional<std::string> isNull(PbxService&, Channel*, const std::string& args, std::string&) {
  return args.empty() ? "1" : "0";
}

std::optional<std::string> exists(PbxService&, Channel*, const std::string& args, std::string&) {
  return args.empty() ? "0" : "1";
}

std::optional<std::string> globalRead(PbxService& pbx, Channel*, const std::string& args,
                                      std::string&) {
  auto found = pbx.globals().find(trimmedString(args));
  return found == pbx.globals().end() ? std::string() : found->second;
}

}  // namespace

Registrations addCoreFunctions(PbxService& pbx) {
  Registrations out;
  out += pbx.addFunction(
      "CALLERID", {callerIdRead, callerIdWrite, "Gets or sets Caller*ID data on the channel."});
  out += pbx.addFunction("CHANNEL", {channelRead, nullptr,
                                     "Gets/sets various pieces of information about the channel."});
  out += pbx.addFunction("LEN", {len, nullptr, "Return the length of the string given."});
  out += pbx.addFunction("IF", {ifFunction, nullptr, "Check for an expression."});
  out += pbx.addFunction("ISNULL", {isNull, nullptr, "Check if a value is NULL."});
  out += pbx.addFunction("EXISTS", {exists, nullptr, "Test the existence of a value."});
  out += pbx.addFunction("GLOBAL",
                         {globalRead, nullptr, "Gets or sets the global variable specified."});
  return out;
}

}  // namespace sb::modules::pbx
