// libFuzzer target for the dialplan's text handling: ${...}/$[...] substitution and
// expression evaluation on arbitrary text, plus the smaller parsers (extension patterns,
// application arguments, Goto targets) and, through the config reader, the dialplan loader
// and `dialplan show`. None may crash, hang or grow without bound.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config_file.hpp"
#include "pbx/dialplan/app_args.hpp"
#include "pbx/dialplan/dialplan.hpp"
#include "pbx/dialplan/dialplan_show.hpp"
#include "pbx/dialplan/expression.hpp"
#include "pbx/dialplan/pattern.hpp"
#include "pbx/dialplan/substitution.hpp"

namespace {

/// Keeps the results from being optimised away.
volatile std::size_t sinkValue = 0;

/// A few variables (one that refers to itself) and functions; EVAL substitutes its argument
/// again, as Asterisk's does, to exercise the per-thread depth limit.
class FuzzSource : public sb::pbx::VariableSource {
 public:
  std::optional<std::string> variable(std::string_view name) override {
    if (name == "EXTEN") {
      return "918005551234";
    }
    if (name == "SELF") {
      return "${EVAL(${SELF})}";
    }
    if (name == "BIG") {
      return std::string(20000, 'x');
    }
    if (name == "NUM") {
      return "-12.5";
    }
    return std::nullopt;
  }

  std::optional<std::string> function(std::string_view name, std::string_view args,
                                      std::string& error) override {
    if (name == "LEN") {
      return std::to_string(args.size());
    }
    if (name == "ECHO") {
      return std::string(args);
    }
    if (name == "EVAL") {
      return sb::pbx::substitute(args, *this);
    }
    error = "no such function";
    return std::nullopt;
  }
};

void fail() {
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t sink = 0;
  FuzzSource source;

  std::vector<std::string> errors;
  const std::string substituted = sb::pbx::substitute(input, source, &errors);
  if (substituted.size() > sb::pbx::kMaxSubstitutionSize || errors.size() > 16) {
    fail();
  }
  sink += substituted.size() + errors.size();

  const sb::pbx::ExprResult direct = sb::pbx::evaluateExpression(input, &source);
  sink += direct.value.size() + (direct.error ? direct.error->size() : 0);
  const sb::pbx::ExprResult plain = sb::pbx::evaluateExpression(substituted);
  sink += plain.value.size();

  // The first line as an extension pattern, matched against the rest.
  const std::size_t newline = input.find('\n');
  const std::string_view first = input.substr(0, newline);
  const std::string_view rest = newline == std::string_view::npos ? "" : input.substr(newline + 1);
  if (auto pattern = sb::pbx::ExtensionPattern::parse(first, nullptr)) {
    sink += pattern->matches(rest) + pattern->canMatchMore(rest) + pattern->canMatch(rest);
    if (auto other = sb::pbx::ExtensionPattern::parse(rest, nullptr)) {
      const int ab = pattern->compare(*other);
      const int ba = other->compare(*pattern);
      if ((ab < 0 && ba <= 0) || (ab > 0 && ba >= 0) || (ab == 0 && ba != 0)) {
        fail();  // the ordering must be antisymmetric
      }
    }
  }

  sink += sb::pbx::splitAppArgs(input).size() + sb::pbx::splitAppArgs(input, '|').size();
  sink += sb::pbx::parseAppCall(input).data.size();
  if (auto target = sb::pbx::parseGotoTarget(input)) {
    sink += target->priority.size();
  }
  sink += sb::pbx::parseGotoIf(input).condition.size();

  // The same text as extensions.conf.
  sb::config::ReaderOptions options;
  options.configDir = "/fuzz";
  options.maxTotalSize = 1024 * 1024;
  options.readFile = [](const std::filesystem::path&) -> std::optional<std::string> {
    return std::nullopt;  // no includes
  };
  options.expandGlob = [](const std::filesystem::path&) {
    return std::vector<std::filesystem::path>{};
  };
  const sb::config::ParseResult parsed =
      sb::config::parseConfigText("extensions.conf", input, options);
  const sb::pbx::DialplanLoad load = sb::pbx::Dialplan::load(parsed.file);
  sink += load.diagnostics.size();
  const sb::pbx::Dialplan& plan = *load.dialplan;
  for (const sb::pbx::Context* context : plan.contexts()) {
    sink += plan.exists(context->name, "100") + plan.canMatchMore(context->name, "9");
    for (const sb::pbx::Extension& extension : context->extensions) {
      sink += plan.findLabel(context->name, extension.name, "start").value_or(0);
      sink += plan.hint(context->name, extension.name).has_value();
    }
  }
  if (plan.contexts().size() < 50) {
    sink += sb::pbx::showDialplan(plan).size();
  }
  sinkValue = sink;
  return 0;
}
