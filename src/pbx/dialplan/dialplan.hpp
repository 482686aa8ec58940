#pragma once
/// @file
/// The dialplan of extensions.conf: contexts, extensions, priorities, hints, includes and
/// globals, loaded as Asterisk's pbx_config does, with Asterisk's lookup rules.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config/config_file.hpp"
#include "pbx/dialplan/pattern.hpp"

namespace sb::pbx {

/// One step of an extension: `exten => 100,2(dial),Dial(PJSIP/100,30)`.
struct Priority {
  int number = 0;
  std::string label;  ///< "dial", or empty
  std::string app;    ///< "Dial"
  std::string data;   ///< "PJSIP/100,30", not substituted
  config::SourceLocation where;
};

/// An extension (or pattern) of a context with its priorities.
struct Extension {
  std::string name;           ///< as written ("_NXX", "100", "555-1212")
  std::string callerIdMatch;  ///< from `name/cid`, shrunk as Asterisk does; empty: any caller
  ExtensionPattern pattern;
  std::vector<Priority> priorities;  ///< sorted by number; numbers are unique
  std::optional<std::string> hint;   ///< `exten => 100,hint,PJSIP/100&Custom:x`
  config::SourceLocation hintWhere;  ///< where the hint was written
  config::SourceLocation where;      ///< first line that defined the extension

  /// The priority numbered `number`, or nullptr.
  const Priority* priority(int number) const;
  /// The priority labelled `label` (case-sensitive), or nullptr.
  const Priority* labelled(std::string_view label) const;
};

/// One `include => name[,condition]` line.
struct Include {
  std::string context;    ///< the included context's name
  std::string condition;  ///< time condition after `|` or `,` (not applied), or empty
  std::string text;       ///< the value as written (what `dialplan show` prints)
  config::SourceLocation where;
};

/// A context: `[name]` and every line given to it (also from repeated `[name]` sections).
struct Context {
  std::string name;
  std::vector<Extension> extensions;  ///< Asterisk order: ext_cmp, caller-ID ones first
  std::vector<std::string> includes;  ///< names of `include => name`, in order
  /// The same includes with their details, in the same order. Time conditions are not
  /// applied: the include is always followed (Asterisk follows it only at those times).
  std::vector<Include> includeDetails;
  std::vector<std::string> ignorePatterns;
  std::vector<std::string> switches;  ///< `switch => Type/data`: kept but never consulted
  config::SourceLocation where;
};

/// Options of the `[general]` section.
struct DialplanGeneral {
  bool staticConfig = false;             ///< static=
  bool writeProtect = false;             ///< writeprotect=
  bool autoFallthrough = true;           ///< autofallthrough=
  bool clearGlobalVars = false;          ///< clearglobalvars=
  bool extenPatternMatchNew = false;     ///< extenpatternmatchnew=
  std::string userscontext = "default";  ///< userscontext=
  std::string overrideSwitch;            ///< overrideswitch= (kept, not used)
};

class Dialplan;

/// The outcome of loading: the dialplan (always set, possibly empty) and what was wrong.
struct DialplanLoad {
  std::shared_ptr<const Dialplan> dialplan;
  std::vector<config::Diagnostic> diagnostics;
};

/// An immutable dialplan. Share it with std::shared_ptr; a reload builds a new one.
class Dialplan {
 public:
  /// The result of a lookup; the pointers live as long as the Dialplan.
  struct Match {
    const Context* context = nullptr;  ///< the context holding the extension (maybe included)
    const Extension* extension = nullptr;
    const Priority* priority = nullptr;
  };

  /// Builds a dialplan from a parsed extensions.conf (templates skipped; `[general]` and
  /// `[globals]` read first; every other section is a context). Every problem names
  /// file:line. Errors mark lines that were skipped, as Asterisk skips them (bad priority,
  /// `n` with nothing before it, malformed names or labels); warnings mark what was kept
  /// Asterisk's way or ignored (duplicate priority: the first stays; unknown options;
  /// include time conditions; switches). Extension names and include/ignorepat values are
  /// substituted with the globals, as pbx_config does; application data is not.
  static DialplanLoad load(const config::ConfigFile& file);

  /// Finds what runs for `exten` at `priority` in `context`: the context's extensions in
  /// order (literals, then patterns by ext_cmp; an extension with a caller-ID match only
  /// for a matching `callerId`), then its includes depth-first, each context once.
  std::optional<Match> find(std::string_view context, std::string_view exten, int priority,
                            std::string_view callerId = {}) const;
  /// True when find() would succeed.
  bool exists(std::string_view context, std::string_view exten, int priority = 1,
              std::string_view callerId = {}) const;
  /// True when more digits after `exten` could still match some extension (Asterisk's
  /// ast_matchmore_extension), includes followed.
  bool canMatchMore(std::string_view context, std::string_view exten,
                    std::string_view callerId = {}) const;
  /// The priority number of `label` in the extension matching `exten`.
  std::optional<int> findLabel(std::string_view context, std::string_view exten,
                               std::string_view label, std::string_view callerId = {}) const;
  /// The hint of the extension matching `exten` (includes followed).
  std::optional<std::string> hint(std::string_view context, std::string_view exten) const;

  /// `[globals]` in file order (values not substituted).
  const std::vector<std::pair<std::string, std::string>>& globals() const { return globals_; }
  const DialplanGeneral& general() const { return general_; }
  /// Every context in file order (a repeated `[name]` adds to the first).
  std::vector<const Context*> contexts() const;
  /// The context called `name` (case-sensitive), or nullptr.
  const Context* context(std::string_view name) const;

 private:
  friend class DialplanBuilder;

  enum class Search { Match, MatchMore, FindLabel, Hint };
  struct SearchQuery {
    std::string_view exten;
    int priority = 0;
    std::string_view label;
    std::string_view callerId;
    Search mode = Search::Match;
  };
  /// pbx_find_extension: walks a context and its includes; `visited` holds each context
  /// seen once so include loops end.
  std::optional<Match> search(const Context& context, const SearchQuery& query,
                              std::vector<const Context*>& visited) const;

  std::vector<Context> contexts_;
  std::vector<std::pair<std::string, std::string>> globals_;
  DialplanGeneral general_;
};

}  // namespace sb::pbx
