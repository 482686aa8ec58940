#include "modules/manager/event_filter.hpp"

#include <fmt/format.h>

#include "core/store/option_parsers.hpp"

namespace sb::modules::manager {
namespace {

std::optional<std::string_view> valueInParentheses(std::string_view option) {
  const auto open = option.find('(');
  if (open == std::string_view::npos) {
    return std::nullopt;
  }
  return store::trimmed(option.substr(open + 1));
}

/// The event's name: the value of its first line ("Event: Hangup").
std::string_view eventNameOf(std::string_view text) {
  const auto end = text.find("\r\n");
  std::string_view line = text.substr(0, end);
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    return {};
  }
  return store::trimmed(line.substr(colon + 1));
}

}  // namespace

std::string_view EventFilters::methodName(Method method) {
  switch (method) {
    case Method::Regex:
      return "regex";
    case Method::Exact:
      return "exact";
    case Method::StartsWith:
      return "starts_with";
    case Method::EndsWith:
      return "ends_with";
    case Method::Contains:
      return "contains";
    case Method::None:
      return "none";
  }
  return "regex";
}

std::optional<std::string> EventFilters::add(std::string_view criteria, std::string_view pattern) {
  Filter filter;
  bool exclude = false;
  if (!pattern.empty() && pattern.front() == '!') {
    exclude = true;
    pattern.remove_prefix(1);
  }
  const auto optionsStart = criteria.find('(');
  const auto where = fmt::format("'{} = {}'", criteria, pattern);
  if (optionsStart == std::string_view::npos) {
    if (pattern.empty()) {
      return where + ": Legacy filter with no filter pattern";
    }
  } else {
    filter.method = Method::None;
    std::string_view options = store::trimmed(criteria.substr(optionsStart + 1));
    if (options.empty() || options.back() != ')') {
      return where + ": Filter options not formatted correctly";
    }
    bool anyOption = false, named = false, withHeader = false;
    // Options are separated by spaces, commas or ')' (as strtok_r(" ,)") splits them).
    std::size_t at = 0;
    while (at < options.size()) {
      const auto end = options.find_first_of(" ,)", at);
      std::string_view option = options.substr(at, end == std::string_view::npos ? end : end - at);
      at = end == std::string_view::npos ? options.size() : end + 1;
      if (option.empty()) {
        continue;
      }
      const auto value = valueInParentheses(option);
      auto is = [&](std::string_view name) { return option.substr(0, name.size()) == name; };
      if (is("action")) {
        if (!value) {
          return where + ": 'action' parameter not formatted correctly";
        }
        if (*value == "include") {
          exclude = false;
        } else if (*value == "exclude") {
          exclude = true;
        } else {
          return fmt::format("{}: 'action' option '{}' is unknown", where, *value);
        }
      } else if (is("name")) {
        if (!value) {
          return where + ": 'name' parameter not formatted correctly";
        }
        if (value->empty()) {
          return where + ": 'name' parameter is empty";
        }
        filter.eventName = std::string(*value);
        named = true;
      } else if (is("header")) {
        if (!value) {
          return where + ": 'header' parameter not formatted correctly";
        }
        if (value->empty()) {
          return where + ": 'header' parameter is empty";
        }
        filter.header = std::string(*value);
        if (filter.header.back() != ':') {
          filter.header += ':';
        }
        withHeader = true;
      } else if (is("method")) {
        if (!value) {
          return where + ": 'method' parameter not formatted correctly";
        }
        bool known = false;
        for (const auto method : {Method::Regex, Method::Exact, Method::StartsWith,
                                  Method::EndsWith, Method::Contains, Method::None}) {
          if (*value == methodName(method)) {
            filter.method = method;
            known = true;
          }
        }
        if (!known) {
          return fmt::format("{}: 'method' option '{}' is unknown", where, *value);
        }
      } else {
        return fmt::format("{}: Filter option '{}' is unknown", where, option);
      }
      anyOption = true;
    }
    if (!anyOption) {
      return where + ": No action, name, header, or method option found";
    }
    if (pattern.empty() && filter.method != Method::None) {
      return fmt::format("{}: method can't be '{}' with no filter pattern", where,
                         methodName(filter.method));
    }
    if (!pattern.empty() && filter.method == Method::None) {
      return where + ": method can't be 'none' with a filter pattern";
    }
    if (!named && !withHeader && filter.method == Method::None) {
      return where + ": No name or header and no filter pattern";
    }
  }
  if (!pattern.empty()) {
    if (filter.method == Method::Regex) {
      try {
        filter.regex.emplace(pattern.begin(), pattern.end(),
                             std::regex::extended | std::regex::nosubs | std::regex::optimize);
      } catch (const std::regex_error&) {
        return fmt::format("Unable to compile regex filter for '{}'", pattern);
      }
    } else {
      filter.text = std::string(pattern);
    }
  }
  (exclude ? excludes_ : includes_).push_back(std::move(filter));
  return std::nullopt;
}

bool EventFilters::matchesValue(const Filter& filter, std::string_view value) {
  switch (filter.method) {
    case Method::Regex:
      return std::regex_search(value.begin(), value.end(), *filter.regex);
    case Method::Exact:
      return value == filter.text;
    case Method::StartsWith:
      return value.starts_with(filter.text);
    case Method::EndsWith:
      return value.ends_with(filter.text);
    case Method::Contains:
      return value.find(filter.text) != std::string_view::npos;
    case Method::None:
      return true;
  }
  return false;
}

bool EventFilters::matches(const Filter& filter, std::string_view eventName,
                           std::string_view text) {
  if (!filter.eventName.empty() && filter.eventName != eventName) {
    return false;
  }
  if (filter.header.empty()) {
    return matchesValue(filter, text);
  }
  // Each line "Header: value" whose name matches; empty values are skipped.
  std::size_t at = 0;
  while (at < text.size()) {
    auto end = text.find("\r\n", at);
    const std::string_view line =
        text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    at = end == std::string_view::npos ? text.size() : end + 2;
    if (!line.starts_with(filter.header)) {
      continue;
    }
    std::string_view value = line.substr(filter.header.size());
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    if (!value.empty() && matchesValue(filter, value)) {
      return true;
    }
  }
  return false;
}

bool EventFilters::passes(std::string_view eventText) const {
  if (empty()) {
    return true;
  }
  const auto name = eventNameOf(eventText);
  if (!includes_.empty()) {
    bool included = false;
    for (const auto& filter : includes_) {
      if (matches(filter, name, eventText)) {
        included = true;
        break;
      }
    }
    if (!included) {
      return false;
    }
  }
  for (const auto& filter : excludes_) {
    if (matches(filter, name, eventText)) {
      return false;
    }
  }
  return true;
}

}  // namespace sb::modules::manager
