// Variable, function and expression substitution with the rules of main/pbx_variables.c
// (pbx_substitute_variables_helper_full_location, parse_variable_name, substring).

#include "pbx/dialplan/substitution.hpp"

#include <algorithm>
#include <cctype>
#include <climits>

#include "pbx/dialplan/expression.hpp"

namespace sb::pbx {

VariableSource::~VariableSource() = default;

std::optional<std::string> MapVariableSource::variable(std::string_view name) {
  for (const auto& [key, value] : variables_) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

std::optional<std::string> MapVariableSource::function(std::string_view name, std::string_view,
                                                       std::string& error) {
  error = "function '" + std::string(name) + "' is not available";
  return std::nullopt;
}

namespace {

/// sscanf's "%d" at `i`: optional blanks and sign, then digits (clamped to int).
std::optional<long long> scanInt(std::string_view s, std::size_t& i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) != 0) {
    ++i;
  }
  std::size_t j = i;
  bool negative = false;
  if (j < s.size() && (s[j] == '-' || s[j] == '+')) {
    negative = s[j] == '-';
    ++j;
  }
  if (j >= s.size() || std::isdigit(static_cast<unsigned char>(s[j])) == 0) {
    return std::nullopt;
  }
  long long value = 0;
  for (; j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) != 0; ++j) {
    value = std::min<long long>(value * 10 + (s[j] - '0'), static_cast<long long>(INT_MAX) + 1);
  }
  i = j;
  value = negative ? -value : value;
  return std::max<long long>(std::min<long long>(value, INT_MAX), INT_MIN);
}

/// A `${...}` body split by parse_variable_name: the name (or FUNC(args)) and the
/// `:offset:length` suffix, which applies to variables and functions alike.
struct VariableName {
  std::string_view name;
  bool isFunction = false;
  long long offset = 0;
  long long length = INT_MAX;
};

VariableName parseVariableName(std::string_view body) {
  VariableName out;
  out.name = body;
  int parens = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '(') {
      out.isFunction = true;
      ++parens;
    } else if (body[i] == ')') {
      --parens;
    } else if (body[i] == ':' && parens == 0) {
      out.name = body.substr(0, i);
      std::size_t j = i + 1;
      // As sscanf("%d:%d"): a bad offset leaves both at their defaults.
      if (const auto offset = scanInt(body, j)) {
        out.offset = *offset;
        if (j < body.size() && body[j] == ':') {
          ++j;
          if (const auto length = scanInt(body, j)) {
            out.length = *length;
          }
        }
      }
      break;
    }
  }
  return out;
}

/// Asterisk's substring(): negative offset counts from the end, negative length leaves
/// that many characters off the end.
std::string substring(const std::string& value, long long offset, long long length) {
  const auto lr = static_cast<long long>(value.size());
  if (offset == 0 && length >= lr) {
    return value;
  }
  if (offset < 0) {
    offset = std::max(lr + offset, 0LL);
  }
  if (offset >= lr) {
    return {};
  }
  if (length >= 0 && length < lr - offset) {
    return value.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
  }
  if (length < 0) {
    if (lr > offset - length) {
      return value.substr(static_cast<std::size_t>(offset),
                          static_cast<std::size_t>(lr + length - offset));
    }
    return {};
  }
  return value.substr(static_cast<std::size_t>(offset));
}

/// Text quoted in an error message, cut short so that errors stay small.
std::string shorten(std::string_view text) {
  constexpr std::size_t kMax = 80;
  return text.size() <= kMax ? std::string(text) : std::string(text.substr(0, kMax)) + "...";
}

/// Nesting of substitutions under way on this thread.
thread_local int substitutionDepth = 0;

class Substituter {
 public:
  Substituter(VariableSource& source, std::vector<std::string>* errors)
      : source_(source), errors_(errors) {}

