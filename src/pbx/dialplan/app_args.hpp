#pragma once
/// @file
/// Splitting of dialplan application data the way Asterisk's applications do
/// (ast_app_separate_args in main/app.c), and the small syntaxes built on it:
/// `App(args)`, Goto targets and GotoIf's `condition?true:false`.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::pbx {

/// Splits `data` at `separator` as ast_app_separate_args does: double quotes group text
/// and are removed, a backslash makes the next character literal (and is removed),
/// separators inside `(...)` or `[...]` do not split, whitespace is kept. An empty `data`
/// gives no arguments; a trailing separator gives a final empty argument. With `maxArgs`
/// (AST_STANDARD_APP_ARGS for a function declaring that many), the last argument takes the
/// rest of the text as it is, separators, quotes and backslashes included.
std::vector<std::string> splitAppArgs(std::string_view data, char separator = ',',
                                      std::size_t maxArgs = SIZE_MAX);

/// An application call as written in the dialplan: `Dial(PJSIP/100,30)`.
struct AppCall {
  std::string app;   ///< "Dial"
  std::string data;  ///< "PJSIP/100,30" (not split, not substituted)
};

/// Parses `App(args)`: the name is the text before the first `(` (blanks trimmed), the
/// data runs to the last `)`. Without `(`, the whole text is the name and data is empty.
/// A missing `)` takes the data to the end, as Asterisk does (with a warning there).
AppCall parseAppCall(std::string_view text);

/// Where a Goto goes: `prio`, `exten,prio` or `context,exten,prio` (Asterisk also accepts
/// `|` as separator). The priority may be a number, a label or `+N`/`-N` (relative).
struct GotoTarget {
  std::optional<std::string> context;
  std::optional<std::string> exten;
  std::string priority;
};

/// Parses a Goto argument; std::nullopt when it is empty or has more than three parts.
std::optional<GotoTarget> parseGotoTarget(std::string_view text);

/// The parts of GotoIf's `condition?labeliftrue:labeliffalse`; either target may be absent.
struct GotoIfArgs {
  std::string condition;
  std::optional<std::string> ifTrue;
  std::optional<std::string> ifFalse;
};

/// Splits GotoIf data at the first `?` and then the first `:` (as pbx_builtin_gotoif).
/// Empty targets are reported as absent.
GotoIfArgs parseGotoIf(std::string_view text);

}  // namespace sb::pbx
