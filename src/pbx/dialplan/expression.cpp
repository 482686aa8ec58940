// Evaluation of `$[...]` expressions with the grammar and value rules of main/ast_expr2.y.

#include "pbx/dialplan/expression.hpp"

#include <regex.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <vector>

#include "pbx/dialplan/expression_lexer.hpp"
#include "pbx/dialplan/regex_guard.hpp"
#include "pbx/dialplan/substitution.hpp"

namespace sb::pbx {
namespace {

using detail::ExprLexeme;
using detail::ExprToken;

/// Nesting (about two per parenthesis) deeper than this is refused; bounds the stack.
constexpr int kMaxDepth = 200;

/// A value as ast_expr2 keeps it: a number, a string, or a string that looks like a number
/// (it becomes a number the first time arithmetic or a truth test needs one).
struct Value {
  enum class Kind { Number, String, NumericString };
  Kind kind = Kind::String;
  long double number = 0;
  std::string text;

  static Value makeNumber(long double n) { return Value{Kind::Number, n, {}}; }
  static Value makeString(std::string s) { return Value{Kind::String, 0, std::move(s)}; }
};

std::string formatNumber(long double n) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.18Lg", n);
  return buffer;
}

/// to_number: true when the value is (now) a number.
bool toNumber(Value& v) {
  if (v.kind == Value::Kind::Number) {
    return true;
  }
  if (v.kind == Value::Kind::String) {
    return false;
  }
  errno = 0;
  const long double n = std::strtold(v.text.c_str(), nullptr);
  if (errno != 0) {
    return false;  // over/underflow: Asterisk warns and treats it as not a number
  }
  v = Value::makeNumber(n);
  return true;
}

void toText(Value& v) {
  if (v.kind == Value::Kind::Number) {
    v = Value::makeString(formatNumber(v.number));
  }
}

/// Removes every `"` from a value that starts and ends with one (strip_quotes).
void stripQuotes(Value& v) {
  if (v.kind == Value::Kind::Number || v.text.empty()) {
    return;
  }
  if (v.text.front() == '"' && v.text.back() == '"') {
    std::string out;
    for (char c : v.text) {
      if (c != '"') {
        out += c;
      }
    }
    v.text = std::move(out);
  }
}

bool isZeroOrNull(Value& v) {
  if (v.kind == Value::Kind::Number) {
    return v.number == 0;
  }
  return v.text.empty() || (toNumber(v) && v.number == 0);
}

/// C string comparison (values cut at an embedded NUL, as in Asterisk).
int compareText(const std::string& a, const std::string& b) {
  return std::strcmp(a.c_str(), b.c_str());
}

struct SyntaxError {
  std::string message;
};

class Evaluator {
 public:
  Evaluator(std::vector<ExprLexeme> tokens, VariableSource* functions)
      : tokens_(std::move(tokens)), functions_(functions) {}

  ExprResult run() {
    ExprResult result;
    if (tokens_.empty()) {
      result.value = "";  // an empty expression is an empty string
      return result;
    }
    try {
      Value v = parseTernary();
      if (pos_ != tokens_.size()) {
        throw SyntaxError{"syntax error near '" + tokens_[pos_].text + "'"};
      }
      result.value = v.kind == Value::Kind::Number ? formatNumber(v.number) : v.text;
      result.error = warning_;
    } catch (const SyntaxError& e) {
      result.value = "0";  // Asterisk's answer when the parse fails
      result.error = e.message;
    }
    return result;
  }

 private:
  bool at(ExprToken type) const { return pos_ < tokens_.size() && tokens_[pos_].type == type; }

  void warn(std::string message) {
    if (!warning_) {
      warning_ = std::move(message);
    }
  }

  /// Counts nesting; refuses input nested deeper than kMaxDepth.
  struct DepthGuard {
    explicit DepthGuard(int& depth) : depth_(depth) {
      if (++depth_ > kMaxDepth) {
        --depth_;
        throw SyntaxError{"expression nested too deeply"};
      }
    }
    ~DepthGuard() { --depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    int& depth_;
  };

  // cond ? a :: b (left-associative, lowest precedence)
  Value parseTernary() {
    DepthGuard guard(depth_);
    Value cond = parseOr();
    while (at(ExprToken::Cond)) {
      ++pos_;
      Value ifTrue = parseTernary();
      if (!at(ExprToken::ColonColon)) {
        throw SyntaxError{"'?' without '::'"};
      }
      ++pos_;
      Value ifFalse = parseOr();
      cond = conditional(cond, std::move(ifTrue), std::move(ifFalse));
    }
    return cond;
  }

