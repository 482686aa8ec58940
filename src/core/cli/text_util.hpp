#pragma once
/// @file
/// Small text helpers shared by the command registry: ASCII case folding, word splitting and
/// integer checks. ASCII only on purpose: command words are ASCII and locales must not matter.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::cli::detail {

/// True for the characters that separate words on a command line.
bool isSpace(char c);

/// ASCII lower-case copy.
std::string asciiLower(std::string_view text);

/// Case-insensitive (ASCII) equality.
bool iequals(std::string_view a, std::string_view b);

/// Case-insensitive (ASCII) "text starts with prefix".
bool istartsWith(std::string_view text, std::string_view prefix);

/// Case-insensitive (ASCII) ordering, ties broken by exact byte order so sorting is stable.
bool ilessThan(std::string_view a, std::string_view b);

/// The line without leading and trailing whitespace.
std::string_view trim(std::string_view line);

/// Words joined by single spaces.
std::string joinWords(const std::vector<std::string>& words, std::size_t count);

/// A command line split into words.
struct SplitLine {
  std::vector<std::string> words;
  /// True when the last word is still being typed (no whitespace after it); false when the
  /// line is empty or ends in whitespace, i.e. the cursor is at the start of a new word.
  bool lastWordOpen = false;
};

/// Splits like splitWords() and also tells whether the line ends inside a word.
SplitLine splitLine(std::string_view line);

/// Parses a whole word as a decimal integer; `allowNegative` admits a leading '-'.
std::optional<std::int64_t> parseInteger(std::string_view word, bool allowNegative);

}  // namespace sb::cli::detail
