#pragma once
/// @file
/// Asterisk's `$[...]` expression language (main/ast_expr2.y and ast_expr2.fl), evaluated
/// on text whose variables have already been substituted.
///
/// Operators, lowest precedence first: `c ? a :: b`; `|` (`||`); `&` (`&&`); comparisons
/// `= == != < > <= >=` (numeric when both sides are numbers, else string); `+ -`;
/// `* / %`; unary `-` and `!`; `:` (regex anchored at the start), `=~` (regex anywhere) and
/// `~~` (concatenation); then parentheses and `FUNC(args)`. Arithmetic is in long double
/// and printed with "%.18Lg", so `10/3` is 3.33333333333333333 and `2*3` is 6.
/// Double-quoted strings keep their quotes, as in Asterisk, except inside `:`/`=~`/`~~`.

#include <optional>
#include <string>
#include <string_view>

namespace sb::pbx {

class VariableSource;

/// The value of an expression plus the first problem met while evaluating it.
struct ExprResult {
  std::string value;
  /// Set on syntax errors (value "0"), division by zero (value 2147483647, as Asterisk),
  /// non-numeric operands, bad regular expressions, unknown functions and the like.
  std::optional<std::string> error;
};

/// Evaluates `text`. Math functions (COS, SIN, TAN, ACOS, ASIN, ATAN, ATAN2, POW, SQRT,
/// FLOOR, CEIL, ROUND, RINT, TRUNC, EXP, EXP2, EXP10, LOG, LOG2, LOG10, REMAINDER) are
/// built in; other upper-case function names are asked of `functions` when given (their
/// arguments joined with `,`). Never throws; nesting and regex complexity are bounded.
ExprResult evaluateExpression(std::string_view text, VariableSource* functions = nullptr);

}  // namespace sb::pbx
