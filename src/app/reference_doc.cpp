#include "app/reference_doc.hpp"

#include <fmt/format.h>

#include "core/module/builtin_modules.hpp"
#include "core/store/option.hpp"

namespace sb::app {
namespace {

std::string cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string configReferenceMarkdown() {
  std::string out =
      "# Configuration reference\n\n"
      "Generated from the option tables in the source by `switchboard --dump-config-reference`\n"
      "(build target `update-docs`). Do not edit by hand: a test fails when this file is stale.\n\n"
      "Each object type lives in the file named by its default binding unless `sorcery.conf`\n"
      "binds it elsewhere. Option names are case-insensitive; unknown options are errors that\n"
      "name the file and line.\n";
  for (const auto* module : builtinModules()) {
    if (!module->objectTypes) {
      continue;
    }
    for (const auto& type : module->objectTypes()) {
      out += fmt::format("\n## `{}`\n\n{}\n\n", type->name(), type->description());
      out += fmt::format(
          "- Module: `{}`{}\n", module->name,
          module->support == SupportLevel::Test ? " (test module, not loaded by default)" : "");
      out += fmt::format("- Default location: `{} = {},{}` in section `[{}]` of sorcery.conf\n\n",
                         type->name(), type->defaultBinding().wizard, type->defaultBinding().data,
                         type->sorcerySection());
      out += "| Option | Type | Default | Description |\n|---|---|---|---|\n";
      for (const auto& option : type->options()) {
        if (option.flags & store::kHidden) {
          continue;
        }
        std::string doc = option.doc;
        if (!option.aliases.empty()) {
          std::string names;
          for (const auto& alias : option.aliases) {
            names += (names.empty() ? "`" : ", `") + alias + "`";
          }
          doc += " Also accepted as " + names + ".";
        }
        if (option.flags & store::kMulti) {
          doc += " May be repeated.";
        }
        if (option.flags & store::kSensitive) {
          doc += " Never shown in clear.";
        }
        if (option.flags & store::kNoReload) {
          doc += " Needs a restart to change.";
        }
        if (option.flags & store::kDeprecated) {
          doc += " Deprecated.";
        }
        out += fmt::format("| `{}` | {} | {} | {} |\n", option.name, cell(option.typeName),
                           option.defaultValue.empty() ? "" : "`" + cell(option.defaultValue) + "`",
                           cell(doc));
      }
    }
  }
  return out;
}

}  // namespace sb::app
