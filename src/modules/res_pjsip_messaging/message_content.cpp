#include "modules/res_pjsip_messaging/message_content.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "sip/message/text.hpp"

namespace sb::modules::res_pjsip_messaging {

namespace {

constexpr std::array<std::string_view, 11> kBlocked = {
    "To",    "From",           "Via",          "Route",      "Contact", "Call-ID", "CSeq",
    "Allow", "Content-Length", "Content-Type", "Request-URI"};

bool blocked(std::string_view name) {
  for (auto owned : kBlocked) {
    if (sip::text::iequals(name, owned)) {
      return true;
    }
  }
  return false;
}

/// "type/subtype" of a Content-Type value (parameters dropped); nullopt when unreadable.
std::optional<std::string> mediaType(std::string_view value) {
  value = sip::text::trim(value.substr(0, value.find(';')));
  const auto slash = value.find('/');
  if (slash == std::string_view::npos) {
    return std::nullopt;
  }
  const auto type = sip::text::trim(value.substr(0, slash));
  const auto subtype = sip::text::trim(value.substr(slash + 1));
  if (!sip::text::isToken(type) || !sip::text::isToken(subtype)) {
    return std::nullopt;
  }
  return fmt::format("{}/{}", type, subtype);
}

/// The items as message variables: one per name, first position, last value.
std::vector<std::pair<std::string, std::string>> asVariables(
    const std::vector<std::pair<std::string, std::string>>& items) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& item : items) {
    const auto& [name, value] = item;
    auto same = std::find_if(out.begin(), out.end(), [&item](const auto& variable) {
      return sip::text::iequals(variable.first, item.first);
    });
    if (same == out.end()) {
      if (!value.empty()) {
        out.emplace_back(name, value);
      }
    } else if (value.empty()) {
      out.erase(same);
    } else {
      same->second = value;
    }
  }
  return out;
}

}  // namespace

MessageContent buildMessageContent(const std::vector<std::pair<std::string, std::string>>& items) {
  MessageContent out;
  for (const auto& [name, value] : asVariables(items)) {
    if (sip::text::iequals(name, "Content-Type")) {
      if (auto type = mediaType(value)) {
        out.contentType = std::move(*type);
      } else {
        out.warnings.push_back(
            fmt::format("Failed to parse '{}' as a content type. Using text/plain", value));
      }
      continue;
    }
    if (sip::text::iequals(name, "Max-Forwards")) {
      // Decremented for loop prevention.
      const auto text = sip::text::trim(value);
      int hops = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), hops);
      if (error != std::errc() || end == text.data() || hops - 1 <= 0) {
        out.maxForwardsExhausted = true;
        out.warnings.push_back("MESSAGE(Max-Forwards) reached zero.  MESSAGE not sent.");
        return out;
      }
      out.maxForwards = static_cast<unsigned>(hops - 1);
      continue;
    }
    if (blocked(name)) {
      continue;
    }
    // Nothing may break the header line or add lines of its own.
    if (!sip::text::isToken(name) ||
        value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      out.warnings.push_back(fmt::format("MESSAGE: header '{}' refused", name));
      continue;
    }
    out.headers.push_back({name, value});
  }
  return out;
}

}  // namespace sb::modules::res_pjsip_messaging
