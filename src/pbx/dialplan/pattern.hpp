#pragma once
/// @file
/// Extension names and patterns of Asterisk's dialplan (`100`, `_NXXXXXX`, `_X.`, `_[1-5]!`),
/// with Asterisk's matching rules (ast_extension_match / ast_extension_close) and its sort
/// order (ext_cmp), which decides which of several matching extensions wins.

#include <optional>
#include <string>
#include <string_view>

namespace sb::pbx {

/// One extension name: a literal (`100`, `s`, `*86`) or a pattern starting with `_`.
///
/// Pattern characters: `X` = 0-9, `Z` = 1-9, `N` = 2-9 (either case), `[1-5a]` a set with
/// ranges, `.` one or more of anything, `!` zero or more of anything; `-` is ignored outside
/// sets (so `_NXX-XXXX` works); every other character is literal. In literals too, `-` is
/// ignored when comparing, as Asterisk does.
class ExtensionPattern {
 public:
  /// An empty literal (matches only the empty string).
  ExtensionPattern() = default;

  /// Parses an extension name; std::nullopt (with `*error` set when given) when it is empty
  /// or a pattern has an unterminated `[` set.
  static std::optional<ExtensionPattern> parse(std::string_view text, std::string* error);

  /// The text as written, e.g. "_NXX".
  const std::string& text() const { return text_; }
  /// True for names starting with `_`.
  bool isPattern() const { return !text_.empty() && text_.front() == '_'; }

  /// True when `exten` as a whole matches (Asterisk's E_MATCH).
  bool matches(std::string_view exten) const;
  /// True when `prefix` plus more digits could still match (Asterisk's E_MATCHMORE): a
  /// pattern ending in `!` never needs more, one ending in `.` always can take more.
  bool canMatchMore(std::string_view prefix) const;
  /// True when `prefix` matches now or could with more digits (Asterisk's E_CANMATCH).
  bool canMatch(std::string_view prefix) const;

  /// Asterisk's ext_cmp: literals sort before patterns, literals by their characters
  /// (ignoring `-`), patterns position by position with the narrower set first (`.` and
  /// `!` last). Returns <0, 0 or >0.
  int compare(const ExtensionPattern& other) const;

 private:
  enum class Mode { Match, MatchMore, CanMatch };
  /// 0 no match, 1 match, 2 early match (reached `!`), as Asterisk's core matcher.
  int matchCore(std::string_view data, Mode mode) const;

  std::string text_;
};

/// ext_cmp on two raw names (usable for names that failed to parse, too).
int compareExtensionNames(std::string_view left, std::string_view right);

}  // namespace sb::pbx
