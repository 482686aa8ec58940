#pragma once
/// @file
/// The parsed form of a command declaration such as "module show [like <pattern>]". Parsed once
/// when the command is added; matching, completion and help all work on this structure.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sb::cli::detail {

enum class ElementKind {
  Literal,   ///< a fixed word
  Choice,    ///< one of several fixed words, `{a|b}` or `{name=a|b}`
  Argument,  ///< one word, `<name>` or `<name:uint>`
  Rest,      ///< one or more words, `<name>...`; always the last element
};

enum class ArgType { Any, UInt, Int };

/// One word position of a declaration.
struct Element {
  ElementKind kind = ElementKind::Literal;
  /// Argument name; for a choice the name written as `{name=a|b}`, empty when unnamed.
  std::string name;
  /// The literal (one entry) or the choice's alternatives, as declared.
  std::vector<std::string> words;
  ArgType type = ArgType::Any;
  /// Index of the optional group holding this element, -1 when it is required.
  int group = -1;
};

/// A parsed declaration: required elements followed by optional groups.
struct Pattern {
  std::vector<Element> elements;
  /// How many leading elements name the command (literals and unnamed choices).
  std::size_t commandWordCount = 0;

  /// True when element `index` is the first one of an optional group (which may be skipped).
  bool startsGroup(std::size_t index) const;
  /// Index of the first element after the group holding `index` (elements.size() at the end).
  std::size_t afterGroup(std::size_t index) const;
  /// The declaration in canonical spelling, e.g. "module show [like <pattern>]".
  std::string render() const;
  /// The command words, e.g. "core show version" or "core stop {now|gracefully}".
  std::string commandWords() const;
};

/// Parses a declaration; throws std::invalid_argument naming the problem.
Pattern parseSyntax(std::string_view syntax);

/// Every concrete word shape the pattern accepts (optional groups in or out, choices expanded),
/// literals lower-cased and arguments reduced to placeholders. Two declarations sharing a shape
/// would be ambiguous. Throws std::invalid_argument if the expansion is unreasonably large.
std::vector<std::string> expandShapes(const Pattern& pattern);

/// True when `word` fits the element: a literal or choice alternative (case-insensitive), an
/// integer for typed arguments, anything for other arguments.
bool wordFits(const Element& element, std::string_view word);

/// The declared spelling of the alternative matching `word` (choices and literals).
const std::string* chosenWord(const Element& element, std::string_view word);

}  // namespace sb::cli::detail
