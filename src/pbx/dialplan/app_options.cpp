// Option strings with the rules of ast_app_parse_options and Gosub targets with those of
// app_stack's expand_gosub_args.

#include "pbx/dialplan/app_options.hpp"

#include <algorithm>

namespace sb::pbx {

std::optional<std::string> AppOptions::argument(char letter) const {
  auto found = given.find(letter);
  if (found == given.end()) {
    return std::nullopt;
  }
  return found->second;
}

AppOptionsResult parseAppOptions(std::string_view text, std::string_view known) {
  AppOptionsResult result;
  // Worked on in place like the C original: quotes and backslashes are removed as met.
  std::string buffer(text);
  std::size_t at = 0;
  while (at < buffer.size()) {
    const char letter = static_cast<char>(buffer[at++] & 0x7f);
    std::string argument;
    if (at < buffer.size() && buffer[at] == '(') {
      int depth = 1;
      bool quoted = false;
      const bool quotes = at + 1 < buffer.size() && buffer[at + 1] == '"';
      const std::size_t start = ++at;
      for (; at < buffer.size(); ++at) {
        const char c = buffer[at];
        if (c == '(' && !quoted) {
          ++depth;
        } else if (c == ')' && !quoted) {
          --depth;
        } else if (c == '"' && quotes) {
          quoted = !quoted;
          buffer.erase(at, 1);
          --at;  // look at the character that moved here
        } else if (c == '\\') {
          if (!quoted) {
            buffer.erase(at, 1);  // the next character is kept as it is
          } else if (at + 1 < buffer.size() && buffer[at + 1] == '"') {
            buffer.erase(at, 1);
          } else {
            ++at;  // within quotes a backslash stays, with the character after it
          }
        }
        if (depth == 0) {
          break;
        }
      }
      const auto close = buffer.find(')', std::min(at, buffer.size()));
      if (close == std::string::npos) {
        result.warnings.push_back("Missing closing parenthesis for argument '" +
                                  std::string(1, letter) + "' in string '" +
                                  buffer.substr(std::min(start, buffer.size())) + "'");
        result.ok = false;
        break;
      }
      argument = buffer.substr(start, close - start);
      at = close + 1;
    }
    if (letter == '\0' || known.find(letter) == std::string_view::npos) {
      result.warnings.push_back("Unrecognized option: '" + std::string(1, letter) + "'");
    }
    result.options.given[letter] = std::move(argument);
  }
  return result;
}

std::string replaceSubargumentDelimiter(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '^', ',');
  return out;
}

GosubCall splitGosubCall(std::string_view text) {
  GosubCall call;
  const auto open = text.find('(');
  if (open == std::string_view::npos) {
    call.label = std::string(text);
    return call;
  }
  call.label = std::string(text.substr(0, open));
  std::string_view rest = text.substr(open + 1);
  const auto close = rest.rfind(')');
  if (close == std::string_view::npos) {
    call.missingCloseParen = true;
  } else {
    rest = rest.substr(0, close);
  }
  call.args = std::string(rest);
  return call;
}

std::string expandGosubTarget(std::string_view text, std::string_view context,
                              std::string_view exten) {
  const auto call = splitGosubCall(text);
  // strsep at ',' up to three times: context, exten, priority.
  std::vector<std::string_view> parts;
  std::string_view label = call.label;
  while (parts.size() < 3) {
    const auto comma = label.find(',');
    parts.push_back(label.substr(0, comma));
    if (comma == std::string_view::npos) {
      break;
    }
    label = label.substr(comma + 1);
  }
  std::string_view targetContext, targetExten, priority;
  if (parts.size() == 1) {
    priority = parts[0];
  } else if (parts.size() == 2) {
    targetExten = parts[0];
    priority = parts[1];
  } else {
    targetContext = parts[0];
    targetExten = parts[1];
    priority = parts[2];
  }
  std::string out(targetContext.empty() ? context : targetContext);
  out += ',';
  out += targetExten.empty() ? exten : targetExten;
  out += ',';
  out += priority;
  if (call.args && !call.args->empty()) {
    out += '(' + *call.args + ')';
  }
  return out;
}

}  // namespace sb::pbx
