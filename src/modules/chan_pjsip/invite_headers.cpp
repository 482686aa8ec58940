#include "modules/chan_pjsip/invite_headers.hpp"
#include "core/store/option_parsers.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace sb::modules::chan_pjsip {

namespace {

enum class Shape {
  Single,      ///< one header per line, value as received
  PerValue,    ///< a comma-separated line is one header per value
  List,        ///< items joined with ", "
  MergedList,  ///< a list whose later lines join the first one
};

struct KnownHeader {
  std::string_view name;
  std::string_view compact;
  Shape shape;
};

// The headers pjsip parses itself (the core parser, the timer, replaces and event modules).
constexpr std::array<KnownHeader, 28> kKnown{{
    {"Accept", "", Shape::List},
    {"Allow", "", Shape::List},
    {"Authorization", "", Shape::Single},
    {"Call-ID", "i", Shape::Single},
    {"Contact", "m", Shape::PerValue},
    {"Content-Length", "l", Shape::Single},
    {"Content-Type", "c", Shape::Single},
    {"CSeq", "", Shape::Single},
    {"Event", "o", Shape::Single},
    {"Expires", "", Shape::Single},
    {"From", "f", Shape::Single},
    {"Max-Forwards", "", Shape::Single},
    {"Min-Expires", "", Shape::Single},
    {"Min-SE", "", Shape::Single},
    {"Proxy-Authenticate", "", Shape::Single},
    {"Proxy-Authorization", "", Shape::Single},
    {"Record-Route", "", Shape::PerValue},
    {"Replaces", "", Shape::Single},
    {"Require", "", Shape::MergedList},
    {"Retry-After", "", Shape::Single},
    {"Route", "", Shape::PerValue},
    {"Session-Expires", "x", Shape::Single},
    {"Subscription-State", "", Shape::Single},
    {"Supported", "k", Shape::MergedList},
    {"To", "t", Shape::Single},
    {"Unsupported", "", Shape::List},
    {"Via", "v", Shape::PerValue},
    {"WWW-Authenticate", "", Shape::Single},
}};

const KnownHeader* known(std::string_view name) {
  for (const auto& header : kKnown) {
    if (store::equalsIgnoreCase(header.name, name) ||
        (!header.compact.empty() && store::equalsIgnoreCase(header.compact, name))) {
      return &header;
    }
  }
  return nullptr;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

/// Splits at commas outside quotes and angle brackets; empty items are dropped.
std::vector<std::string_view> splitValues(std::string_view value) {
  std::vector<std::string_view> out;
  bool quoted = false;
  bool escaped = false;
  int angle = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    if (i < value.size()) {
      const char c = value[i];
      if (escaped) {
        escaped = false;
        continue;
      }
      if (quoted) {
        escaped = c == '\\';
        quoted = c != '"';
        continue;
      }
      if (c == '"') {
        quoted = true;
        continue;
      }
      if (c == '<') {
        ++angle;
      } else if (c == '>' && angle > 0) {
        --angle;
      }
      if (c != ',' || angle > 0) {
        continue;
      }
    }
    if (auto item = trimmed(value.substr(start, i - start)); !item.empty()) {
      out.push_back(item);
    }
    start = i + 1;
  }
  return out;
}

std::string joinedList(const std::vector<std::string_view>& items) {
  std::string out;
  for (const auto item : items) {
    if (!out.empty()) {
      out += ", ";
    }
    out += item;
  }
  return out;
}

}  // namespace

std::vector<pbx::SipHeader> headersAsPjsipReadsThem(const sip::Message& message) {
  std::vector<pbx::SipHeader> out;
  for (const auto& header : message.headers()) {
    const KnownHeader* kind = known(header.name);
    if (!kind) {
      out.push_back({std::string(header.name), std::string(header.value)});
      continue;
    }
    const std::string name(kind->name);
    switch (kind->shape) {
      case Shape::Single:
        out.push_back({name, std::string(header.value)});
        break;
      case Shape::PerValue:
        for (const auto item : splitValues(header.value)) {
          out.push_back({name, std::string(item)});
        }
        break;
      case Shape::List:
        out.push_back({name, joinedList(splitValues(header.value))});
        break;
      case Shape::MergedList: {
        const auto items = joinedList(splitValues(header.value));
        auto first = std::find_if(out.begin(), out.end(),
                                  [&](const pbx::SipHeader& seen) { return seen.name == name; });
        if (first == out.end()) {
          out.push_back({name, items});
        } else if (!items.empty()) {
          first->value += first->value.empty() ? items : ", " + items;
        }
        break;
      }
    }
  }
  return out;
}

}  // namespace sb::modules::chan_pjsip
