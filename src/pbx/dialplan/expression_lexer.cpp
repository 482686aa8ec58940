// The tokenizer for `$[...]` expressions, with the token rules of main/ast_expr2.fl.

#include "pbx/dialplan/expression_lexer.hpp"

#include <array>
#include <cctype>
#include <cstring>

namespace sb::pbx::detail {
namespace {

/// Characters of a bare word: [a-zA-Z0-9.';\\_^#@] and any byte >= 0x80.
bool isWordChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalnum(u) != 0 || std::strchr(".';\\_^#@", c) != nullptr;
}

/// Characters that end the text trailing a `${...}` inside one token.
bool endsTrail(char c) {
  return c == '\0' || std::strchr("-\t\r \n$():?%/+=*<>!|&", c) != nullptr;
}

/// Length of a bare word at `i` (a `$` followed by anything but `{` belongs to it).
std::size_t wordLength(std::string_view s, std::size_t i) {
  const std::size_t start = i;
  while (i < s.size()) {
    if (isWordChar(s[i])) {
      ++i;
    } else if (s[i] == '$' && i + 1 < s.size() && s[i + 1] != '{') {
      i += 2;
    } else {
      break;
    }
  }
  return i - start;
}

/// Length of [0-9]+(\.[0-9]+)? at `i`, or 0.
std::size_t numberLength(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) != 0) {
    ++j;
  }
  if (j == i) {
    return 0;
  }
  if (j + 1 < s.size() && s[j] == '.' && std::isdigit(static_cast<unsigned char>(s[j + 1]))) {
    j += 2;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) != 0) {
      ++j;
    }
  }
  return j - i;
}

/// From a `${` at `i`: the end of the token that holds it (the braces, what trails them,
/// and further `${...}`), or npos when a brace is never closed.
std::size_t variableTokenEnd(std::string_view s, std::size_t i) {
  for (;;) {
    i += 2;  // past "${"
    int depth = 0;
    for (;; ++i) {
      if (i >= s.size()) {
        return std::string_view::npos;
      }
      if (s[i] == '{') {
        ++depth;
      } else if (s[i] == '}' && --depth < 0) {
        ++i;
        break;
      }
    }
    while (i < s.size() && !endsTrail(s[i])) {
      ++i;
    }
    if (i + 1 < s.size() && s[i] == '$' && s[i + 1] == '{') {
      continue;
    }
    return i;
  }
}

struct Operator {
  std::string_view text;
  ExprToken type;
};

// Two-character operators first: flex takes the longest match.
constexpr std::array<Operator, 24> kOperators{{
    {"||", ExprToken::Or},      {"&&", ExprToken::And},        {"==", ExprToken::Eq},
    {"=~", ExprToken::EqTilde}, {"~~", ExprToken::TildeTilde}, {">=", ExprToken::Ge},
    {"<=", ExprToken::Le},      {"!=", ExprToken::Ne},         {"::", ExprToken::ColonColon},
    {"|", ExprToken::Or},       {"&", ExprToken::And},         {"=", ExprToken::Eq},
    {">", ExprToken::Gt},       {"<", ExprToken::Lt},          {"+", ExprToken::Plus},
    {",", ExprToken::Comma},    {"-", ExprToken::Minus},       {"*", ExprToken::Mult},
    {"/", ExprToken::Div},      {"%", ExprToken::Mod},         {"?", ExprToken::Cond},
    {"!", ExprToken::Compl},    {":", ExprToken::Colon},       {"(", ExprToken::LeftParen},
}};

}  // namespace

std::vector<ExprLexeme> tokenizeExpression(std::string_view s) {
  std::vector<ExprLexeme> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    if (c == ')') {
      tokens.push_back({ExprToken::RightParen, ")", false});
      ++i;
      continue;
    }
    bool matchedOperator = false;
    for (const Operator& op : kOperators) {
      if (s.substr(i, op.text.size()) == op.text) {
        tokens.push_back({op.type, std::string(op.text), false});
        i += op.text.size();
        matchedOperator = true;
        break;
      }
    }
    if (matchedOperator) {
      continue;
    }
    if (c == '"') {
      const std::size_t close = s.find('"', i + 1);
      if (close == std::string_view::npos) {
        ++i;  // no rule takes a lone quote: skipped
        continue;
      }
      tokens.push_back({ExprToken::Value, std::string(s.substr(i, close + 1 - i)), false});
      i = close + 1;
      continue;
    }
    const std::size_t word = wordLength(s, i);
    const bool variableFollows =
        i + word + 1 < s.size() && s[i + word] == '$' && s[i + word + 1] == '{';
    if (variableFollows) {
      const std::size_t end = variableTokenEnd(s, i + word);
      if (end == std::string_view::npos) {
        break;  // an unclosed ${ swallows the rest without a token, as in Asterisk
      }
      tokens.push_back({ExprToken::Value, std::string(s.substr(i, end - i)), false});
      i = end;
      continue;
    }
    const std::size_t number = numberLength(s, i);
    if (number != 0 && number >= word) {  // on a tie the number rule comes first
      tokens.push_back({ExprToken::Value, std::string(s.substr(i, number)), true});
      i += number;
      continue;
    }
    if (word != 0) {
      tokens.push_back({ExprToken::Value, std::string(s.substr(i, word)), false});
      i += word;
      continue;
    }
    ++i;  // flex's default rule: an unknown character is dropped
  }
  return tokens;
}

}  // namespace sb::pbx::detail
