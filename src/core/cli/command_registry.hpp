#pragma once
/// @file
/// Console commands declared as data. Dispatch, argument checks, help and tab completion all
/// come from the declarations; a handler never counts words.
///
/// Syntax of a declaration, words separated by spaces:
///   `core`            a literal word (matched case-insensitively)
///   `<name>`          a required argument, any word
///   `<name:uint>`     a required unsigned integer argument (also `int`)
///   `[<name>]`        an optional argument (only at the end, or before other optional parts)
///   `[like <name>]`   an optional group: a literal followed by an argument
///   `<name>...`       the rest of the words (one or more); `[<name>...]` zero or more
///   `{on|off}`        one of several literals; the chosen word is stored as argument
///                     `name` if written `{name=on|off}`
/// A declaration starts with a literal word; optional groups do not nest and come last. The
/// leading literals (and unnamed `{a|b}` choices) are the command's name, the rest its
/// arguments. Input words may be quoted with "double quotes" to include spaces.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/registration.hpp"

namespace sb::cli {

/// Exit status of a command, as `switchboard -rx` returns it.
enum class Status : int {
  Success = 0,
  Failure = 1,    ///< the command ran and failed
  ShowUsage = 2,  ///< wrong arguments: usage was printed
  NoSuchCommand = 3,
};

/// Where a command writes its output and reports completion. A command may finish later
/// (for example `core waitfullybooted`): keep the shared_ptr and call finish() when done.
/// If the last reference is dropped without finish(), the command finishes with Success.
class Reply {
 public:
  virtual ~Reply() = default;
  /// Appends text to the output (newlines are the caller's).
  virtual void write(std::string_view text) = 0;
  /// Completes the command; later calls are ignored.
  virtual void finish(Status status) = 0;
};
using ReplyPtr = std::shared_ptr<Reply>;

/// A Reply that collects output in a string and calls a function once on completion.
/// Convenient for AMI's Command action, tests and the local console.
class BufferedReply : public Reply {
 public:
  using Done = std::function<void(Status, std::string output)>;
  explicit BufferedReply(Done done);
  ~BufferedReply() override;
  void write(std::string_view text) override;
  void finish(Status status) override;

 private:
  Done done_;
  std::string output_;
  bool finished_ = false;
};

/// Parsed arguments of one invocation.
class Arguments {
 public:
  /// Value of a named argument; for `...` arguments the words joined by one space.
  std::optional<std::string> get(std::string_view name) const;
  bool has(std::string_view name) const;
  /// Named integer argument (already validated when declared `:uint`/`:int`).
  std::optional<std::int64_t> integer(std::string_view name) const;
  /// Words of a `...` argument.
  std::vector<std::string> list(std::string_view name) const;
  /// The whole line as typed, split into words.
  const std::vector<std::string>& words() const { return words_; }

  // Filled by the registry.
  void set(std::string name, std::vector<std::string> values);
  void setWords(std::vector<std::string> words) { words_ = std::move(words); }

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
  std::vector<std::string> words_;
};

using Handler = std::function<void(const Arguments&, ReplyPtr)>;
/// Returns candidate completions for the argument `name` given the words typed so far:
/// arguments bound by earlier words, and words() ending with the (possibly empty) word being
/// completed. Results are filtered by that word afterwards, so returning all values is fine.
using Completer = std::function<std::vector<std::string>(const Arguments& typedSoFar)>;

/// One command declaration.
struct CommandSpec {
  std::string syntax;    ///< e.g. "module show [like <pattern>]"
  std::string synopsis;  ///< one line, shown by `help`
  std::string usage;     ///< longer text for `help <command>`; generated from syntax if empty
  Handler handler;
  std::map<std::string, Completer> completers;  ///< per argument name
};

/// Summary of a registered command for listings (help, AMI ListCommands).
struct CommandInfo {
  std::string syntax;
  std::string command;  ///< the leading literal words, e.g. "core show version" (unnamed
                        ///< choices included, e.g. "core stop {now|gracefully}")
  std::string synopsis;
  std::string usage;
};

/// All commands known to the server. Single-threaded: use it from the reactor thread.
class CommandRegistry {
 public:
  CommandRegistry();
  ~CommandRegistry();
  CommandRegistry(const CommandRegistry&) = delete;
  CommandRegistry& operator=(const CommandRegistry&) = delete;

  /// Adds a command. Throws std::invalid_argument for a malformed syntax, a missing handler,
  /// a completer for a name that is not an argument, or a declaration that duplicates an
  /// existing one (accepts the same literal/argument shape; argument types do not count, so
  /// `x <n:uint>` and `x <name>` clash). The command is removed when the Registration dies,
  /// which is safe even after the registry itself is gone.
  Registration add(CommandSpec spec);

  /// Parses `line` and runs the most specific matching command (a literal beats an argument
  /// at the first word where two candidates differ), or reports through `reply`:
  /// unknown command -> "No such command '<line>' (type 'core show help <first words>' for
  /// other possible commands)\n" and NoSuchCommand, where <first words> are the words that
  /// matched some command name plus the first one that did not; bad arguments for a command
  /// whose name was typed in full -> its usage text (ending in a newline; the longest such
  /// name wins) and ShowUsage. A handler exception -> "Command failed: <what>\n" and Failure.
  /// An empty line finishes with Success and no output.
  void execute(std::string_view line, ReplyPtr reply) const;

  /// Completion candidates for the last (possibly empty) word of `lineBeforeCursor`,
  /// sorted and unique: literal words of matching commands and Completer results, filtered by
  /// the typed prefix case-insensitively. Commands starting with '_' are not offered.
  std::vector<std::string> complete(std::string_view lineBeforeCursor) const;

  /// Asterisk-style help: every command whose words start with `prefix` (all when empty; the
  /// last prefix word may be abbreviated), one per line as Asterisk's help1() in main/cli.c
  /// prints them: "%-30s -- %s\n" with command words and synopsis ("<no description
  /// available>" when empty), sorted case-insensitively. Commands whose first word starts with
  /// '_' are left out, as in Asterisk. With a prefix that is exactly a command's words, that
  /// command's usage text instead (each distinct usage once if several commands share the
  /// words). Empty result when nothing matches (Asterisk's `core show help` then prints
  /// "No such command '<prefix>'.\n").
  std::string help(std::string_view prefix) const;

  /// Every command, sorted by command words.
  std::vector<CommandInfo> list() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Splits a command line into words, honouring double quotes and backslash escapes.
std::vector<std::string> splitWords(std::string_view line);

}  // namespace sb::cli
