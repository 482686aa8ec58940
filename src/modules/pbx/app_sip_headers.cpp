// SIP header functions and applications: res_pjsip_header_funcs' PJSIP_HEADER and
// PJSIP_HEADERS, chan_sip's SIP_HEADER, SIP_HEADERS, SIPAddHeader and SIPRemoveHeader.
// Errors are logged here with Asterisk's wording; a failed read gives an empty value.
#include <fmt/format.h>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <limits>
#include <utility>

#include "core/log/logger.hpp"
#include "core/store/option_parsers.hpp"
#include "modules/pbx/applications.hpp"
#include "modules/pbx/sip_add_header.hpp"
#include "pbx/dialplan/app_args.hpp"

namespace sb::modules::pbx {

namespace {

bool isPjsipChannel(const Channel* channel) {
  return channel && channel->name().starts_with("PJSIP/");
}

/// The arguments of PJSIP_HEADER(action,name[,number]), split as AST_STANDARD_APP_ARGS does
/// (no blanks trimmed: " read" is not an action).
struct HeaderArgs {
  std::string action;
  std::string name;
  int number = 1;
};

/// sscanf("%30d") on the number; anything below 1 or unreadable counts as 1.
int headerNumber(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  const std::string digits(text.substr(0, 30));
  char* end = nullptr;
  const long long value = std::strtoll(digits.c_str(), &end, 10);
  if (end == digits.c_str() || value < 1) {
    return 1;
  }
  return static_cast<int>(std::min<long long>(value, std::numeric_limits<int>::max()));
}

HeaderArgs headerArgs(const std::string& data) {
  auto parts = sb::pbx::splitAppArgs(data);
  HeaderArgs args;
  if (!parts.empty()) {
    args.action = parts[0];
  }
  if (parts.size() > 1) {
    args.name = parts[1];
  }
  if (parts.size() > 2) {
    args.number = headerNumber(parts[2]);
  }
  return args;
}

/// The checks every PJSIP_HEADER call makes first; false (after logging) when one fails.
bool checkHeaderCall(const Channel* channel, const HeaderArgs& args) {
  if (!isPjsipChannel(channel)) {
    SB_ERROR("This function requires a PJSIP channel.");
    return false;
  }
  if (args.action.empty()) {
    SB_ERROR("This function requires an action.");
    return false;
  }
  if (args.name.empty()) {
    SB_ERROR("This function requires a header name.");
    return false;
  }
  return true;
}

constexpr const char* kNoHeadersAdded = "No headers had been previously added to this session.";

std::optional<std::string> pjsipHeaderRead(PbxService&, Channel* channel, const std::string& data,
                                           std::string&) {
  const auto args = headerArgs(data);
  if (!checkHeaderCall(channel, args)) {
    return std::nullopt;
  }
  auto& list = channel->sipHeaders;
  if (store::equalsIgnoreCase(args.action, "read")) {
    auto value = list.read(args.name, args.number);
    if (!value) {
      SB_DEBUG(1, "There was no header named {}.", args.name);
    }
    return value;
  }
  if (store::equalsIgnoreCase(args.action, "remove")) {
    // Removing while reading gives the number of headers removed.
    const auto removed = list.remove(args.name);
    if (!removed) {
      SB_ERROR("{}", kNoHeadersAdded);
      return std::nullopt;
    }
    return std::to_string(*removed);
  }
  SB_ERROR("Unknown action '{}' is not valid, must be 'read' or 'remove'.", args.action);
  return std::nullopt;
}

bool pjsipHeaderWrite(PbxService&, Channel* channel, const std::string& data,
                      const std::string& value, std::string&) {
  const auto args = headerArgs(data);
  if (!checkHeaderCall(channel, args)) {
    return false;
  }
  auto& list = channel->sipHeaders;
  if (store::equalsIgnoreCase(args.action, "add")) {
    SB_DEBUG(1, "Adding header {} with value {}", args.name, value);
    list.add(args.name, value);
    return true;
  }
  if (store::equalsIgnoreCase(args.action, "update")) {
    switch (list.update(args.name, args.number, value)) {
      case SipHeaderList::UpdateResult::Updated:
        return true;
      case SipHeaderList::UpdateResult::NoList:
        SB_ERROR("{}", kNoHeadersAdded);
        return false;
      case SipHeaderList::UpdateResult::NoSuchHeader:
        SB_ERROR("There was no header named {}.", args.name);
        return false;
    }
  }
  if (store::equalsIgnoreCase(args.action, "remove")) {
    if (!list.remove(args.name)) {
      SB_ERROR("{}", kNoHeadersAdded);
      return false;
    }
    return true;
  }
  SB_ERROR("Unknown action '{}' is not valid, must be 'add', 'update', or 'remove'.", args.action);
  return false;
}

std::optional<std::string> pjsipHeadersRead(PbxService&, Channel* channel, const std::string& data,
                                            std::string&) {
  // One argument: the whole text is the prefix, nothing is split or unquoted.
  if (!isPjsipChannel(channel)) {
    SB_ERROR("This function requires a PJSIP channel.");
    return std::nullopt;
  }
  if (!channel->sipHeaders.exists()) {
    SB_DEBUG(1, "There was no datastore from which to read headers.");
    return std::nullopt;
  }
  auto names = channel->sipHeaders.names(data, HeaderNameList::Pjsip);
  if (names.empty() && !data.empty()) {
    SB_DEBUG(1, "There was no header beginning with {}.", data);
    return std::nullopt;
  }
  return names;
}

std::optional<std::string> sipHeadersRead(PbxService&, Channel* channel, const std::string& data,
                                          std::string&) {
  if (!channel) {
    return std::nullopt;
  }
  return channel->sipHeaders.names(data, HeaderNameList::ChanSip);
}

/// chan_sip's compact header forms, so that SIP_HEADER(v) finds Via and SIP_HEADER(Via) a
/// header that came as "v:".
std::string_view fullHeaderName(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kCompact{{
      {"c", "Content-Type"},
      {"e", "Content-Encoding"},
      {"f", "From"},
      {"i", "Call-ID"},
      {"m", "Contact"},
      {"l", "Content-Length"},
      {"s", "Subject"},
      {"t", "To"},
      {"k", "Supported"},
      {"r", "Refer-To"},
      {"b", "Referred-By"},
      {"u", "Allow-Events"},
      {"o", "Event"},
      {"v", "Via"},
      {"a", "Accept-Contact"},
      {"j", "Reject-Contact"},
      {"d", "Request-Disposition"},
      {"x", "Session-Expires"},
      {"y", "Identity"},
      {"n", "Identity-Info"},
  }};
  if (name.size() == 1) {
    for (const auto& [compact, full] : kCompact) {
      if (store::equalsIgnoreCase(compact, name)) {
        return full;
      }
    }
  }
  return name;
}

std::optional<std::string> sipHeaderRead(PbxService&, Channel* channel, const std::string& data,
                                         std::string&) {
  // SIP_HEADER(name[,number]): the name-th header of the INVITE, chan_sip's way.
  if (!channel) {
    SB_WARNING("No channel was provided to SIP_HEADER function.");
    return std::nullopt;
  }
  if (data.empty()) {
    SB_WARNING("This function requires a header name.");
    return std::nullopt;
  }
  auto parts = sb::pbx::splitAppArgs(data);
  const std::string name = parts.empty() ? std::string() : parts[0];
  const int number = parts.size() > 1 ? headerNumber(parts[1]) : 1;
  const auto wanted = fullHeaderName(name);
  int seen = 0;
  for (const auto& header : channel->sipHeaders.headers()) {
    if (store::equalsIgnoreCase(fullHeaderName(header.name), wanted) && ++seen == number) {
      return header.value.empty() ? std::nullopt : std::optional<std::string>(header.value);
    }
  }
  return std::nullopt;
}

namespace asio = boost::asio;

asio::awaitable<AppResult> sipAddHeader(PbxService& pbx, std::shared_ptr<Channel> channel,
                                        std::string data) {
  if (data.empty()) {
    SB_WARNING("This application requires the argument: Header");
    co_return AppResult::Continue;
  }
  const auto slot = freeSipAddHeaderSlot(*channel);
  if (!slot) {
    SB_WARNING("Too many SIP headers added, max 50");
    co_return AppResult::Continue;
  }
  std::string error;
  std::string decoded = decodeEscapes(data, error);
  if (!error.empty()) {
    SB_ERROR("{}", error);
  }
  SB_DEBUG(1, "SIP Header added \"{}\" as __{}", data, *slot);
  pbx.setVariable(channel.get(), "__" + *slot, decoded);
  co_return AppResult::Continue;
}

asio::awaitable<AppResult> sipRemoveHeader(PbxService&, std::shared_ptr<Channel> channel,
                                           std::string data) {
  removeSipAddHeaders(*channel, data);
  co_return AppResult::Continue;
}

}  // namespace

Registrations addSipHeaderFunctions(PbxService& pbx) {
  Registrations out;
  out += pbx.addFunction(
      "PJSIP_HEADER",
      {pjsipHeaderRead, pjsipHeaderWrite,
       "Gets headers from an inbound PJSIP channel. Adds, updates or removes the specified SIP "
       "header from an outbound PJSIP channel."});
  out += pbx.addFunction(
      "PJSIP_HEADERS",
      {pjsipHeadersRead, nullptr, "Gets the list of SIP header names from an INVITE message."});
  out += pbx.addFunction(
      "SIP_HEADER",
      {sipHeaderRead, nullptr, "Gets the specified SIP header from an incoming INVITE message."});
  out += pbx.addFunction("SIP_HEADERS",
                         {sipHeadersRead, nullptr,
                          "Gets the list of SIP header names from an incoming INVITE message."});
  out += pbx.addApplication(
      "SIPAddHeader", ApplicationInfo{sipAddHeader, "Add a SIP header to the outbound call."});
  out += pbx.addApplication(
      "SIPRemoveHeader",
      ApplicationInfo{sipRemoveHeader, "Remove SIP headers previously added with SIPAddHeader"});
  return out;
}

}  // namespace sb::modules::pbx