  Value parseOr() {
    Value left = parseAnd();
    while (at(ExprToken::Or)) {
      ++pos_;
      Value right = parseAnd();
      if (isZeroOrNull(left)) {
        left = std::move(right);
      }
    }
    return left;
  }

  Value parseAnd() {
    Value left = parseComparison();
    while (at(ExprToken::And)) {
      ++pos_;
      Value right = parseComparison();
      if (isZeroOrNull(left) || isZeroOrNull(right)) {
        left = Value::makeNumber(0);
      }
    }
    return left;
  }

  Value parseComparison() {
    Value left = parseAdditive();
    for (;;) {
      if (pos_ >= tokens_.size()) {
        return left;
      }
      const ExprToken op = tokens_[pos_].type;
      if (op != ExprToken::Eq && op != ExprToken::Ne && op != ExprToken::Lt &&
          op != ExprToken::Gt && op != ExprToken::Le && op != ExprToken::Ge) {
        return left;
      }
      ++pos_;
      Value right = parseAdditive();
      left = Value::makeNumber(compare(op, left, right) ? 1 : 0);
    }
  }

  static bool compare(ExprToken op, Value& a, Value& b) {
    int cmp = 0;
    if (a.kind == Value::Kind::String || b.kind == Value::Kind::String) {
      toText(a);
      toText(b);
      cmp = compareText(a.text, b.text);
    } else {
      toNumber(a);
      toNumber(b);
      cmp = a.number < b.number ? -1 : (a.number > b.number ? 1 : 0);
      if (std::isnan(a.number) || std::isnan(b.number)) {
        return op == ExprToken::Ne;  // NaN compares unequal to everything
      }
    }
    switch (op) {
      case ExprToken::Eq:
        return cmp == 0;
      case ExprToken::Ne:
        return cmp != 0;
      case ExprToken::Lt:
        return cmp < 0;
      case ExprToken::Gt:
        return cmp > 0;
      case ExprToken::Le:
        return cmp <= 0;
      default:
        return cmp >= 0;
    }
  }

  Value parseAdditive() {
    Value left = parseMultiplicative();
    while (at(ExprToken::Plus) || at(ExprToken::Minus)) {
      const bool plus = tokens_[pos_++].type == ExprToken::Plus;
      Value right = parseMultiplicative();
      left = plus ? add(left, right) : subtract(left, right);
    }
    return left;
  }

  Value add(Value& a, Value& b) {
    if (!toNumber(a)) {
      warn("non-numeric argument");
      return toNumber(b) ? b : Value::makeNumber(0);
    }
    if (!toNumber(b)) {
      return a;
    }
    return Value::makeNumber(a.number + b.number);
  }

  Value subtract(Value& a, Value& b) {
    if (!toNumber(a)) {
      warn("non-numeric argument");
      return toNumber(b) ? Value::makeNumber(-b.number) : Value::makeNumber(0);
    }
    if (!toNumber(b)) {
      warn("non-numeric argument");
      return a;
    }
    return Value::makeNumber(a.number - b.number);
  }

  Value parseMultiplicative() {
    Value left = parseUnary();
    while (at(ExprToken::Mult) || at(ExprToken::Div) || at(ExprToken::Mod)) {
      const ExprToken op = tokens_[pos_++].type;
      Value right = parseUnary();
      if (op == ExprToken::Mult) {
        left = multiply(left, right);
      } else if (op == ExprToken::Div) {
        left = divide(left, right);
      } else {
        left = remainder(left, right);
      }
    }
    return left;
  }

  Value multiply(Value& a, Value& b) {
    if (!toNumber(a) || !toNumber(b)) {
      warn("non-numeric argument");
      return Value::makeNumber(0);
    }
    return Value::makeNumber(a.number * b.number);
  }

  Value divide(Value& a, Value& b) {
    if (!toNumber(a)) {
      warn("non-numeric argument");
      return Value::makeNumber(0);
    }
    if (!toNumber(b)) {
      warn("non-numeric argument");
      return Value::makeNumber(INT_MAX);
    }
    if (b.number == 0) {
      warn("division by zero");
      return Value::makeNumber(INT_MAX);
    }
    return Value::makeNumber(a.number / b.number);
  }

  Value remainder(Value& a, Value& b) {
    if (!toNumber(a) || !toNumber(b)) {
      warn("non-numeric argument");
      return Value::makeNumber(0);
    }
    if (b.number == 0) {
      warn("division by zero");
      return b;
    }
    return Value::makeNumber(std::fmod(a.number, b.number));
  }

