// Dialplan functions of the core: caller id, channel data, strings and conditions.
#include <fmt/format.h>

#include <cctype>
#include <string_view>

#include "core/store/option_parsers.hpp"
#include "modules/pbx/applications.hpp"
#include "modules/pbx/caller_id.hpp"
#include "pbx/dialplan/app_args.hpp"

namespace sb::modules::pbx {

namespace {

std::string lowerCopy(std::string text) {
  for (auto& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

/// CALLERID(item) and CONNECTEDLINE(item[,i]) read a party of the channel; `what` names it
/// in the error ("callerid", "connectedline").
std::optional<std::string> readParty(const PartyId& id, const std::string& args, const char* what,
                                     std::string& error) {
  auto parts = sb::pbx::splitAppArgs(args);
  const std::string item = parts.empty() ? "" : trimmedString(parts[0]);
  if (auto value = readPartyItem(id, item)) {
    return value;
  }
  error = fmt::format("Unknown {} data type '{}'.", what, args);
  return std::nullopt;
}

std::optional<std::string> callerIdRead(PbxService&, Channel* channel, const std::string& args,
                                        std::string& error) {
  if (!channel) {
    error = "CALLERID needs a channel";
    return std::nullopt;
  }
  if (lowerCopy(trimmedString(args)) == "dnid") {
    return channel->exten;
  }
  return readParty(channel->caller(), args, "callerid", error);
}

/// func_callerid's writes: the party is changed as a copy and set on the channel only when
/// the item was valid (one event per write, none when nothing changed).
bool writeParty(Channel& channel, bool connected, const std::string& args, const std::string& value,
                std::string& error) {
  auto parts = sb::pbx::splitAppArgs(args);
  const std::string item = parts.empty() ? "" : trimmedString(parts[0]);
  PartyId id = connected ? channel.connected() : channel.caller();
  switch (writePartyItem(id, item, value, error)) {
    case PartyWrite::Valid:
      if (connected) {
        channel.setConnected(std::move(id));
      } else {
        channel.setCaller(std::move(id));
      }
      return true;
    case PartyWrite::Invalid:
      return false;
    case PartyWrite::Unknown:
      break;
  }
  error = fmt::format("Unknown {} data type '{}'.", connected ? "connectedline" : "callerid", args);
  return false;
}

bool callerIdWrite(PbxService&, Channel* channel, const std::string& args, const std::string& value,
                   std::string& error) {
  if (!channel) {
    error = "CALLERID needs a channel";
    return false;
  }
  return writeParty(*channel, false, args, value, error);
}

std::optional<std::string> connectedLineRead(PbxService&, Channel* channel, const std::string& args,
                                             std::string& error) {
  if (!channel) {
    error = "CONNECTEDLINE needs a channel";
    return std::nullopt;
  }
  return readParty(channel->connected(), args, "connectedline", error);
}

bool connectedLineWrite(PbxService&, Channel* channel, const std::string& args,
                        const std::string& value, std::string& error) {
  if (!channel) {
    error = "CONNECTEDLINE needs a channel";
    return false;
  }
  // The `i` option (set without telling the far end) changes nothing here: connected line
  // updates are not sent over SIP yet.
  return writeParty(*channel, true, args, value, error);
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
  if (item == "dtmf_features")
    return channel->dtmfFeatures;
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

bool channelWrite(PbxService&, Channel* channel, const std::string& args, const std::string& value,
                  std::string& error) {
  if (!channel) {
    error = "CHANNEL needs a channel";
    return false;
  }
  const std::string item = trimmedString(args);
  if (item == "dtmf_features") {
    // ast_bridge_features_ds_set_string: T transfer, K park, H disconnect, W and X record.
    std::string letters;
    for (char c : value) {
      const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (std::string_view("TKHWX").find(upper) == std::string_view::npos) {
        error = fmt::format("Invalid DTMF feature '{}'", c);
        return false;
      }
      letters += upper;
    }
    channel->dtmfFeatures = letters;
    return true;
  }
  error = fmt::format("Unknown or unavailable item requested: '{}'", item);
  return false;
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
  out += pbx.addFunction("CONNECTEDLINE", {connectedLineRead, connectedLineWrite,
                                           "Gets or sets Connected Line data on the channel."});
  out += pbx.addFunction("CHANNEL", {channelRead, channelWrite,
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
