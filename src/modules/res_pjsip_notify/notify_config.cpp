#include "modules/res_pjsip_notify/notify_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace sb::modules::res_pjsip_notify {

namespace {

bool equalsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// Headers the request builder writes itself (res_pjsip_notify's not_allowed list).
bool stackOwned(std::string_view name) {
  static constexpr std::array<std::string_view, 9> kOwned = {
      "Call-ID", "Contact", "CSeq", "To", "From", "Record-Route", "Route", "Request-URI", "Via"};
  return std::any_of(kOwned.begin(), kOwned.end(),
                     [name](std::string_view owned) { return equalsNoCase(name, owned); });
}

/// RFC 3261 token characters, which a header name must consist of.
bool isHeaderName(std::string_view name) {
  if (name.empty()) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
  });
}

bool safeValue(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

}  // namespace

const NotifyOption* NotifyOptions::find(std::string_view name) const {
  for (const auto& option : options) {
    if (equalsNoCase(option.name, name)) {
      return &option;
    }
  }
  return nullptr;
}

std::vector<std::string> NotifyOptions::names() const {
  std::vector<std::string> out;
  out.reserve(options.size());
  for (const auto& option : options) {
    out.push_back(option.name);
  }
  return out;
}

NotifyOptions parseNotifyConfig(const config::ConfigFile& file) {
  NotifyOptions out;
  for (const auto& section : file.sections) {
    if (section.isTemplate || equalsNoCase(section.name, "general")) {
      continue;
    }
    NotifyOption* option = nullptr;
    for (auto& existing : out.options) {
      if (equalsNoCase(existing.name, section.name)) {
        option = &existing;
      }
    }
    if (!option) {
      option = &out.options.emplace_back(NotifyOption{section.name, {}});
    }
    for (const auto& variable : section.variables) {
      option->items.push_back({variable.name, variable.value});
    }
  }
  return out;
}

NotifyContent buildNotifyContent(const std::vector<NotifyItem>& items) {
  NotifyContent out;
  bool haveEvent = false;
  for (const auto& item : items) {
    if (equalsNoCase(item.name, "Content-Length")) {
      out.warnings.push_back("It is not necessary to specify Content-Length, ignoring.");
      continue;
    }
    if (stackOwned(item.name)) {
      out.warnings.push_back(fmt::format("Cannot specify {} header, ignoring", item.name));
      continue;
    }
    if (!safeValue(item.value) ||
        (!equalsNoCase(item.name, "Content") && !isHeaderName(item.name))) {
      out.warnings.push_back(fmt::format("Invalid header '{}', ignoring", item.name));
      continue;
    }
    if (equalsNoCase(item.name, "Content-type")) {
      out.contentType = item.value;
    } else if (equalsNoCase(item.name, "Content")) {
      // Asterisk separates lines only once the body has text, so a leading empty Content
      // adds nothing and a trailing one ends the body with CRLF.
      if (!out.body.empty()) {
        out.body += "\r\n";
      }
      out.body += item.value;
    } else if (equalsNoCase(item.name, "Event") && haveEvent) {
      out.warnings.push_back(
          fmt::format("Only one '{}' header can be added to a NOTIFY, ignoring \"{}: {}\"",
                      item.name, item.name, item.value));
    } else {
      haveEvent = haveEvent || equalsNoCase(item.name, "Event");
      out.headers.push_back(item);
    }
  }
  return out;
}

std::vector<NotifyItem> notifyHeaders(const NotifyContent& content) {
  std::vector<NotifyItem> out{{"Subscription-State", "terminated"}};
  out.insert(out.end(), content.headers.begin(), content.headers.end());
  return out;
}

}  // namespace sb::modules::res_pjsip_notify
