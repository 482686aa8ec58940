#include "modules/pbx/sip_add_header.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace sb::modules::pbx {

namespace {

constexpr std::string_view kPrefix = "SIPADDHEADER";

std::string_view withoutUnderscores(std::string_view name) {
  if (name.starts_with("__")) {
    return name.substr(2);
  }
  return name.starts_with("_") ? name.substr(1) : name;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

}  // namespace

std::string decodeEscapes(std::string_view text, std::string& error) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    char decoded = text[at];
    std::size_t used = 1;
    if (decoded == '\\') {
      if (at + 1 >= text.size()) {
        break;  // a lone trailing backslash escapes nothing
      }
      used = 2;
      const char kind = text[at + 1];
      switch (kind) {
        case 'n':
          decoded = '\n';
          break;
        case 'r':
          decoded = '\r';
          break;
        case 't':
          decoded = '\t';
          break;
        case 'x': {
          const int high = at + 2 < text.size() ? hexValue(text[at + 2]) : -1;
          if (high < 0) {
            error = fmt::format("Illegal character '{}' in hexadecimal string",
                                at + 2 < text.size() ? std::string(1, text[at + 2]) : "");
            return out;
          }
          int value = high;
          used = 3;
          if (at + 3 < text.size() && hexValue(text[at + 3]) >= 0) {
            value = value * 16 + hexValue(text[at + 3]);
            used = 4;
          }
          decoded = static_cast<char>(value);
          break;
        }
        case '0': {
          unsigned value = 0;
          while (at + used < text.size() && text[at + used] >= '0' && text[at + used] <= '7') {
            value = (value << 3) + static_cast<unsigned>(text[at + used] - '0');
            ++used;
          }
          decoded = static_cast<char>(value);
          break;
        }
        default:
          decoded = kind;
      }
    }
    if (decoded == '\0') {
      break;  // the C string it decodes into ends here
    }
    out += decoded;
    at += used;
  }
  return out;
}

std::optional<std::string> freeSipAddHeaderSlot(const Channel& channel) {
  for (int slot = 1; slot <= kMaxSipAddHeaders; ++slot) {
    std::string name = fmt::format("{}{:02}", kPrefix, slot);
    if (!channel.variable(name)) {
      return name;
    }
  }
  return std::nullopt;
}

std::size_t removeSipAddHeaders(Channel& channel, std::string_view prefix) {
  std::set<std::string> removed;
  std::vector<std::string> names;
  for (const auto& [name, value] : channel.variables()) {
    const auto bare = withoutUnderscores(name);
    if (bare.starts_with(kPrefix) && startsWithIgnoringCase(value, prefix)) {
      names.push_back(name);
      removed.emplace(bare);
    }
  }
  for (const auto& name : names) {
    channel.removeVariable(name);
  }
  return removed.size();
}

std::vector<SipHeader> sipAddHeaders(const Channel& channel) {
  std::vector<SipHeader> out;
  std::set<std::string, std::less<>> seen;  // `__X` and `X` are one variable in Asterisk
  for (const auto& [name, value] : channel.variablesNewestFirst()) {
    const auto bare = withoutUnderscores(name);
    if (!bare.starts_with(kPrefix) || !seen.emplace(bare).second) {
      continue;
    }
    std::string_view text = value;
    if (text.starts_with('"')) {
      text.remove_prefix(1);
    }
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
      continue;
    }
    std::string_view headerName = text.substr(0, colon);
    // "Name : value" is legal on the wire; the name itself has no blanks.
    while (!headerName.empty() && (headerName.back() == ' ' || headerName.back() == '\t')) {
      headerName.remove_suffix(1);
    }
    std::string_view content = text.substr(colon + 1);
    while (!content.empty() && static_cast<unsigned char>(content.front()) < 33) {
      content.remove_prefix(1);
    }
    if (content.ends_with('"')) {
      content.remove_suffix(1);
    }
    out.push_back({std::string(headerName), std::string(content)});
  }
  return out;
}

}  // namespace sb::modules::pbx
