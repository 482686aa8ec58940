#pragma once
/// @file
/// Reader for Asterisk's configuration syntax (pjsip.conf, extensions.conf, manager.conf, ...).
///
/// Supports sections `[name]`, templates `[name](!)`, inheritance `[name](a,b)` and `[name](!,a)`,
/// appending `[name](+)` and `[name](+type=endpoint)`, `key = value`, `key => value`,
/// `key += value`, `;` comments, `;-- block --;` comments, `\;` escapes, `#include` and
/// `#tryinclude` (relative to the configuration folder, quoted or not, globs allowed, cycle-safe).
/// Every diagnostic names the file and line it concerns.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::config {

/// Where something was written: a file name as it was named (relative to the config folder
/// when it lies inside it) and a 1-based line number.
struct SourceLocation {
  std::string file;
  int line = 0;

  /// "file:line"
  std::string str() const;
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

/// One `key = value` (or `key => value`) line, after `+=` has been folded in.
struct Variable {
  std::string name;
  std::string value;
  SourceLocation where;
  bool objectLine = false;  ///< written with `=>`
  bool inherited = false;   ///< copied from a template/parent section
};

/// A section `[name]` with its effective variables: inherited ones first (in the order the
/// parents were listed), then its own, then lines added by `[name](+)` appends.
struct Section {
  std::string name;
  bool isTemplate = false;           ///< declared with `(!)`: never instantiated
  std::vector<std::string> parents;  ///< names listed in `(a,b)`
  std::vector<Variable> variables;
  SourceLocation where;  ///< location of the `[name]` line

  /// Last value of `key` (options that may only appear once take the last one), if any.
  /// Keys compare ignoring ASCII case, as Asterisk's lookups do.
  std::optional<std::string_view> last(std::string_view key) const;
  /// Every value of `key`, in order (multi-valued options such as `allow=` or `contact=`).
  /// Keys compare ignoring ASCII case.
  std::vector<std::string_view> all(std::string_view key) const;
};

/// A problem found while reading. Errors make the file unusable; warnings do not.
struct Diagnostic {
  enum class Severity { Error, Warning };
  Severity severity = Severity::Error;
  SourceLocation where;
  std::string message;

  /// "file:line: error: message" (or "warning:")
  std::string str() const;
};

/// A parsed file with every include expanded, in file order (templates included and marked).
struct ConfigFile {
  std::string name;  ///< the file name that was asked for
  std::vector<Section> sections;
  std::vector<std::string> filesRead;  ///< every file read, the main one first

  /// All sections called `name`, in order (several may share a name, e.g. endpoint+aor+auth).
  /// Names compare ignoring ASCII case, as Asterisk's category lookups do.
  std::vector<const Section*> find(std::string_view name) const;
};

/// The outcome of reading a file: the best-effort contents plus every diagnostic.
struct ParseResult {
  ConfigFile file;
  std::vector<Diagnostic> diagnostics;
  bool found = true;  ///< false when the main file itself does not exist

  bool ok() const;  ///< true when there is no Error diagnostic
};

/// Reads a file's whole text; std::nullopt when it does not exist or cannot be read.
/// Injectable so tests and fuzzers can parse from memory.
using FileReader = std::function<std::optional<std::string>(const std::filesystem::path&)>;

/// Expands a glob pattern for `#include`; returns matching paths sorted, or an empty list.
using GlobExpander =
    std::function<std::vector<std::filesystem::path>(const std::filesystem::path&)>;

/// How to find and read files.
struct ReaderOptions {
  std::filesystem::path configDir;  ///< relative names (the main file, includes) are resolved here
  FileReader readFile;              ///< defaults to reading from disk
  GlobExpander expandGlob;          ///< defaults to glob(3) on disk
  std::size_t maxIncludeDepth = 32;
  std::size_t maxFileSize = 64 * 1024 * 1024;
  /// Cap on the bytes read from all files plus the bytes of every variable produced;
  /// inheritance can multiply the input, so this bounds memory on hostile input.
  std::size_t maxTotalSize = 512 * 1024 * 1024;
};

/// Reads and parses `fileName` (relative to options.configDir unless absolute).
ParseResult parseConfig(std::string_view fileName, const ReaderOptions& options);

/// Parses text held in memory as though it were the file `fileName`; includes are resolved
/// through options like parseConfig.
ParseResult parseConfigText(std::string_view fileName, std::string_view text,
                            const ReaderOptions& options);

}  // namespace sb::config
