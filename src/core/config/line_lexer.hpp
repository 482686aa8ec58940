#pragma once
/// @file
/// Turns a configuration file's text into numbered lines of code: handles a UTF-8 byte order
/// mark, CRLF endings, `;` comments, `\;` escapes and nested `;-- ... --;` block comments.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::config::detail {

/// One line that still holds something after comments were removed (trimmed, never empty).
struct CodeLine {
  int line = 0;  ///< 1-based line number in the file
  std::string text;
};

/// Reads lines one at a time so a big file is never copied whole.
class LineLexer {
 public:
  /// `text` must outlive the lexer.
  explicit LineLexer(std::string_view text);

  /// The next line holding code, or std::nullopt at the end of the text.
  std::optional<CodeLine> next();

  /// After the end: the line of the innermost `;--` that was never closed, if any.
  std::optional<int> openCommentLine() const;

 private:
  /// The code of one raw line, comments and escapes resolved; updates the block-comment nesting.
  std::string stripComments(std::string_view raw, int lineNumber);

  std::string_view text_;
  std::size_t pos_ = 0;
  int lineNumber_ = 0;
  std::vector<int> openComments_;  ///< start line of each `;--` still open, outermost first
};

}  // namespace sb::config::detail
