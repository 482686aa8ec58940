#pragma once
/// @file
/// One row of an object type's option table: the only description of a configuration option.
/// Parsing, validation, `show` output and the generated reference all come from these rows.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"

namespace sb::store {

enum OptionFlag : unsigned {
  kNone = 0,
  kMulti = 1u << 0,       ///< may be repeated; every value counts (allow=, contact=, match=)
  kSensitive = 1u << 1,   ///< never printed in clear (passwords)
  kHidden = 1u << 2,      ///< left out of `show` output and the reference
  kDeprecated = 1u << 3,  ///< accepted, documented as deprecated
  kNoReload = 1u << 4,    ///< a change takes effect only after a restart
  /// Accepted and documented but never listed: Asterisk's object set has no value for it
  /// (an alias such as disallow, or deny/permit rules folded into an ACL).
  kUnlisted = 1u << 5,
};

/// Type-independent description of an option, for documentation and listings.
struct OptionInfo {
  std::string name;
  std::vector<std::string> aliases;  ///< legacy names (sip.conf, older Asterisk versions)
  std::string typeName;              ///< "unsigned", "boolean", "enum: a|b", "list", ...
  std::string defaultValue;          ///< as written in a config file; "" means empty/unset
  std::string doc;                   ///< one line
  unsigned flags = kNone;
};

/// An option of object type T: how to apply a written value to a T and how to print it back.
template <class T>
struct Option {
  OptionInfo info;
  /// Parses and stores `value`. For kMulti options it is called once per occurrence and
  /// should append; `reset` is called first to drop the default.
  std::function<Result<void>(T&, std::string_view value)> apply;
  /// Options written with parameters in their name ("eventfilter(name(Hangup))=x", as
  /// Asterisk's advanced filters): receives the whole written name. Unset: not allowed.
  std::function<Result<void>(T&, std::string_view name, std::string_view value)> applyNamed;
  /// Prints the current value as it would be written in a config file.
  std::function<std::string(const T&)> print;
  /// For kMulti options: clears accumulated values before the first written occurrence.
  std::function<void(T&)> reset;

  Option& alias(std::string name) {
    info.aliases.push_back(std::move(name));
    return *this;
  }
  Option& flag(unsigned f) {
    info.flags |= f;
    return *this;
  }
};

}  // namespace sb::store
