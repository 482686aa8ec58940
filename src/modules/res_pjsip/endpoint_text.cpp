#include "modules/res_pjsip/endpoint_text.hpp"

#include <fmt/format.h>

#include <bitset>
#include <cctype>
#include <charconv>

#include "core/store/option_parsers.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"

namespace sb::modules::res_pjsip {

namespace {

/// ast_strip_quoted with double quotes: blanks trimmed, then one pair of quotes removed.
std::string_view withoutQuotes(std::string_view text, bool* removed = nullptr) {
  text = store::trimmed(text);
  const bool quoted = text.size() >= 2 && text.front() == '"' && text.back() == '"';
  if (quoted) {
    text = text.substr(1, text.size() - 2);
  }
  if (removed != nullptr) {
    *removed = quoted;
  }
  return text;
}

/// ast_shrink_phone_number: drops ( ) blanks, '-' outside [...], '.' unless last.
std::string shrunkNumber(std::string_view number) {
  std::string out;
  int bracketed = 0;
  for (std::size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (c == '[') {
      ++bracketed;
    } else if (c == ']') {
      --bracketed;
    } else if (c == '-' && bracketed == 0) {
      continue;
    } else if (c == '.' && i + 1 < number.size()) {
      continue;
    } else if (c == '(' || c == ')' || c == ' ') {
      continue;
    }
    out += c;
  }
  return out;
}

bool isPhoneNumber(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789*#+") == std::string_view::npos;
}

/// ast_unescape_quoted: a backslash keeps the next character.
std::string unescaped(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && ++i >= text.size()) {
      break;
    }
    out += text[i];
  }
  return out;
}

}  // namespace

CallerIdParts splitCallerId(std::string_view text) {
  bool quotesRemoved = false;
  const std::string_view inner = withoutQuotes(text, &quotesRemoved);
  CallerIdParts parts;
  if (const auto open = inner.rfind('<'); open != std::string_view::npos) {
    std::string_view location = inner.substr(open + 1);
    if (const auto close = location.rfind('>'); close != std::string_view::npos) {
      location = location.substr(0, close);
    }
    parts.number = shrunkNumber(location);
    parts.name = unescaped(withoutQuotes(inner.substr(0, open)));
    return parts;
  }
  const std::string number = shrunkNumber(inner);
  if (!quotesRemoved && isPhoneNumber(number)) {
    parts.number = number;
  } else {
    parts.name = unescaped(withoutQuotes(inner));
  }
  return parts;
}

std::string mergedCallerId(std::string_view text, std::string_view unknown) {
  const auto parts = splitCallerId(text);
  if (!parts.name.empty() && !parts.number.empty()) {
    std::string escaped;
    for (char c : parts.name) {
      if (c == '"' || c == '\\') {
        escaped += '\\';
      }
      escaped += c;
    }
    return fmt::format("\"{}\" <{}>", escaped, parts.number);
  }
  if (!parts.name.empty()) {
    return parts.name;
  }
  if (!parts.number.empty()) {
    return parts.number;
  }
  return std::string(unknown);
}

std::string printedGroups(std::string_view groups) {
  std::bitset<64> bits;
  while (!groups.empty()) {
    const auto comma = groups.find(',');
    const std::string_view item = store::trimmed(groups.substr(0, comma));
    groups = comma == std::string_view::npos ? std::string_view() : groups.substr(comma + 1);
    const auto dash = item.find('-');
    const std::string_view firstText = store::trimmed(item.substr(0, dash));
    const std::string_view lastText =
        dash == std::string_view::npos ? firstText : store::trimmed(item.substr(dash + 1));
    unsigned first = 0;
    unsigned last = 0;
    const auto a = std::from_chars(firstText.data(), firstText.data() + firstText.size(), first);
    const auto b = std::from_chars(lastText.data(), lastText.data() + lastText.size(), last);
    if (a.ec != std::errc() || b.ec != std::errc() || firstText.empty() || lastText.empty()) {
      continue;
    }
    for (unsigned bit = first; bit <= last && bit < 64; ++bit) {
      bits.set(bit);
    }
  }
  std::string out;
  for (unsigned bit = 0; bit < 64; ++bit) {
    if (bits.test(bit)) {
      out += (out.empty() ? "" : ", ") + std::to_string(bit);
    }
  }
  return out;
}

media::CodecPrefs endpointCodecs(const EndpointConfig& endpoint) {
  std::vector<std::pair<bool, std::string>> lines;
  for (const auto& op : endpoint.codecOps) {
    if (!op.empty()) {
      lines.emplace_back(op.front() == '+', op.substr(1));
    }
  }
  return media::CodecPrefs::parse(lines);
}

}  // namespace sb::modules::res_pjsip
