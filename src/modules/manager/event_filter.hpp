#pragma once
/// @file
/// AMI event filters as Asterisk's manager.c has them (manager.conf eventfilter, Action:
/// Filter). A legacy filter is a regular expression on the whole event text; an advanced one
/// (`eventfilter(action(exclude),name(Newexten),header(Channel),method(starts_with)) = PJSIP/`)
/// may name the event, one header whose value is matched, and the method: regex, exact,
/// starts_with, ends_with, contains, or none (no pattern: the name/header alone match). A
/// leading `!` on the pattern excludes, as action(exclude) does.

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace sb::modules::manager {

class EventFilters {
 public:
  /// Adds one filter written `criteria = pattern`: criteria is "eventfilter" (legacy) or
  /// "eventfilter(options)". Returns why it is refused (Asterisk's warning text), or nothing.
  std::optional<std::string> add(std::string_view criteria, std::string_view pattern);
  /// Asterisk's rule: no filters pass everything; with include filters an event must match
  /// one of them; then any matching exclude filter drops it. `eventText` is the whole event
  /// ("Event: Name\r\n..." lines).
  bool passes(std::string_view eventText) const;
  bool empty() const { return includes_.empty() && excludes_.empty(); }

 private:
  enum class Method { Regex, Exact, StartsWith, EndsWith, Contains, None };
  struct Filter {
    Method method = Method::Regex;
    std::string eventName;  ///< empty: any event
    std::string header;     ///< "Channel:" (with the colon); empty: the whole text
    std::string text;       ///< the pattern of the string methods
    std::optional<std::regex> regex;
  };
  static std::string_view methodName(Method method);
  static bool matches(const Filter& filter, std::string_view eventName, std::string_view text);
  static bool matchesValue(const Filter& filter, std::string_view value);

  std::vector<Filter> includes_;
  std::vector<Filter> excludes_;
};

}  // namespace sb::modules::manager
