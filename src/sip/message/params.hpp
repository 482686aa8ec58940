#pragma once
/// @file
/// Zero-copy view of a `;name[=value]` parameter list, as found in URIs and header values.

#include <cstddef>
#include <optional>
#include <string_view>

namespace sb::sip {

/// One parameter: views into the message text. A quoted value keeps its quotes.
struct Param {
  std::string_view name;
  std::string_view value;
  bool hasValue = false;
};

/// A parameter list kept as its raw text (starting with the first ';'); lookups scan it.
/// Scanning is cheap for the handful of parameters real messages carry and needs no heap.
class ParamList {
 public:
  ParamList() = default;
  /// raw must already have been validated by scanParams().
  explicit ParamList(std::string_view raw) : raw_(raw) {}

  /// The list as written, e.g. ";transport=tcp;lr" (LWS kept for header parameters).
  std::string_view raw() const { return raw_; }
  bool empty() const { return raw_.empty(); }
  std::size_t size() const;

  /// First parameter with this name (ASCII case-insensitive).
  std::optional<Param> find(std::string_view name) const;
  bool has(std::string_view name) const { return find(name).has_value(); }
  /// Value of the named parameter, empty when absent or valueless.
  std::string_view get(std::string_view name) const;

  /// Calls f(const Param&) for each parameter in order.
  template <class F>
  void forEach(F&& f) const {
    std::string_view rest = raw_;
    Param p;
    bool error = false;
    while (nextParam(rest, p, error))
      f(p);
  }

  /// Reads the next parameter from rest (which must start with optional LWS and ';').
  /// Returns false at the end of the list; sets error on malformed text.
  static bool nextParam(std::string_view& rest, Param& out, bool& error);

 private:
  std::string_view raw_;
};

/// Validates a parameter list at the start of text: returns the number of characters that
/// form the list (0 for none), stopping before the first character that cannot continue it
/// (e.g. ',' '?' '>'), or std::nullopt when a parameter is malformed (empty name, bad value,
/// unterminated quoted string).
std::optional<std::size_t> scanParams(std::string_view text);

}  // namespace sb::sip
