// Loading extensions.conf into a Dialplan, line by line as pbx/pbx_config.c
// (pbx_load_config) and main/pbx.c (ast_add_extension2, add_priority) do.

#include <algorithm>
#include <cctype>
#include <climits>

#include "pbx/dialplan/app_args.hpp"
#include "pbx/dialplan/dialplan.hpp"
#include "pbx/dialplan/substitution.hpp"

namespace sb::pbx {
namespace {

using config::Diagnostic;
using config::SourceLocation;

/// Asterisk's PRIORITY_HINT, used while parsing only.
constexpr int kHintPriority = -1;
/// Highest priority accepted; one below INT_MAX so that a following `n` still fits.
constexpr long long kMaxPriority = INT_MAX - 1;

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// ast_true(): yes, true, y, t, 1, on.
bool isTrue(std::string_view value) {
  for (std::string_view word : {"yes", "true", "y", "t", "1", "on"}) {
    if (equalsIgnoreCase(value, word)) {
      return true;
    }
  }
  return false;
}

std::string_view strip(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  return text;
}

/// pbx_strsep on ",": the first field, where commas inside [...] and after a backslash
/// do not split. `rest` gets what follows the comma (std::nullopt when there was none).
std::string_view takeExtensionField(std::string_view text, std::optional<std::string_view>& rest) {
  int square = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '[') {
      ++square;
    } else if (text[i] == ']') {
      square -= square > 0 ? 1 : 0;
    } else if (text[i] == '\\') {
      ++i;
    } else if (text[i] == ',' && square == 0) {
      rest = text.substr(i + 1);
      return text.substr(0, i);
    }
  }
  rest = std::nullopt;
  return text;
}

/// strsep on ",".
std::string_view takeField(std::optional<std::string_view>& rest) {
  if (!rest) {
    return {};
  }
  const std::string_view text = *rest;
  const std::size_t comma = text.find(',');
  if (comma == std::string_view::npos) {
    rest = std::nullopt;
    return text;
  }
  rest = text.substr(comma + 1);
  return text.substr(0, comma);
}

/// ast_shrink_phone_number(): drops ( ) spaces and, outside [...], `-` and a `.` that is
/// not last, so `(555) 123-4567` becomes 5551234567.
std::string shrinkPhoneNumber(std::string_view number) {
  std::string out;
  int bracketed = 0;
  for (std::size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    switch (c) {
      case '[':
        ++bracketed;
        out += c;
        break;
      case ']':
        --bracketed;
        out += c;
        break;
      case '-':
        if (bracketed != 0) {
          out += c;
        }
        break;
      case '.':
        if (i + 1 == number.size()) {
          out += c;
        }
        break;
      case '(':
      case ')':
      case ' ':
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// sscanf("%30d"): leading blanks, sign, digits; trailing text ignored.
std::optional<int> scanPriority(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) {
    ++i;
  }
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    negative = text[i] == '-';
    ++i;
  }
  if (i >= text.size() || std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
    return std::nullopt;
  }
  long long value = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0; ++i) {
    value = std::min<long long>(value * 10 + (text[i] - '0'), INT_MAX);
  }
  return static_cast<int>(negative ? -value : value);
}

/// "file:line", written here rather than with SourceLocation::str() so that this library
/// needs only the config reader's headers (the fuzz build links it before sb_config).
std::string location(const SourceLocation& where) {
  return where.file + ":" + std::to_string(where.line);
}

/// atoi() for the `+N` of a priority.
int atoiLike(std::string_view text) {
  return scanPriority(text).value_or(0);
}

}  // namespace

/// Builds one Dialplan; holds the state pbx_load_config keeps between lines.
class DialplanBuilder {
 public:
  explicit DialplanBuilder(const config::ConfigFile& file) : file_(file) {}

  DialplanLoad build() {
    plan_ = std::make_shared<Dialplan>();
    for (const config::Section& section : file_.sections) {
      if (section.isTemplate) {
        continue;  // templates are never instantiated
      }
      if (equalsIgnoreCase(section.name, "general")) {
        readGeneral(section);
      } else if (equalsIgnoreCase(section.name, "globals")) {
        readGlobals(section);
      }
    }
    MapVariableSource globals(plan_->globals_);
    globals_ = &globals;
    for (const config::Section& section : file_.sections) {
      if (!section.isTemplate && !equalsIgnoreCase(section.name, "general") &&
          !equalsIgnoreCase(section.name, "globals")) {
        readContext(section);
      }
    }
    globals_ = nullptr;
    checkIncludes();
    return DialplanLoad{std::move(plan_), std::move(diagnostics_)};
  }

