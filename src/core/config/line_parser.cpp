// Line syntax after Asterisk's process_text_line. Where Asterisk only logs a warning and carries
// on (a line without '=', a missing name), this reader reports an error so the mistake is seen.

#include "core/config/line_parser.hpp"

#include "core/config/text_util.hpp"

namespace sb::config::detail {

namespace {

using Severity = Diagnostic::Severity;

/// Parses `key=value` of an append filter into `header`; false when malformed.
bool addFilter(std::string_view text, HeaderLine& header, std::vector<LineProblem>& problems) {
  const std::size_t eq = text.find('=');
  const std::string_view key = eq == std::string_view::npos ? text : trim(text.substr(0, eq));
  if (eq == std::string_view::npos || key.empty()) {
    problems.push_back({Severity::Error,
                        "append filter '" + std::string(text) + "' is not of the form key=value"});
    return false;
  }
  header.filters.emplace_back(key, trim(text.substr(eq + 1)));
  return true;
}

/// Parses the text between `(` and `)` into `header`; false on an error.
bool parseOptions(std::string_view options, HeaderLine& header,
                  std::vector<LineProblem>& problems) {
  if (trim(options).empty()) {
    return true;
  }
  bool ok = true;
  std::size_t start = 0;
  while (start <= options.size()) {
    std::size_t comma = options.find(',', start);
    if (comma == std::string_view::npos) {
      comma = options.size();
    }
    const std::string_view item = trim(options.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) {
      problems.push_back({Severity::Warning, "empty entry in section options ignored"});
    } else if (item == "!") {
      header.isTemplate = true;
    } else if (item.front() == '+') {
      header.append = true;
      // `(+a=b&c=d)`: several filters after one '+', as Asterisk writes them.
      std::string_view rest = item.substr(1);
      while (!trim(rest).empty()) {
        const std::size_t amp = rest.find('&');
        const std::string_view one = trim(rest.substr(0, amp));
        if (!one.empty()) {
          ok = addFilter(one, header, problems) && ok;
        }
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
      }
    } else if (item.find('=') != std::string_view::npos) {
      ok = addFilter(item, header, problems) && ok;
    } else {
      header.parents.emplace_back(item);
    }
  }
  if (!header.filters.empty() && !header.append) {
    problems.push_back({Severity::Error, "filter '" + header.filters.front().first + "=" +
                                             header.filters.front().second +
                                             "' is only allowed when appending with '+'"});
    ok = false;
  }
  return ok;
}

}  // namespace

LineKind classifyLine(std::string_view code) {
  if (!code.empty() && code.front() == '[') {
    return LineKind::Header;
  }
  if (!code.empty() && code.front() == '#') {
    return LineKind::Directive;
  }
  return LineKind::Assignment;
}

Parsed<HeaderLine> parseHeader(std::string_view code) {
  Parsed<HeaderLine> parsed;
  const std::size_t close = code.find(']');
  if (close == std::string_view::npos) {
    parsed.problems.push_back({Severity::Error, "section header has no closing ']'"});
    return parsed;
  }
  HeaderLine header;
  header.name = trim(code.substr(1, close - 1));
  if (header.name.empty()) {
    parsed.problems.push_back({Severity::Error, "empty section name"});
    return parsed;
  }
  const std::string_view rest = code.substr(close + 1);
  if (!rest.empty() && rest.front() == '(') {
    const std::size_t paren = rest.find(')');
    if (paren == std::string_view::npos) {
      parsed.problems.push_back({Severity::Error, "section options have no closing ')'"});
      return parsed;
    }
    if (!parseOptions(rest.substr(1, paren - 1), header, parsed.problems)) {
      return parsed;
    }
    const std::string_view after = trim(rest.substr(paren + 1));
    if (!after.empty()) {
      parsed.problems.push_back(
          {Severity::Warning, "text after ')' ignored: '" + std::string(after) + "'"});
    }
  } else if (const std::string_view after = trim(rest); !after.empty()) {
    // Asterisk silently ignores `[name] (!)`; say so, since the options are then lost.
    parsed.problems.push_back(
        {Severity::Warning,
         after.front() == '('
             ? "section options must follow ']' directly; '" + std::string(after) + "' ignored"
             : "text after ']' ignored: '" + std::string(after) + "'"});
  }
  parsed.line = std::move(header);
  return parsed;
}

DirectiveLine parseDirective(std::string_view code) {
  DirectiveLine directive;
  std::size_t end = 1;
  while (end < code.size() && static_cast<unsigned char>(code[end]) > ' ') {
    ++end;
  }
  directive.word = code.substr(1, end - 1);
  std::string_view argument = trim(code.substr(end));
  if (equalsIgnoreCase(directive.word, "include")) {
    directive.kind = DirectiveLine::Kind::Include;
  } else if (equalsIgnoreCase(directive.word, "tryinclude")) {
    directive.kind = DirectiveLine::Kind::TryInclude;
  } else if (equalsIgnoreCase(directive.word, "exec")) {
    directive.kind = DirectiveLine::Kind::Exec;
  }
  if (directive.kind != DirectiveLine::Kind::Unknown && argument.size() >= 2) {
    const char open = argument.front();
    const char close = argument.back();
    if ((open == '"' && close == '"') || (open == '<' && close == '>')) {
      argument = argument.substr(1, argument.size() - 2);
    }
  }
  directive.argument = argument;
  return directive;
}

Parsed<AssignmentLine> parseAssignment(std::string_view code) {
  Parsed<AssignmentLine> parsed;
  // A leading backslash escapes the first character, so a name may start with '[', '#' or
  // even be '=' itself.
  const bool escaped = !code.empty() && code.front() == '\\';
  if (escaped && (code.size() < 2 || static_cast<unsigned char>(code[1]) <= ' ')) {
    parsed.problems.push_back(
        {Severity::Error, "invalid escape: '\\' must be followed by a visible character"});
    return parsed;
  }
  const std::size_t nameStart = escaped ? 1 : 0;
  const std::size_t searchFrom = nameStart + (escaped ? 1 : 0);
  const std::size_t eq = code.find('=', searchFrom);
  if (eq == std::string_view::npos) {
    parsed.problems.push_back({Severity::Error, "expected 'name = value' but found no '='"});
    return parsed;
  }
  AssignmentLine assignment;
  if (eq > searchFrom && code[eq - 1] == '+') {
    assignment.append = true;
    assignment.name = trim(code.substr(nameStart, eq - 1 - nameStart));
    assignment.value = code.substr(eq + 1);  // the line is trimmed, so no trailing blanks
  } else {
    std::size_t valueStart = eq + 1;
    if (valueStart < code.size() && code[valueStart] == '>') {
      assignment.objectLine = true;
      ++valueStart;
    }
    assignment.name = trim(code.substr(nameStart, eq - nameStart));
    assignment.value = trim(code.substr(valueStart));
  }
  if (assignment.name.empty()) {
    parsed.problems.push_back({Severity::Error, "missing variable name before '='"});
    return parsed;
  }
  parsed.line = std::move(assignment);
  return parsed;
}

}  // namespace sb::config::detail
