// Reading real files: the default FileReader and glob(3) expander.

#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace sb::config::testing {
namespace {

namespace fs = std::filesystem;

class ConfigDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "sb-config-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  void write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }

  ReaderOptions options() const {
    ReaderOptions options;
    options.configDir = dir_;
    return options;
  }

  fs::path dir_;
};

TEST_F(ConfigDisk, ReadsFilesIncludesAndGlobs) {
  write("pjsip.conf",
        "; main file, CRLF endings\r\n"
        "[global]\r\n"
        "type = global\r\n"
        "#include \"extra.conf\"\r\n"
        "#include conf.d/*.conf\r\n"
        "#tryinclude missing.conf\r\n");
  write("extra.conf", "user_agent = Switchboard\n");
  write("conf.d/20-trunk.conf", "[trunk]\ntype = endpoint\n");
  write("conf.d/10-phones.conf", "[6001]\ntype = endpoint\n");
  write("conf.d/readme.txt", "[ignored]\n");

  const ParseResult result = parseConfig("pjsip.conf", options());
  EXPECT_TRUE(result.ok()) << diagnostics(result).front();
  EXPECT_TRUE(result.found);
  EXPECT_EQ(result.file.filesRead,
            (Strings{"pjsip.conf", "extra.conf", "conf.d/10-phones.conf", "conf.d/20-trunk.conf"}));
  ASSERT_EQ(sectionNames(result), (Strings{"global", "6001", "trunk"}));
  EXPECT_EQ(describe(result.file.sections[0]),
            (Strings{"type=global@pjsip.conf:3", "user_agent=Switchboard@extra.conf:1"}));
  EXPECT_EQ(result.file.sections[1].where, (SourceLocation{"conf.d/10-phones.conf", 1}));
  EXPECT_EQ(describe(result.file.sections[2]), Strings{"type=endpoint@conf.d/20-trunk.conf:2"});
}

TEST_F(ConfigDisk, TrailingSlashOnTheFolderAndAbsoluteMainName) {
  write("manager.conf", "[general]\nenabled = yes\n");
  ReaderOptions withSlash = options();
  withSlash.configDir = dir_.string() + "/";
  const ParseResult result = parseConfig((dir_ / "manager.conf").string(), withSlash);
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.file.sections.at(0).where, (SourceLocation{"manager.conf", 1}));
}

TEST_F(ConfigDisk, MissingFileAndDirectoryAreNotFound) {
  fs::create_directories(dir_ / "adir");
  const ParseResult missing = parseConfig("pjsip.conf", options());
  EXPECT_FALSE(missing.found);
  EXPECT_EQ(diagnostics(missing), Strings{"pjsip.conf:0: error: pjsip.conf: file not found"});
  EXPECT_FALSE(parseConfig("adir", options()).found);
}

TEST_F(ConfigDisk, OversizedFileIsRefused) {
  write("big.conf", "[s]\n" + std::string(5000, ';') + "\n");
  ReaderOptions small = options();
  small.maxFileSize = 1000;
  const ParseResult result = parseConfig("big.conf", small);
  EXPECT_TRUE(result.found);
  EXPECT_EQ(diagnostics(result),
            Strings{"big.conf:0: error: 'big.conf' is larger than the limit of 1000 bytes"});
}

TEST_F(ConfigDisk, CycleThroughAnAbsolutePathWithARelativeFolder) {
  const std::string self = (dir_ / "pjsip.conf").string();
  write("pjsip.conf", "[s]\n#include " + self + "\na = 1\n");
  ReaderOptions relative = options();
  relative.configDir = fs::relative(dir_);
  ASSERT_TRUE(relative.configDir.is_relative());
  const ParseResult result = parseConfig("pjsip.conf", relative);
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:2: error: include cycle: pjsip.conf -> " + self});
  EXPECT_EQ(describe(result.file.sections.at(0)), Strings{"a=1@pjsip.conf:3"});
}

TEST_F(ConfigDisk, GlobWithoutMatchOnDisk) {
  write("pjsip.conf", "[s]\n#include nothing/*.conf\n#tryinclude nothing/*.conf\n");
  const ParseResult result = parseConfig("pjsip.conf", options());
  EXPECT_EQ(diagnostics(result),
            Strings{"pjsip.conf:2: error: #include: no file matches 'nothing/*.conf'"});
}

}  // namespace
}  // namespace sb::config::testing
