#pragma once
// Helpers for the configuration reader tests: an in-memory folder of files and short ways to
// look at a ParseResult.

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/config/config_file.hpp"

namespace sb::config::testing {

inline constexpr const char* kConfigDir = "/etc/asterisk";

/// Files served from memory; names are relative to kConfigDir unless absolute.
class MemoryFiles {
 public:
  MemoryFiles& add(const std::string& name, std::string text) {
    const std::string path = name.front() == '/' ? name : std::string(kConfigDir) + "/" + name;
    files_[path] = std::move(text);
    return *this;
  }

  ReaderOptions options() const {
    ReaderOptions options;
    options.configDir = kConfigDir;
    options.readFile =
        [files = files_](const std::filesystem::path& path) -> std::optional<std::string> {
      const auto found = files.find(path.string());
      if (found == files.end()) {
        return std::nullopt;
      }
      return found->second;
    };
    options.expandGlob = [files = files_](const std::filesystem::path& pattern) {
      std::vector<std::filesystem::path> matches;
      for (const auto& [path, text] : files) {
        if (::fnmatch(pattern.c_str(), path.c_str(), FNM_PATHNAME) == 0) {
          matches.emplace_back(path);
        }
      }
      std::sort(matches.begin(), matches.end());
      return matches;
    };
    return options;
  }

  ParseResult parse(const std::string& name = "pjsip.conf") const {
    return parseConfig(name, options());
  }

 private:
  std::map<std::string, std::string> files_;
};

/// Parses `text` as /etc/asterisk/pjsip.conf with no other files.
inline ParseResult parseText(const std::string& text) {
  return parseConfigText("pjsip.conf", text, MemoryFiles().options());
}

/// Every diagnostic as "file:line: error: message".
inline std::vector<std::string> diagnostics(const ParseResult& result) {
  std::vector<std::string> out;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    out.push_back(diagnostic.str());
  }
  return out;
}

/// "name=value@file:line" for each variable, for compact whole-section comparisons.
inline std::vector<std::string> describe(const Section& section) {
  std::vector<std::string> out;
  for (const Variable& variable : section.variables) {
    out.push_back(variable.name + "=" + variable.value + "@" + variable.where.str() +
                  (variable.inherited ? " (inherited)" : "") +
                  (variable.objectLine ? " (=>)" : ""));
  }
  return out;
}

/// Section names in order, templates marked with "(!)".
inline std::vector<std::string> sectionNames(const ParseResult& result) {
  std::vector<std::string> out;
  for (const Section& section : result.file.sections) {
    out.push_back(section.name + (section.isTemplate ? "(!)" : ""));
  }
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace sb::config::testing
