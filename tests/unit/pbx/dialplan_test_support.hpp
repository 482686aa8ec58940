#pragma once
// Helpers for the dialplan tests: extensions.conf written to a temporary folder and read
// with the real configuration reader, then loaded as a Dialplan.

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/config/config_file.hpp"
#include "pbx/dialplan/dialplan.hpp"

namespace sb::pbx::testing {

/// A temporary configuration folder, removed when it goes out of scope.
class TempConfigDir {
 public:
  TempConfigDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sb-dialplan-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp failed";
    }
    dir_ = pattern;
  }
  ~TempConfigDir() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempConfigDir(const TempConfigDir&) = delete;
  TempConfigDir& operator=(const TempConfigDir&) = delete;

  void write(const std::string& name, const std::string& text) const {
    const std::filesystem::path path = dir_ / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }

  config::ParseResult parse(const std::string& name = "extensions.conf") const {
    config::ReaderOptions options;
    options.configDir = dir_;
    return config::parseConfig(name, options);
  }

 private:
  std::filesystem::path dir_;
};

/// Loads `text` as extensions.conf through the real reader.
inline DialplanLoad loadDialplan(const std::string& text) {
  TempConfigDir dir;
  dir.write("extensions.conf", text);
  const config::ParseResult parsed = dir.parse();
  EXPECT_TRUE(parsed.ok());
  return Dialplan::load(parsed.file);
}

/// Every diagnostic as "file:line: error: message".
inline std::vector<std::string> messages(const DialplanLoad& load) {
  std::vector<std::string> out;
  for (const config::Diagnostic& d : load.diagnostics) {
    out.push_back(d.str());
  }
  return out;
}

}  // namespace sb::pbx::testing