  // Unary - and ! bind looser than : =~ ~~ but tighter than * / %.
  Value parseUnary() {
    if (at(ExprToken::Minus) || at(ExprToken::Compl)) {
      DepthGuard guard(depth_);
      const bool minus = tokens_[pos_++].type == ExprToken::Minus;
      Value operand = parseUnary();
      return minus ? negate(operand) : complement(operand);
    }
    return parseMatch();
  }

  Value negate(Value& a) {
    if (!toNumber(a)) {
      warn("non-numeric argument");
      return Value::makeNumber(0);
    }
    return Value::makeNumber(-a.number);
  }

  static Value complement(const Value& a) {
    bool truth = true;
    if (a.kind == Value::Kind::Number) {
      truth = a.number != 0;
    } else if (a.text.empty() || a.text == "0") {
      truth = false;
    } else {
      // Asterisk's atoi(): `!abc` is 1, `!7x` is 0 (strtoll: no overflow on long digits).
      truth = std::strtoll(a.text.c_str(), nullptr, 10) != 0;
    }
    return Value::makeNumber(truth ? 0 : 1);
  }

  Value parseMatch() {
    Value left = parsePrimary();
    while (at(ExprToken::Colon) || at(ExprToken::EqTilde) || at(ExprToken::TildeTilde)) {
      const ExprToken op = tokens_[pos_++].type;
      // A prefix operator on the right takes the rest of the match chain (yacc shifts it).
      Value right = at(ExprToken::Minus) || at(ExprToken::Compl) ? parseUnary() : parsePrimary();
      toText(left);
      toText(right);
      stripQuotes(left);
      stripQuotes(right);
      if (op == ExprToken::TildeTilde) {
        left = Value::makeString(left.text + right.text);
      } else {
        left = match(left.text, right.text, op == ExprToken::Colon);
      }
    }
    return left;
  }

  /// `:` and `=~`: the first \(group\) when the pattern has one, else the match length.
  Value match(const std::string& subject, const std::string& pattern, bool anchored) {
    if (auto problem = checkRegex(pattern)) {
      warn(*problem);
      return Value::makeString("");
    }
    regex_t re;
    if (const int rc = ::regcomp(&re, pattern.c_str(), REG_EXTENDED); rc != 0) {
      char message[256];
      ::regerror(rc, &re, message, sizeof message);
      warn(std::string("regcomp() error: ") + message);
      return Value::makeString("");
    }
    regmatch_t found[2];
    Value out;
    if (::regexec(&re, subject.c_str(), 2, found, 0) == 0 && (!anchored || found[0].rm_so == 0)) {
      if (found[1].rm_so >= 0) {
        out = Value::makeString(
            subject.substr(static_cast<std::size_t>(found[1].rm_so),
                           static_cast<std::size_t>(found[1].rm_eo - found[1].rm_so)));
      } else {
        out = Value::makeNumber(static_cast<long double>(found[0].rm_eo - found[0].rm_so));
      }
    } else {
      out = re.re_nsub == 0 ? Value::makeNumber(0) : Value::makeString("");
    }
    ::regfree(&re);
    return out;
  }

  Value parsePrimary() {
    if (pos_ >= tokens_.size()) {
      throw SyntaxError{"syntax error: unexpected end of expression"};
    }
    const ExprLexeme& token = tokens_[pos_];
    if (token.type == ExprToken::LeftParen) {
      DepthGuard guard(depth_);
      ++pos_;
      Value inner = parseTernary();
      if (!at(ExprToken::RightParen)) {
        throw SyntaxError{"syntax error: missing ')'"};
      }
      ++pos_;
      return inner;
    }
    if (token.type != ExprToken::Value) {
      throw SyntaxError{"syntax error near '" + token.text + "'"};
    }
    ++pos_;
    if (at(ExprToken::LeftParen)) {
      return call(token.text);
    }
    Value v;
    v.kind = token.numeric ? Value::Kind::NumericString : Value::Kind::String;
    v.text = token.text;
    return v;
  }

  Value call(const std::string& name) {
    DepthGuard guard(depth_);
    ++pos_;  // (
    std::vector<Value> args;
    args.push_back(parseTernary());
    while (at(ExprToken::Comma)) {
      ++pos_;
      if (at(ExprToken::Comma) || at(ExprToken::RightParen)) {
        args.push_back(Value::makeString(""));  // empty arguments are allowed
      } else {
        args.push_back(parseTernary());
      }
    }
    if (!at(ExprToken::RightParen)) {
      throw SyntaxError{"syntax error: missing ')' after arguments of " + name};
    }
    ++pos_;
    return callFunction(name, args);
  }

