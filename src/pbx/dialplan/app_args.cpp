// Application argument parsing with the rules of main/app.c and pbx_builtin_goto(if).

#include "pbx/dialplan/app_args.hpp"

namespace sb::pbx {
namespace {

std::string_view trimBlanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

std::vector<std::string> splitAppArgs(std::string_view data, char separator, std::size_t maxArgs) {
  std::vector<std::string> args;
  if (data.empty() || maxArgs == 0) {
    return args;
  }
  if (maxArgs == 1) {
    args.emplace_back(data);
    return args;
  }
  int paren = 0;
  int bracket = 0;
  bool quote = false;
  bool lastWasSeparator = false;
  bool started = false;  // an argument exists once any character of it was seen
  std::string current;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    lastWasSeparator = false;
    started = true;
    if (c == '(') {
      ++paren;
    } else if (c == ')') {
      paren -= paren > 0 ? 1 : 0;
    } else if (c == '[') {
      ++bracket;
    } else if (c == ']') {
      bracket -= bracket > 0 ? 1 : 0;
    } else if (c == '"' && separator != '"') {
      quote = !quote;
      continue;  // quotes group but are removed
    } else if (c == '\\') {
      if (i + 1 < data.size()) {
        current += data[++i];
      }
      continue;
    } else if (c == separator && paren == 0 && bracket == 0 && !quote) {
      args.push_back(std::move(current));
      if (args.size() + 1 == maxArgs) {
        args.emplace_back(data.substr(i + 1));  // the last declared argument: the rest as is
        return args;
      }
      current.clear();
      lastWasSeparator = true;
      started = false;
      continue;
    }
    current += c;
  }
  if (started || lastWasSeparator) {
    args.push_back(std::move(current));
  }
  return args;
}

AppCall parseAppCall(std::string_view text) {
  AppCall call;
  const std::size_t open = text.find('(');
  if (open == std::string_view::npos) {
    call.app = std::string(trimBlanks(text));
    return call;
  }
  call.app = std::string(trimBlanks(text.substr(0, open)));
  std::string_view data = text.substr(open + 1);
  if (const std::size_t close = data.rfind(')'); close != std::string_view::npos) {
    data = data.substr(0, close);
  }
  call.data = std::string(data);
  return call;
}

std::optional<GotoTarget> parseGotoTarget(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ',' || text[i] == '|') {
      parts.push_back(trimBlanks(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (text.empty() || parts.size() > 3 || parts.back().empty()) {
    return std::nullopt;
  }
  GotoTarget target;
  target.priority = std::string(parts.back());
  if (parts.size() >= 2) {
    target.exten = std::string(parts[parts.size() - 2]);
  }
  if (parts.size() == 3) {
    target.context = std::string(parts[0]);
  }
  return target;
}

GotoIfArgs parseGotoIf(std::string_view text) {
  GotoIfArgs out;
  const std::size_t question = text.find('?');
  out.condition = std::string(text.substr(0, question));
  if (question == std::string_view::npos) {
    return out;
  }
  const std::string_view branches = text.substr(question + 1);
  const std::size_t colon = branches.find(':');
  const std::string_view ifTrue = branches.substr(0, colon);
  if (!ifTrue.empty()) {
    out.ifTrue = std::string(ifTrue);
  }
  if (colon != std::string_view::npos && colon + 1 < branches.size()) {
    out.ifFalse = std::string(branches.substr(colon + 1));
  }
  return out;
}

}  // namespace sb::pbx
