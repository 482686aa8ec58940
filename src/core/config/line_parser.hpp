#pragma once
/// @file
/// Parses one line of code (comments already removed) into a section header, a directive or an
/// assignment. Knows nothing about other lines; the reader gives the results their meaning.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config/config_file.hpp"

namespace sb::config::detail {

enum class LineKind { Header, Directive, Assignment };

/// `[...]` lines are headers, `#...` lines directives, anything else an assignment.
LineKind classifyLine(std::string_view code);

/// `[name](options)`.
struct HeaderLine {
  std::string name;
  bool isTemplate = false;  ///< `!`
  bool append = false;      ///< `+`
  /// `key=value` pairs from `(+key=value)`, `(+a=b&c=d)` or `(+,a=b,c=d)`.
  std::vector<std::pair<std::string, std::string>> filters;
  std::vector<std::string> parents;  ///< every other option: a section to inherit from
};

/// `#word argument`.
struct DirectiveLine {
  enum class Kind { Include, TryInclude, Exec, Unknown };
  Kind kind = Kind::Unknown;
  std::string word;      ///< as written, without the '#'
  std::string argument;  ///< trimmed; for includes, without surrounding "" or <>
};

/// `name = value`, `name => value` or `name += value`.
struct AssignmentLine {
  std::string name;
  /// Trimmed for `=` and `=>`. For `+=`, the text after `+=` untouched but for its trailing
  /// blanks, because Asterisk appends it as it stands (`a = x` then `a += y` gives "x y").
  std::string value;
  bool objectLine = false;  ///< `=>`
  bool append = false;      ///< `+=`
};

/// Something wrong with a line on its own.
struct LineProblem {
  Diagnostic::Severity severity = Diagnostic::Severity::Error;
  std::string message;
};

/// A parsed line, absent when an error made it unusable, plus what was wrong with it.
template <class Line>
struct Parsed {
  std::optional<Line> line;
  std::vector<LineProblem> problems;
};

Parsed<HeaderLine> parseHeader(std::string_view code);
DirectiveLine parseDirective(std::string_view code);
Parsed<AssignmentLine> parseAssignment(std::string_view code);

}  // namespace sb::config::detail
