// Reads a file and everything it includes into one ConfigFile. Follows Asterisk's config.c
// where it is specified; every problem becomes a Diagnostic and reading goes on (best effort)
// instead of abandoning the whole file as Asterisk does.

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/config/config_file.hpp"
#include "core/config/include_paths.hpp"
#include "core/config/line_lexer.hpp"
#include "core/config/line_parser.hpp"
#include "core/config/section_builder.hpp"
#include "core/config/size_budget.hpp"

namespace sb::config {

namespace {

namespace fs = std::filesystem;
using detail::SectionCursor;
using Severity = Diagnostic::Severity;

class Reader {
 public:
  Reader(const ReaderOptions& options, ParseResult& result)
      : options_(options),
        readFile_(options.readFile ? options.readFile
                                   : detail::diskFileReader(options.maxFileSize)),
        expandGlob_(options.expandGlob ? options.expandGlob : detail::diskGlobExpander()),
        result_(result),
        budget_(options.maxTotalSize),
        builder_(result.file, budget_) {}

  /// Reads the main file, from `text` when given, else through the FileReader.
  void readMain(std::string_view fileName, const std::optional<std::string_view>& text) {
    const fs::path path = detail::resolvePath(options_.configDir, fileName);
    const std::string display = detail::displayName(options_.configDir, path, fileName);
    std::optional<std::string> read;
    if (!text) {
      read = readFile_(path);
      if (!read) {
        result_.found = false;
        report(Severity::Error, {display, 0}, display + ": file not found");
        return;
      }
    }
    const std::string_view content = text ? *text : std::string_view(*read);
    if (content.size() > options_.maxFileSize) {
      report(Severity::Error, {display, 0}, tooLarge(display));
      return;
    }
    readFile(path, display, content);
  }

 private:
  struct OpenFile {
    std::string key;  ///< normalised path, to recognise a cycle
    std::string display;
  };

  void report(Severity severity, SourceLocation where, std::string message) {
    result_.diagnostics.push_back({severity, std::move(where), std::move(message)});
  }

  std::string tooLarge(const std::string& display) const {
    return "'" + display + "' is larger than the limit of " + std::to_string(options_.maxFileSize) +
           " bytes";
  }

  /// Stops everything once the size budget is gone, reporting it once.
  bool outOfBudget(const SourceLocation& where) {
    if (!budget_.exhausted()) {
      return false;
    }
    if (!budgetReported_) {
      budgetReported_ = true;
      report(Severity::Error, where,
             "configuration too large: files and inherited variables exceed " +
                 std::to_string(budget_.limit()) + " bytes");
    }
    return true;
  }

  /// Identifies a file for cycle detection, whatever folder the path was relative to.
  static std::string fileKey(const fs::path& path) {
    std::error_code error;
    const fs::path absolute = fs::absolute(path, error);
    return error ? path.string() : absolute.lexically_normal().string();
  }

  void readFile(const fs::path& path, const std::string& display, std::string_view text) {
    noteRead(display);
    stack_.push_back({fileKey(path), display});
    budget_.spend(text.size());
    parseLines(text, display);
    stack_.pop_back();
  }

  void noteRead(const std::string& display) {
    if (filesSeen_.insert(display).second) {
      result_.file.filesRead.push_back(display);
    }
  }

  void parseLines(std::string_view text, const std::string& display) {
    // Like Asterisk, a file starts in the section most recently opened anywhere, and lines
    // after an #include stay in the including file's own section.
    SectionCursor cursor = current_;
    detail::LineLexer lexer(text);
    while (auto line = lexer.next()) {
      SourceLocation where{display, line->line};
      if (outOfBudget(where)) {
        return;
      }
      switch (detail::classifyLine(line->text)) {
        case detail::LineKind::Header:
          cursor = openSection(line->text, where);
          current_ = cursor;
          break;
        case detail::LineKind::Directive:
          runDirective(detail::parseDirective(line->text), where);
          break;
        case detail::LineKind::Assignment:
          assign(cursor, line->text, where);
          break;
      }
    }
    if (outOfBudget({display, 0})) {
      return;
    }
    if (auto open = lexer.openCommentLine()) {
      report(Severity::Warning, {display, *open},
             "block comment ';--' is never closed with '--;' (runs to the end of the file)");
    }
  }

