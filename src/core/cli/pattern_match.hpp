#pragma once
/// @file
/// Matching typed words against a parsed declaration: full matches for dispatch (with a
/// specificity rank to pick the most specific command) and prefix checks for usage, help and
/// "No such command" hints.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/cli/syntax_pattern.hpp"

namespace sb::cli::detail {

/// Named values bound while matching, in declaration order.
using Bindings = std::vector<std::pair<std::string, std::vector<std::string>>>;

/// A successful match of every word.
struct Match {
  Bindings values;
  /// Per word: how specific the element that took it is (literal > typed > argument > rest).
  /// Compared lexicographically, so a literal beats an argument at the first position they
  /// differ.
  std::vector<int> rank;
};

/// The most specific way `words` fits the whole pattern, if any.
std::optional<Match> matchWords(const Pattern& pattern, const std::vector<std::string>& words);

/// How many leading words name the command: words[i] fits command element i, stopping at the
/// first mismatch or after Pattern::commandWordCount words.
std::size_t commandWordsMatched(const Pattern& pattern, const std::vector<std::string>& words);

/// True when `words` is a prefix of the command words in which the last word may be
/// abbreviated ("core sh" matches "core show version"). An empty prefix matches everything.
bool commandStartsWith(const Pattern& pattern, const std::vector<std::string>& words);

}  // namespace sb::cli::detail