 private:
  void report(Diagnostic::Severity severity, const SourceLocation& where, std::string message) {
    diagnostics_.push_back(Diagnostic{severity, where, std::move(message)});
  }
  void error(const SourceLocation& where, std::string message) {
    report(Diagnostic::Severity::Error, where, std::move(message));
  }
  void warning(const SourceLocation& where, std::string message) {
    report(Diagnostic::Severity::Warning, where, std::move(message));
  }

  void readGeneral(const config::Section& section) {
    DialplanGeneral& general = plan_->general_;
    for (const config::Variable& v : section.variables) {
      const std::string_view name = v.name;
      if (equalsIgnoreCase(name, "static")) {
        general.staticConfig = isTrue(v.value);
      } else if (equalsIgnoreCase(name, "writeprotect")) {
        general.writeProtect = isTrue(v.value);
      } else if (equalsIgnoreCase(name, "autofallthrough")) {
        general.autoFallthrough = isTrue(v.value);
      } else if (equalsIgnoreCase(name, "clearglobalvars")) {
        general.clearGlobalVars = isTrue(v.value);
      } else if (equalsIgnoreCase(name, "extenpatternmatchnew")) {
        general.extenPatternMatchNew = isTrue(v.value);
      } else if (equalsIgnoreCase(name, "userscontext")) {
        general.userscontext = v.value.empty() ? "default" : v.value;
      } else if (equalsIgnoreCase(name, "overrideswitch")) {
        general.overrideSwitch = v.value;
        warning(v.where, "overrideswitch is not supported; ignored");
      } else {
        warning(v.where, "unknown [general] option '" + v.name + "' ignored");
      }
    }
  }

  void readGlobals(const config::Section& section) {
    auto& globals = plan_->globals_;
    for (const config::Variable& v : section.variables) {
      const auto existing = std::find_if(globals.begin(), globals.end(),
                                         [&](const auto& g) { return g.first == v.name; });
      if (existing != globals.end()) {
        existing->second = v.value;  // a later value replaces the earlier one, as setvar
      } else {
        globals.emplace_back(v.name, v.value);
      }
    }
  }

  Context& contextNamed(const config::Section& section) {
    for (Context& c : plan_->contexts_) {
      if (c.name == section.name) {
        return c;
      }
    }
    Context& created = plan_->contexts_.emplace_back();
    created.name = section.name;
    created.where = section.where;
    return created;
  }

  /// Substitutes ${...} in names with the globals, as pbx_config does with no channel.
  std::string substituteGlobals(std::string_view text, const SourceLocation& where) {
    if (text.find('$') == std::string_view::npos) {
      return std::string(text);
    }
    std::vector<std::string> errors;
    std::string out = substitute(text, *globals_, &errors);
    for (std::string& e : errors) {
      warning(where, std::move(e));
    }
    return out;
  }

  void readContext(const config::Section& section) {
    Context& context = contextNamed(section);
    // `same` and `n` never reach back into an earlier section, as in pbx_config.
    lastExtension_.clear();
    lastPriority_ = -2;
    for (const config::Variable& v : section.variables) {
      readLine(context, v);
    }
  }

  void readLine(Context& context, const config::Variable& v) {
    const std::string_view name = v.name;
    if (name.size() >= 4 && equalsIgnoreCase(name.substr(0, 4), "same")) {
      if (lastExtension_.empty()) {
        error(v.where, "'same' with no previous extension in context '" + context.name + "'");
        return;
      }
      readExtension(context, v, lastExtension_, std::optional<std::string_view>(v.value));
    } else if (equalsIgnoreCase(name, "exten")) {
      std::optional<std::string_view> rest;
      const std::string_view field = takeExtensionField(v.value, rest);
      lastExtension_ = substituteGlobals(field, v.where);
      readExtension(context, v, lastExtension_, rest);
    } else if (equalsIgnoreCase(name, "include")) {
      readInclude(context, v);
    } else if (equalsIgnoreCase(name, "ignorepat")) {
      const std::string pattern = substituteGlobals(v.value, v.where);
      if (std::find(context.ignorePatterns.begin(), context.ignorePatterns.end(), pattern) !=
          context.ignorePatterns.end()) {
        warning(v.where, "ignorepat '" + pattern + "' already in context '" + context.name + "'");
        return;
      }
      context.ignorePatterns.push_back(pattern);
    } else if (equalsIgnoreCase(name, "switch") || equalsIgnoreCase(name, "lswitch") ||
               equalsIgnoreCase(name, "eswitch")) {
      warning(v.where, "alternative switches are not supported; '" + v.name + " => " + v.value +
                           "' ignored");
      context.switches.push_back(v.value);
    } else if (equalsIgnoreCase(name, "autohints")) {
      warning(v.where, "autohints is not supported; ignored");
    } else {
      warning(v.where, "unknown directive '" + v.name + "' ignored");
    }
  }

