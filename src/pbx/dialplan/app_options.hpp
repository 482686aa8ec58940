#pragma once
/// @file
/// Application option strings as ast_app_parse_options reads them (main/app.c), e.g. Dial's
/// `gb(handler^addheader^1)U(post)`, and the Gosub targets such options carry.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::pbx {

/// The options given: each letter once (a later one replaces an earlier one's argument).
struct AppOptions {
  /// Letter → argument; the argument is empty when the letter had no `(...)`.
  std::map<char, std::string> given;

  bool has(char letter) const { return given.contains(letter); }
  /// The argument of `letter`, std::nullopt when the letter was not given.
  std::optional<std::string> argument(char letter) const;
};

/// The outcome of parsing: the options, the warnings Asterisk would log, and whether the
/// string was usable (false on a missing closing parenthesis; the application then fails).
struct AppOptionsResult {
  AppOptions options;
  std::vector<std::string> warnings;
  bool ok = true;
};

/// Parses `text` as ast_app_parse_options does. Each character is an option letter (its
/// low 7 bits); a `(` right after it opens an argument that runs to the matching `)`:
/// parentheses nest, a backslash makes the next character literal and is removed, and an
/// argument that starts with `"` is quoted (the quotes are removed, parentheses inside do
/// not count). Letters not in `known` are kept but warned about ("Unrecognized option").
AppOptionsResult parseAppOptions(std::string_view text, std::string_view known);

/// ast_replace_subargument_delimiter: every `^` becomes `,` (Dial's `b(ctx^exten^1)`).
std::string replaceSubargumentDelimiter(std::string_view text);

/// A Gosub argument `[[context,]exten,]priority[(arg1[,...])]` split into its location and
/// its routine arguments (the text between the first `(` and the last `)`).
struct GosubCall {
  std::string label;                ///< "context,exten,priority" (or a shorter form)
  std::optional<std::string> args;  ///< std::nullopt without `(`
  bool missingCloseParen = false;   ///< a `(` without a `)`: args run to the end
};
GosubCall splitGosubCall(std::string_view text);

/// Asterisk's expand_gosub_args: fills in a missing or empty context and extension of a
/// Gosub argument from `context` and `exten` (the dialling channel's), giving
/// "context,exten,priority[(args)]". Only the first three comma-separated parts count.
std::string expandGosubTarget(std::string_view text, std::string_view context,
                              std::string_view exten);

}  // namespace sb::pbx
