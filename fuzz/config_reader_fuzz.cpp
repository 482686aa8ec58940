// libFuzzer target for the Asterisk configuration reader. The input is served as
// /fuzz/fuzz.conf next to a few fixed files, so includes, globs and include cycles (through
// extra.conf, which includes the input back) are all reachable. What is read is also taken
// as features.conf, whose codes then match the input's bytes as dialled digits.

#include <fnmatch.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config_file.hpp"
#include "pbx/features/feature_matcher.hpp"
#include "pbx/features/features_config.hpp"

namespace {

constexpr std::string_view kInputPath = "/fuzz/fuzz.conf";

/// Keeps the reads of the result from being optimised away.
volatile std::size_t sinkValue = 0;

const std::map<std::string, std::string, std::less<>>& fixedFiles() {
  static const std::map<std::string, std::string, std::less<>> files = {
      {"/fuzz/templates.conf",
       "[tpl](!)\ntype = endpoint\nallow = ulaw\n;-- block\n comment --;\n"
       "[tpl2](!,tpl)\ncontext = default\n"},
      {"/fuzz/extra.conf", "x = 1\n#tryinclude fuzz.conf\n[extra]\ny => 2\n"},
      {"/fuzz/conf.d/a.conf", "[6001](+)\nallow += ,alaw\n"},
      {"/fuzz/conf.d/b.conf", "#include ../extra.conf\n"},
  };
  return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  sb::config::ReaderOptions options;
  options.configDir = "/fuzz";
  options.maxIncludeDepth = 8;
  options.maxTotalSize = 8 * 1024 * 1024;  // keeps inheritance blow-ups quick
  options.readFile = [input](const std::filesystem::path& path) -> std::optional<std::string> {
    if (path.native() == kInputPath) {
      return std::string(input);
    }
    const auto& files = fixedFiles();
    if (const auto found = files.find(path.native()); found != files.end()) {
      return found->second;
    }
    return std::nullopt;
  };
  options.expandGlob = [](const std::filesystem::path& pattern) {
    std::vector<std::filesystem::path> matches;
    std::vector<std::string> names{std::string(kInputPath)};
    for (const auto& [name, text] : fixedFiles()) {
      names.push_back(name);
    }
    for (const std::string& name : names) {
      if (::fnmatch(pattern.c_str(), name.c_str(), FNM_PATHNAME) == 0) {
        matches.emplace_back(name);
      }
    }
    return matches;
  };

  const sb::config::ParseResult result = sb::config::parseConfigText("fuzz.conf", input, options);

  // Touch everything the API exposes so the sanitizers see it.
  std::size_t sink = result.ok() ? 1 : 0;
  for (const sb::config::Diagnostic& diagnostic : result.diagnostics) {
    sink += diagnostic.str().size();
  }
  for (const sb::config::Section& section : result.file.sections) {
    sink += result.file.find(section.name).size();
    for (const sb::config::Variable& variable : section.variables) {
      sink += variable.where.str().size();
    }
    if (!section.variables.empty()) {
      sink += section.last(section.variables.front().name)->size();
      sink += section.all(section.variables.back().name).size();
    }
  }
  std::vector<sb::config::Diagnostic> diagnostics;
  const auto features = sb::pbx::parseFeaturesConf(result.file, diagnostics);
  sink += sb::pbx::formatFeaturesShow(features).size() + diagnostics.size();
  sb::pbx::FeatureMatcher matcher({{"blindxfer", features.blindXfer},
                                   {"atxfer", features.atxfer},
                                   {"disconnect", features.disconnect},
                                   {"atxferabort", features.atxferAbort}});
  for (std::size_t i = 0; i < std::min<std::size_t>(size, 256); ++i) {
    const auto step = (data[i] & 0x80) != 0 ? matcher.timeout() : matcher.feed(char(data[i]));
    sink += step.digits.size() + step.feature.size();
  }
  sinkValue = sink;
  return 0;
}