  void readInclude(Context& context, const config::Variable& v) {
    const std::string value = substituteGlobals(v.value, v.where);
    std::size_t split = value.find('|');  // include_alloc looks for '|' before ','
    if (split == std::string::npos) {
      split = value.find(',');
    }
    const std::string target(strip(std::string_view(value).substr(0, split)));
    const std::string condition =
        split == std::string::npos ? "" : std::string(strip(value.substr(split + 1)));
    if (target.empty()) {
      error(v.where, "include with no context name");
      return;
    }
    if (std::find(context.includes.begin(), context.includes.end(), target) !=
        context.includes.end()) {
      warning(v.where, "context '" + target + "' already included in '" + context.name + "'");
      return;
    }
    if (!condition.empty()) {
      warning(v.where, "time condition '" + condition + "' of include '" + target +
                           "' is not supported; the include always applies");
    }
    context.includes.push_back(target);
    context.includeDetails.push_back(Include{target, condition, value, v.where});
    includeLines_.push_back({context.name, target, v.where});
  }

  /// The part of pbx_load_config after the extension name: priority, label, application.
  void readExtension(Context& context, const config::Variable& v, std::string_view fullName,
                     std::optional<std::string_view> rest) {
    std::string extenName(fullName);
    std::string callerId;
    if (const std::size_t slash = extenName.find('/'); slash != std::string::npos) {
      callerId = shrinkPhoneNumber(std::string_view(extenName).substr(slash + 1));
      extenName.resize(slash);
    }
    std::string_view priorityText = strip(takeField(rest));
    std::string label;
    if (const std::size_t open = priorityText.find('('); open != std::string_view::npos) {
      const std::size_t close = priorityText.find(')', open);
      if (close == std::string_view::npos) {
        error(v.where, "label missing trailing ')'");
        return;
      }
      label = std::string(priorityText.substr(open + 1, close - open - 1));
      priorityText = priorityText.substr(0, open);
    }
    std::string_view plus;
    if (const std::size_t p = priorityText.find('+'); p != std::string_view::npos) {
      plus = priorityText.substr(p + 1);
      priorityText = priorityText.substr(0, p);
    }
    std::string pattern_error;
    auto pattern = ExtensionPattern::parse(extenName, &pattern_error);
    if (!pattern) {
      error(v.where, "invalid extension '" + extenName + "': " + pattern_error);
      return;
    }

    long long number = 0;  // wide, so `n` and `+N` cannot overflow before the range check
    if (priorityText == "hint") {
      number = kHintPriority;
    } else if (priorityText == "next" || priorityText == "n") {
      if (lastPriority_ <= -2) {
        error(v.where, "can't use 'next' priority on the first entry");
        return;
      }
      number = lastPriority_ + 1;
    } else if (priorityText == "same" || priorityText == "s") {
      if (lastPriority_ <= -2) {
        error(v.where, "can't use 'same' priority on the first entry");
        return;
      }
      number = lastPriority_;
    } else if (const auto scanned = scanPriority(priorityText)) {
      number = *scanned;
      if (number < 1) {
        error(v.where, "invalid priority '" + std::string(priorityText) + "'");
        return;
      }
    } else {
      // A label of this extension stands for its priority number.
      const Extension* existing = findExtension(context, extenName, callerId);
      const Priority* target = existing ? existing->labelled(priorityText) : nullptr;
      if (target == nullptr) {
        error(v.where, "invalid priority/label '" + std::string(priorityText) + "'");
        return;
      }
      number = target->number;
    }
    if (number == 0 || (number < 1 && number != kHintPriority)) {
      // `n` right after a hint gives 0, which Asterisk silently drops.
      error(v.where, "invalid priority '" + std::string(priorityText) + "' after a hint");
      return;
    }

    std::string app;
    std::string data;
    splitApplication(rest.value_or(std::string_view{}), number == kHintPriority, v.where, app,
                     data);
    if (!plus.empty() && number != kHintPriority) {
      number += atoiLike(plus);
    }
    if (number != kHintPriority && (number < 1 || number > kMaxPriority)) {
      error(v.where, "priority " + std::to_string(number) + " out of range");
      return;
    }
    lastPriority_ = static_cast<int>(number);
    if (extenName == "_." || extenName == "_!") {
      warning(v.where, "the use of '" + extenName +
                           "' for an extension is strongly discouraged and can have unexpected "
                           "behavior; use '_X" +
                           extenName.substr(1) + "' instead");
    }
    addPriority(context, std::move(*pattern), extenName, callerId, static_cast<int>(number), label,
                app, data, v.where);
  }