  std::string run(std::string_view text) {
    std::string out;
    // Counted per thread, as Asterisk does, so that a function which substitutes again
    // (EVAL-like) cannot recurse without end either.
    if (substitutionDepth >= kMaxSubstitutionDepth) {
      error("exceeded maximum variable substitution depth (" +
            std::to_string(kMaxSubstitutionDepth) + ")");
      return out;
    }
    ++substitutionDepth;
    struct Leave {
      ~Leave() { --substitutionDepth; }
    } leave;
    std::size_t i = 0;
    while (i < text.size()) {
      const std::size_t dollar = text.find('$', i);
      if (dollar == std::string_view::npos || dollar + 1 >= text.size() ||
          (text[dollar + 1] != '{' && text[dollar + 1] != '[')) {
        const std::size_t end = dollar == std::string_view::npos ? text.size() : dollar + 1;
        append(out, text.substr(i, end - i));
        i = end;
        continue;
      }
      append(out, text.substr(i, dollar - i));
      const bool isVariable = text[dollar + 1] == '{';
      const char open = isVariable ? '{' : '[';
      const char close = isVariable ? '}' : ']';
      const char other = isVariable ? '[' : '{';
      const std::size_t start = dollar + 2;
      std::size_t j = start;
      int brackets = 1;
      bool needsSubstitution = false;
      while (brackets != 0 && j < text.size()) {
        const char next = j + 1 < text.size() ? text[j + 1] : '\0';
        if (text[j] == '$' && next == open) {
          needsSubstitution = true;
          ++brackets;
          ++j;
        } else if (text[j] == open) {
          ++brackets;
        } else if (text[j] == close) {
          --brackets;
        } else if (text[j] == '$' && next == other) {
          needsSubstitution = true;
          ++j;
        }
        ++j;
      }
      j = std::min(j, text.size());
      std::size_t length = j - start;
      if (brackets != 0) {
        error(std::string("missing '") + close + "' in '" + shorten(text.substr(dollar)) + "'");
      } else {
        --length;  // without the closing bracket
      }
      i = j;
      std::string inner(text.substr(start, length));
      if (needsSubstitution) {
        inner = run(inner);
      }
      if (out.size() >= kMaxSubstitutionSize) {
        break;
      }
      append(out, isVariable ? expandVariable(inner) : evaluate(inner));
    }
    return out;
  }

 private:
  void error(std::string message) {
    if (errors_ != nullptr && errors_->size() < 16) {  // a bounded list is enough to report
      errors_->push_back(std::move(message));
    }
  }

  void append(std::string& out, std::string_view text) {
    if (out.size() + text.size() > kMaxSubstitutionSize) {
      if (!truncated_) {
        error("substitution result truncated to " + std::to_string(kMaxSubstitutionSize) +
              " bytes");
        truncated_ = true;
      }
      text = text.substr(0, kMaxSubstitutionSize - out.size());
    }
    out.append(text);
  }

  std::string expandVariable(std::string_view body) {
    const VariableName parsed = parseVariableName(body);
    std::optional<std::string> value;
    if (parsed.isFunction) {
      const std::size_t open = parsed.name.find('(');
      const std::string_view name = parsed.name.substr(0, open);
      std::string_view args = parsed.name.substr(open + 1);
      if (const std::size_t close = args.rfind(')'); close != std::string_view::npos) {
        args = args.substr(0, close);
      } else {
        error("can't find trailing parenthesis for function '" + std::string(parsed.name) + "'");
      }
      std::string problem;
      value = source_.function(name, args, problem);
      if (!value) {
        error(problem.empty() ? "function '" + std::string(name) + "' failed" : problem);
      }
    } else {
      value = source_.variable(parsed.name);
    }
    if (!value) {
      return {};
    }
    return substring(*value, parsed.offset, parsed.length);
  }

  std::string evaluate(std::string_view expression) {
    ExprResult result = evaluateExpression(expression, &source_);
    if (result.error) {
      error("in $[" + shorten(expression) + "]: " + *result.error);
    }
    return std::move(result.value);
  }

  VariableSource& source_;
  std::vector<std::string>* errors_;
  bool truncated_ = false;
};

}  // namespace

std::string substitute(std::string_view text, VariableSource& source,
                       std::vector<std::string>* errors) {
  return Substituter(source, errors).run(text);
}

}  // namespace sb::pbx
