// Dialplan lookups with the search order of main/pbx.c (pbx_find_extension, old matcher).

#include "pbx/dialplan/dialplan.hpp"

#include <algorithm>

namespace sb::pbx {
namespace {

/// Asterisk's AST_PBX_MAX_STACK: how many contexts one search may visit.
constexpr std::size_t kMaxIncludeStack = 128;

/// matchcid(): an extension with a caller-ID pattern needs a caller ID that matches it.
bool callerIdMatches(const Extension& extension, std::string_view callerId) {
  if (extension.callerIdMatch.empty()) {
    return true;
  }
  if (callerId.empty()) {
    return false;
  }
  const auto pattern = ExtensionPattern::parse(extension.callerIdMatch, nullptr);
  return pattern && pattern->matches(callerId);
}

/// True when the extension ends in `!` and `exten` already reached it (an early match).
bool isEarlyMatch(const ExtensionPattern& pattern, std::string_view exten) {
  return pattern.isPattern() && pattern.text().back() == '!' && pattern.canMatch(exten) &&
         !pattern.canMatchMore(exten);
}

}  // namespace

const Priority* Extension::priority(int number) const {
  const auto found =
      std::lower_bound(priorities.begin(), priorities.end(), number,
                       [](const Priority& p, int wanted) { return p.number < wanted; });
  return found != priorities.end() && found->number == number ? &*found : nullptr;
}

const Priority* Extension::labelled(std::string_view label) const {
  if (label.empty()) {
    return nullptr;
  }
  for (const Priority& p : priorities) {
    if (p.label == label) {
      return &p;
    }
  }
  return nullptr;
}

std::vector<const Context*> Dialplan::contexts() const {
  std::vector<const Context*> out;
  out.reserve(contexts_.size());
  for (const Context& c : contexts_) {
    out.push_back(&c);
  }
  return out;
}

const Context* Dialplan::context(std::string_view name) const {
  for (const Context& c : contexts_) {
    if (c.name == name) {
      return &c;
    }
  }
  return nullptr;
}

std::optional<Dialplan::Match> Dialplan::search(const Context& context, const SearchQuery& query,
                                                std::vector<const Context*>& visited) const {
  if (visited.size() >= kMaxIncludeStack ||
      std::find(visited.begin(), visited.end(), &context) != visited.end()) {
    return std::nullopt;
  }
  visited.push_back(&context);
  for (const Extension& extension : context.extensions) {
    if (query.mode == Search::MatchMore) {
      if (!callerIdMatches(extension, query.callerId)) {
        continue;
      }
      if (extension.pattern.canMatchMore(query.exten)) {
        return Match{&context, &extension, nullptr};
      }
      if (isEarlyMatch(extension.pattern, query.exten)) {
        return std::nullopt;  // reaching a `!` is final: no more digits are wanted
      }
      continue;
    }
    if (!extension.pattern.matches(query.exten) || !callerIdMatches(extension, query.callerId)) {
      continue;
    }
    // A matching extension without the wanted priority lets the search go on.
    switch (query.mode) {
      case Search::Match:
        if (const Priority* p = extension.priority(query.priority)) {
          return Match{&context, &extension, p};
        }
        break;
      case Search::FindLabel:
        if (const Priority* p = extension.labelled(query.label)) {
          return Match{&context, &extension, p};
        }
        break;
      case Search::Hint:
        if (extension.hint) {
          return Match{&context, &extension, nullptr};
        }
        break;
      case Search::MatchMore:
        break;
    }
  }
  for (const std::string& name : context.includes) {
    if (const Context* included = this->context(name)) {
      if (auto found = search(*included, query, visited)) {
        return found;
      }
    }
  }
  return std::nullopt;
}

std::optional<Dialplan::Match> Dialplan::find(std::string_view context, std::string_view exten,
                                              int priority, std::string_view callerId) const {
  const Context* start = this->context(context);
  if (start == nullptr) {
    return std::nullopt;
  }
  std::vector<const Context*> visited;
  return search(*start, SearchQuery{exten, priority, {}, callerId, Search::Match}, visited);
}

bool Dialplan::exists(std::string_view context, std::string_view exten, int priority,
                      std::string_view callerId) const {
  return find(context, exten, priority, callerId).has_value();
}

bool Dialplan::canMatchMore(std::string_view context, std::string_view exten,
                            std::string_view callerId) const {
  const Context* start = this->context(context);
  if (start == nullptr) {
    return false;
  }
  std::vector<const Context*> visited;
  return search(*start, SearchQuery{exten, 0, {}, callerId, Search::MatchMore}, visited)
      .has_value();
}

std::optional<int> Dialplan::findLabel(std::string_view context, std::string_view exten,
                                       std::string_view label, std::string_view callerId) const {
  const Context* start = this->context(context);
  if (start == nullptr) {
    return std::nullopt;
  }
  std::vector<const Context*> visited;
  const auto found =
      search(*start, SearchQuery{exten, 0, label, callerId, Search::FindLabel}, visited);
  if (!found) {
    return std::nullopt;
  }
  return found->priority->number;
}

std::optional<std::string> Dialplan::hint(std::string_view context, std::string_view exten) const {
  const Context* start = this->context(context);
  if (start == nullptr) {
    return std::nullopt;
  }
  std::vector<const Context*> visited;
  const auto found = search(*start, SearchQuery{exten, 0, {}, {}, Search::Hint}, visited);
  if (!found) {
    return std::nullopt;
  }
  return found->extension->hint;
}

}  // namespace sb::pbx