  /// Splits `App(args)`; a hint keeps its whole text; `App,args` (no parenthesis) is
  /// accepted as the older comma form.
  void splitApplication(std::string_view text, bool isHint, const SourceLocation& where,
                        std::string& app, std::string& data) {
    const std::size_t open = text.find('(');
    if (isHint) {
      app = std::string(text);
      return;
    }
    if (open == std::string_view::npos) {
      const std::size_t comma = text.find(',');
      app = std::string(strip(text.substr(0, comma)));
      if (comma != std::string_view::npos) {
        data = std::string(text.substr(comma + 1));
      }
      return;
    }
    const std::string_view before = text.substr(0, open);
    if (before.find("${") != std::string_view::npos ||
        before.find("$[") != std::string_view::npos) {
      app = std::string(text);  // a variable before any application: no data
      return;
    }
    if (text.rfind(')') == std::string_view::npos || text.rfind(')') < open) {
      warning(where, "no closing parenthesis found in '" + std::string(text) + "'");
    }
    AppCall call = parseAppCall(text);
    app = std::move(call.app);
    data = std::move(call.data);
    // ast_skip_blanks: only leading blanks are dropped from the name.
  }

  static bool sameExtension(const Extension& e, std::string_view name, std::string_view callerId) {
    return compareExtensionNames(e.name, name) == 0 && e.callerIdMatch == callerId;
  }

  Extension* findExtension(Context& context, std::string_view name, std::string_view callerId) {
    for (Extension& e : context.extensions) {
      if (sameExtension(e, name, callerId)) {
        return &e;
      }
    }
    return nullptr;
  }

  /// ast_add_extension2 order: by ext_cmp; for equal names, ones with a caller-ID match
  /// first, those by ext_cmp of the caller-ID pattern.
  static bool sortsBefore(const Extension& a, std::string_view name, std::string_view callerId) {
    const int cmp = compareExtensionNames(a.name, name);
    if (cmp != 0) {
      return cmp < 0;
    }
    if (a.callerIdMatch.empty() != callerId.empty()) {
      return !a.callerIdMatch.empty();
    }
    return compareExtensionNames(a.callerIdMatch, callerId) < 0;
  }

  void addPriority(Context& context, ExtensionPattern pattern, const std::string& name,
                   const std::string& callerId, int number, std::string label, std::string app,
                   std::string data, const SourceLocation& where) {
    Extension* extension = findExtension(context, name, callerId);
    if (extension == nullptr) {
      const auto position =
          std::find_if(context.extensions.begin(), context.extensions.end(),
                       [&](const Extension& e) { return !sortsBefore(e, name, callerId); });
      Extension created;
      created.name = name;
      created.callerIdMatch = callerId;
      created.pattern = std::move(pattern);
      created.where = where;
      extension = &*context.extensions.insert(position, std::move(created));
    }
    if (number == kHintPriority) {
      if (extension->hint) {
        warning(where, "extension '" + name + "' in '" + context.name +
                           "' already has a hint (at " + location(extension->hintWhere) +
                           "); this one is ignored");
        return;
      }
      extension->hint = std::move(app);
      extension->hintWhere = where;
      return;
    }
    if (const Priority* existing = extension->priority(number)) {
      warning(where, "unable to register extension '" + name + "' priority " +
                         std::to_string(number) + " in '" + context.name +
                         "', already in use (at " + location(existing->where) + ")");
      return;
    }
    if (!label.empty()) {
      if (const Priority* other = extension->labelled(label)) {
        warning(where, "extension '" + name + "' priority " + std::to_string(number) + " in '" +
                           context.name + "', label '" + label + "' already in use at priority " +
                           std::to_string(other->number));
        label.clear();  // Asterisk drops the repeated label and keeps the priority
      }
    }
    const auto position =
        std::lower_bound(extension->priorities.begin(), extension->priorities.end(), number,
                         [](const Priority& p, int wanted) { return p.number < wanted; });
    extension->priorities.insert(
        position, Priority{number, std::move(label), std::move(app), std::move(data), where});
  }

  void checkIncludes() {
    for (const IncludeLine& line : includeLines_) {
      if (plan_->context(line.target) == nullptr) {
        warning(line.where,
                "context '" + line.from + "' includes unknown context '" + line.target + "'");
      }
    }
  }

  struct IncludeLine {
    std::string from;
    std::string target;
    SourceLocation where;
  };

  const config::ConfigFile& file_;
  std::shared_ptr<Dialplan> plan_;
  std::vector<Diagnostic> diagnostics_;
  MapVariableSource* globals_ = nullptr;
  std::string lastExtension_;
  int lastPriority_ = -2;
  std::vector<IncludeLine> includeLines_;
};

DialplanLoad Dialplan::load(const config::ConfigFile& file) {
  return DialplanBuilder(file).build();
}

}  // namespace sb::pbx
