#include "modules/res_pjsip/trace/history_filter.hpp"

#include <regex.h>

#include <fmt/format.h>
#include <charconv>

#include "core/store/option_parsers.hpp"
#include "pbx/dialplan/regex_guard.hpp"

namespace sb::modules::res_pjsip {

struct HistoryFilter::Operator {
  enum class Kind { Compare, Not, And, Or };
  enum class Test { None, Equal, NotEqual, Less, Greater, LessOrEqual, GreaterOrEqual, Like };
  std::string_view symbol;
  Kind kind;
  int precedence;  ///< lower binds tighter
  Test test = Test::None;
};

struct HistoryFilter::CompiledRegex {
  regex_t regex{};
  ~CompiledRegex() { ::regfree(&regex); }
};

namespace {

enum class Field { Number, Timestamp, Addr, Method, CallId };

std::optional<Field> fieldNamed(std::string_view name) {
  static constexpr std::pair<std::string_view, Field> kFields[] = {
      {"number", Field::Number},
      {"timestamp", Field::Timestamp},
      {"addr", Field::Addr},
      {"sip.msg.request.method", Field::Method},
      {"sip.msg.call-id", Field::CallId},
  };
  for (const auto& [symbol, field] : kFields) {
    if (store::equalsIgnoreCase(symbol, name)) {
      return field;
    }
  }
  return std::nullopt;
}

std::optional<long long> integerOf(std::string_view text) {
  text = store::trimmed(text);
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

Result<HistoryFilter> HistoryFilter::parse(const std::vector<std::string>& words) {
  using K = Operator::Kind;
  using T = Operator::Test;
  static const Operator kOperators[] = {
      {"=", K::Compare, 7, T::Equal},
      {"==", K::Compare, 7, T::Equal},
      {"!=", K::Compare, 7, T::NotEqual},
      {"<", K::Compare, 7, T::Less},
      {">", K::Compare, 7, T::Greater},
      {"<=", K::Compare, 7, T::LessOrEqual},
      {">=", K::Compare, 7, T::GreaterOrEqual},
      {"like", K::Compare, 7, T::Like},
      {"!", K::Not, 8},
      {"not", K::Not, 8},
      {"&&", K::And, 11},
      {"and", K::And, 11},
      {"||", K::Or, 12},
      {"or", K::Or, 12},
  };
  HistoryFilter filter;
  std::vector<const Operator*> pending;  // nullptr stands for '('
  auto popUntilParen = [&]() {
    while (!pending.empty() && pending.back() != nullptr) {
      filter.rpn_.push_back(Token{pending.back(), {}});
      pending.pop_back();
    }
  };
  for (const auto& written : words) {
    std::string_view word = written;
    while (word.size() > 1 && word.front() == '(') {
      pending.push_back(nullptr);
      word.remove_prefix(1);
    }
    if (word == "(") {
      pending.push_back(nullptr);
      continue;
    }
    std::size_t closing = 0;
    while (!word.empty() && word.back() == ')') {
      ++closing;
      word.remove_suffix(1);
    }
    if (!word.empty()) {
      const Operator* op = nullptr;
      for (const auto& candidate : kOperators) {
        if (store::equalsIgnoreCase(candidate.symbol, word)) {
          op = &candidate;
        }
      }
      if (op == nullptr) {
        filter.rpn_.push_back(Token{nullptr, std::string(word)});
      } else if (op->kind == K::Not) {
        pending.push_back(op);  // a prefix operator has nothing to its left to finish
      } else {
        while (!pending.empty() && pending.back() != nullptr &&
               pending.back()->precedence <= op->precedence) {
          filter.rpn_.push_back(Token{pending.back(), {}});
          pending.pop_back();
        }
        pending.push_back(op);
      }
    }
    for (; closing > 0; --closing) {
      popUntilParen();
      if (pending.empty()) {
        return Error{"Unbalanced ')' parentheses in expression!"};
      }
      pending.pop_back();
    }
  }
  while (!pending.empty()) {
    if (pending.back() != nullptr) {  // an unclosed '(' is forgiven, as in Asterisk
      filter.rpn_.push_back(Token{pending.back(), {}});
    }
    pending.pop_back();
  }
  if (filter.rpn_.empty()) {
    return Error{"Expression did not create a usable result"};
  }
  return filter;
}

Result<bool> HistoryFilter::like(const std::string& subject, const std::string& pattern) const {
  auto found = regexes_.find(pattern);
  if (found == regexes_.end()) {
    if (auto problem = pbx::checkRegex(pattern)) {
      return Error{
          fmt::format("Failed to compile '{}' into a regular expression: {}", pattern, *problem)};
    }
    auto compiled = std::make_shared<CompiledRegex>();
    if (::regcomp(&compiled->regex, pattern.c_str(), REG_EXTENDED | REG_NOSUB) != 0) {
      return Error{fmt::format("Failed to compile '{}' into a regular expression", pattern)};
    }
    found = regexes_.emplace(pattern, std::move(compiled)).first;
  }
  return ::regexec(&found->second->regex, subject.c_str(), 0, nullptr, 0) == 0;
}

Result<bool> HistoryFilter::compare(const Operator& op, const std::string& fieldName,
                                    const std::string& value, const HistoryFields& fields) const {
  using T = Operator::Test;
  const auto field = fieldNamed(fieldName);
  if (!field) {
    return Error{fmt::format("Unknown or unrecognized field: {}", fieldName)};
  }
  const auto invalidType = [&]() -> Result<bool> {
    if (op.test == T::Like) {
      return Error{
          fmt::format("Cannot evaluate: invalid operand type for operator '{}'", op.symbol)};
    }
    return Error{fmt::format("Cannot evaluate field '{}': invalid type for operator '{}'", value,
                             op.symbol)};
  };
  switch (*field) {
    case Field::Number:
    case Field::Timestamp: {
      if (op.test == T::Like) {
        return invalidType();
      }
      const auto right = integerOf(value);
      if (!right) {
        return Error{fmt::format("Unable to extract field '{}': {}", value,
                                 *field == Field::Number ? "not an integer" : "not a timestamp")};
      }
      const long long left = *field == Field::Number ? fields.number : fields.timestamp;
      switch (op.test) {
        case T::Equal:
          return left == *right;
        case T::NotEqual:
          return left != *right;
        case T::Less:
          return left < *right;
        case T::Greater:
          return left > *right;
        case T::LessOrEqual:
          return left <= *right;
        case T::GreaterOrEqual:
          return left >= *right;
        default:
          return invalidType();
      }
    }
    case Field::Addr: {
      if (op.test == T::Like) {
        return like(fields.address.str(), value);
      }
      if (op.test != T::Equal && op.test != T::NotEqual) {
        return invalidType();
      }
      const auto right = sip::SocketAddress::parse(value);
      if (!right) {
        return Error{
            fmt::format("Unable to convert field '{}': not an IPv4 or IPv6 address", value)};
      }
      const bool same = right->address == fields.address.address &&
                        (right->port == 0 || right->port == fields.address.port);
      return op.test == T::Equal ? same : !same;
    }
    case Field::Method:
    case Field::CallId: {
      if (*field == Field::Method && !fields.method) {
        return false;  // a response has no request method: nothing about it is true
      }
      const std::string_view left = *field == Field::Method ? *fields.method : fields.callId;
      switch (op.test) {
        case T::Equal:
          return left == value;
        case T::NotEqual:
          return left != value;
        case T::Like:
          return like(std::string(left), value);
        default:
          return invalidType();
      }
    }
  }
  return invalidType();
}

Result<bool> HistoryFilter::matches(const HistoryFields& fields) const {
  using Kind = Operator::Kind;
  struct Value {
    bool isResult = false;
    bool result = false;
    const std::string* word = nullptr;
  };
  std::vector<Value> stack;
  for (const auto& token : rpn_) {
    if (token.op == nullptr) {
      stack.push_back(Value{false, false, &token.word});
      continue;
    }
    const Operator& op = *token.op;
    const std::size_t needed = op.kind == Kind::Not ? 1 : 2;
    if (stack.size() < needed) {
      return Error{fmt::format("Unable to evaluate expression operator '{}': not enough operands",
                               op.symbol)};
    }
    const Value right = stack.back();
    stack.pop_back();
    if (op.kind == Kind::Not) {
      if (!right.isResult) {
        return Error{fmt::format(
            "Unable to evaluate '{}': operand is not the result of an operation", op.symbol)};
      }
      stack.push_back(Value{true, !right.result, nullptr});
      continue;
    }
    const Value left = stack.back();
    stack.pop_back();
    bool outcome = false;
    if (op.kind == Kind::Compare) {
      if (left.isResult || right.isResult) {
        return Error{
            fmt::format("Cannot evaluate: invalid operand type for operator '{}'", op.symbol)};
      }
      auto compared = compare(op, *left.word, *right.word, fields);
      if (!compared) {
        return compared.error();
      }
      outcome = *compared;
    } else {
      if (!left.isResult || !right.isResult) {
        return Error{
            fmt::format("Cannot evaluate: invalid operand type for operator '{}'", op.symbol)};
      }
      outcome =
          op.kind == Kind::And ? (left.result && right.result) : (left.result || right.result);
    }
    stack.push_back(Value{true, outcome, nullptr});
  }
  if (stack.size() != 1) {
    return Error{fmt::format("Expression was unbalanced: {} results remained after evaluation",
                             stack.size())};
  }
  if (!stack.front().isResult) {
    return Error{"Expression did not create a usable result"};
  }
  return stack.front().result;
}

}  // namespace sb::modules::res_pjsip