  Value callFunction(const std::string& name, std::vector<Value>& args) {
    if (name.empty() ||
        name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") != std::string::npos) {
      warn("'" + name + "' is not possibly a function name");
      return Value::makeNumber(0);
    }
    using Unary = long double (*)(long double);
    using Binary = long double (*)(long double, long double);
    static const std::map<std::string, Unary, std::less<>> unary = {
        {"COS", [](long double x) { return std::cos(x); }},
        {"SIN", [](long double x) { return std::sin(x); }},
        {"TAN", [](long double x) { return std::tan(x); }},
        {"ACOS", [](long double x) { return std::acos(x); }},
        {"ASIN", [](long double x) { return std::asin(x); }},
        {"ATAN", [](long double x) { return std::atan(x); }},
        {"SQRT", [](long double x) { return std::sqrt(x); }},
        {"FLOOR", [](long double x) { return std::floor(x); }},
        {"CEIL", [](long double x) { return std::ceil(x); }},
        {"ROUND", [](long double x) { return std::round(x); }},
        {"RINT", [](long double x) { return std::rint(x); }},
        {"TRUNC", [](long double x) { return std::trunc(x); }},
        {"EXP", [](long double x) { return std::exp(x); }},
        {"EXP2", [](long double x) { return std::exp2(x); }},
        {"EXP10", [](long double x) { return std::pow(10.0L, x); }},
        {"LOG", [](long double x) { return std::log(x); }},
        {"LOG2", [](long double x) { return std::log2(x); }},
        {"LOG10", [](long double x) { return std::log10(x); }},
    };
    static const std::map<std::string, Binary, std::less<>> binary = {
        {"ATAN2", [](long double y, long double x) { return std::atan2(y, x); }},
        {"POW", [](long double x, long double y) { return std::pow(x, y); }},
        {"REMAINDER", [](long double x, long double y) { return std::remainder(x, y); }},
    };
    auto number = [](Value& v) { return toNumber(v) ? v.number : 0.0L; };
    if (const auto f = unary.find(name); f != unary.end()) {
      if (args.size() != 1) {
        warn("Wrong args to " + name + "() function");
        return Value::makeNumber(0);
      }
      return Value::makeNumber(f->second(number(args[0])));
    }
    if (const auto f = binary.find(name); f != binary.end()) {
      if (args.size() != 2) {
        warn("Wrong args to " + name + "() function");
        return Value::makeNumber(0);
      }
      return Value::makeNumber(f->second(number(args[0]), number(args[1])));
    }
    return callDialplanFunction(name, args);
  }

  /// Any other function is a dialplan function such as LEN(); its text result becomes a
  /// number when it looks like one (is_really_num).
  Value callDialplanFunction(const std::string& name, std::vector<Value>& args) {
    if (functions_ == nullptr) {
      warn("'" + name + "' doesn't appear to be an available function");
      return Value::makeNumber(0);
    }
    std::string joined;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i != 0) {
        joined += ',';
      }
      toText(args[i]);
      joined += args[i].text;
    }
    std::string error;
    const std::optional<std::string> result = functions_->function(name, joined, error);
    if (!result) {
      warn(error.empty() ? "'" + name + "' doesn't appear to be an available function" : error);
      return Value::makeNumber(0);
    }
    if (result->find_first_not_of("-0123456789. \t") == std::string::npos) {
      return Value::makeNumber(std::strtold(result->c_str(), nullptr));
    }
    return Value::makeString(*result);
  }

  Value conditional(Value& cond, Value ifTrue, Value ifFalse) {
    bool truth = false;
    if (cond.kind == Value::Kind::String) {
      truth = !cond.text.empty() && cond.text != "\"\"" && cond.text != "0";
    } else {
      truth = toNumber(cond) && cond.number != 0;
    }
    return truth ? std::move(ifTrue) : std::move(ifFalse);
  }

  std::vector<ExprLexeme> tokens_;
  VariableSource* functions_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::optional<std::string> warning_;
};

}  // namespace

ExprResult evaluateExpression(std::string_view text, VariableSource* functions) {
  return Evaluator(detail::tokenizeExpression(text), functions).run();
}

}  // namespace sb::pbx
