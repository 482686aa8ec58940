#pragma once
/// @file
/// Variable substitution in dialplan text, as main/pbx_variables.c does it: `${VAR}`,
/// `${VAR:offset:length}`, `${FUNC(args)}`, `$[expression]`, nested in any combination.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::pbx {

/// Where substitution looks names up: a channel's variables and dialplan functions.
class VariableSource {
 public:
  virtual ~VariableSource();

  /// The value of variable `name`, or std::nullopt when it is not set (it then becomes
  /// the empty string).
  virtual std::optional<std::string> variable(std::string_view name) = 0;

  /// Reads function `name` (e.g. "LEN") with its already substituted `args`; returns
  /// std::nullopt and sets `error` when there is no such function or it fails.
  virtual std::optional<std::string> function(std::string_view name, std::string_view args,
                                              std::string& error) = 0;
};

/// Limits that keep hostile text from taking unbounded time or memory.
inline constexpr std::size_t kMaxSubstitutionSize = 64 * 1024;  ///< bytes of any result
/// Nested substitutions on one thread (Asterisk's MAX_VARIABLE_SUB_RECURSE_DEPTH), including
/// those a VariableSource starts from inside a function (an EVAL-like function).
inline constexpr int kMaxSubstitutionDepth = 15;

/// Substitutes every `${...}` and `$[...]` in `text`.
///
/// - `${NAME}`: the variable (unset: empty). `${NAME:offset}` and `${NAME:offset:length}`
///   take a substring; a negative offset counts from the end, a negative length leaves that
///   many characters off the end.
/// - `${FUNC(args)}`: a function (anything with `(` before a top-level `:`); its args are
///   substituted first; substrings apply to its result too.
/// - `$[expr]`: the inner text is substituted, then evaluated by evaluateExpression().
/// - A `$` not followed by `{` or `[` is copied. An unclosed `${` or `$[` takes the rest of
///   the text as its content (Asterisk warns "missing '}'"); an error is recorded.
///
/// Results are cut at kMaxSubstitutionSize bytes and nesting deeper than
/// kMaxSubstitutionDepth substitutes to nothing; both are recorded in `errors` when given,
/// together with function and expression errors.
std::string substitute(std::string_view text, VariableSource& source,
                       std::vector<std::string>* errors = nullptr);

/// A VariableSource with fixed variables and no functions (globals at load time, tests).
class MapVariableSource : public VariableSource {
 public:
  explicit MapVariableSource(std::vector<std::pair<std::string, std::string>> variables)
      : variables_(std::move(variables)) {}
  std::optional<std::string> variable(std::string_view name) override;
  std::optional<std::string> function(std::string_view name, std::string_view args,
                                      std::string& error) override;

 private:
  std::vector<std::pair<std::string, std::string>> variables_;
};

}  // namespace sb::pbx