  template <class Line>
  void reportProblems(const detail::Parsed<Line>& parsed, const SourceLocation& where) {
    for (const detail::LineProblem& problem : parsed.problems) {
      report(problem.severity, where, problem.message);
    }
  }

  SectionCursor openSection(std::string_view code, const SourceLocation& where) {
    const auto parsed = detail::parseHeader(code);
    reportProblems(parsed, where);
    if (!parsed.line) {
      return detail::kDiscard;
    }
    auto opened = builder_.open(*parsed.line, where);
    for (std::string& error : opened.errors) {
      report(Severity::Error, where, std::move(error));
    }
    return opened.cursor;
  }

  void assign(SectionCursor cursor, std::string_view code, const SourceLocation& where) {
    if (cursor == detail::kNoSection) {
      report(Severity::Error, where, "no section for this line: it comes before any [section]");
      return;
    }
    const auto parsed = detail::parseAssignment(code);
    reportProblems(parsed, where);
    if (parsed.line && cursor != detail::kDiscard) {
      builder_.assign(cursor, *parsed.line, where);
    }
  }

  void runDirective(const detail::DirectiveLine& directive, const SourceLocation& where) {
    using Kind = detail::DirectiveLine::Kind;
    if (directive.kind == Kind::Unknown) {
      report(Severity::Error, where, "unknown directive '#" + directive.word + "'");
      return;
    }
    if (directive.kind == Kind::Exec) {
      report(Severity::Warning, where, "#exec is not supported; line ignored");
      return;
    }
    const bool required = directive.kind == Kind::Include;
    if (directive.argument.empty()) {
      report(Severity::Warning, where, "#" + directive.word + " needs a file name; line ignored");
      return;
    }
    const fs::path path = detail::resolvePath(options_.configDir, directive.argument);
    if (!detail::hasGlobChars(directive.argument)) {
      include(path, directive.argument, required, where);
      return;
    }
    const std::vector<fs::path> matches = expandGlob_(path);
    if (matches.empty() && required) {
      report(Severity::Error, where, "#include: no file matches '" + directive.argument + "'");
    }
    for (const fs::path& match : matches) {
      include(match.lexically_normal(), match.string(), required, where);
      if (budget_.exhausted()) {
        return;
      }
    }
  }

  void include(const fs::path& path, std::string_view asGiven, bool required,
               const SourceLocation& where) {
    const std::string display = detail::displayName(options_.configDir, path, asGiven);
    const std::string key = fileKey(path);
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      if (stack_[i].key == key) {
        std::string chain;
        for (std::size_t j = i; j < stack_.size(); ++j) {
          chain += stack_[j].display + " -> ";
        }
        report(Severity::Error, where, "include cycle: " + chain + display);
        return;
      }
    }
    // The main file is level 0, so stack_.size() is the level this file would be read at.
    if (stack_.size() > options_.maxIncludeDepth) {
      report(Severity::Error, where,
             "#include of '" + display + "' nested deeper than " +
                 std::to_string(options_.maxIncludeDepth) + " levels");
      return;
    }
    const std::optional<std::string> text = readFile_(path);
    if (!text) {
      if (required) {
        report(Severity::Error, where, "#include: file '" + display + "' not found");
      }
      return;
    }
    if (text->size() > options_.maxFileSize) {
      report(Severity::Error, where, "#include: " + tooLarge(display));
      return;
    }
    readFile(path, display, *text);
  }

  const ReaderOptions& options_;
  FileReader readFile_;
  GlobExpander expandGlob_;
  ParseResult& result_;
  detail::SizeBudget budget_;
  detail::SectionBuilder builder_;
  std::vector<OpenFile> stack_;                 ///< files being read, the main one first
  std::unordered_set<std::string> filesSeen_;   ///< ConfigFile::filesRead, for lookups
  SectionCursor current_ = detail::kNoSection;  ///< Asterisk's "current category"
  bool budgetReported_ = false;
};

}  // namespace

ParseResult parseConfig(std::string_view fileName, const ReaderOptions& options) {
  ParseResult result;
  result.file.name = fileName;
  Reader(options, result).readMain(fileName, std::nullopt);
  return result;
}

ParseResult parseConfigText(std::string_view fileName, std::string_view text,
                            const ReaderOptions& options) {
  ParseResult result;
  result.file.name = fileName;
  Reader(options, result).readMain(fileName, text);
  return result;
}

}  // namespace sb::config
