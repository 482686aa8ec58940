#pragma once
/// @file
/// Tokens of Asterisk's `$[...]` expressions, split as main/ast_expr2.fl does. Internal to
/// the expression evaluator.

#include <string>
#include <string_view>
#include <vector>

namespace sb::pbx::detail {

enum class ExprToken {
  Or,          // | ||
  And,         // & &&
  Eq,          // = ==
  Ne,          // !=
  Lt,          // <
  Gt,          // >
  Le,          // <=
  Ge,          // >=
  Plus,        // +
  Minus,       // -
  Mult,        // *
  Div,         // /
  Mod,         // %
  Cond,        // ?
  ColonColon,  // ::
  Compl,       // !
  Colon,       // :
  EqTilde,     // =~
  TildeTilde,  // ~~
  LeftParen,   // (
  RightParen,  // )
  Comma,       // ,
  Value,       // a string, number or ${...} left over
};

struct ExprLexeme {
  ExprToken type = ExprToken::Value;
  std::string text;      ///< the value's text (quotes of "..." kept, as Asterisk)
  bool numeric = false;  ///< matched [0-9]+(\.[0-9]+)?: compared and added as a number
};

/// Splits `text` into tokens. Characters no rule accepts (a lone `~`, `{`, an unterminated
/// `"`) are skipped, as flex's default rule does in Asterisk; an unterminated `${` ends
/// the input.
std::vector<ExprLexeme> tokenizeExpression(std::string_view text);

}  // namespace sb::pbx::detail
