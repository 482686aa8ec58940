#pragma once
/// @file
/// Character classes and small scanning helpers shared by the SIP message parsers
/// (RFC 3261 section 25 grammar). Internal to src/sip/message/, but usable by other SIP code.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sb::sip::text {

namespace detail {
constexpr std::array<bool, 256> makeTokenTable() {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c)
    t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c)
    t[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c)
    t[c] = true;
  for (char c : std::string_view("-.!%*_+`'~"))
    t[static_cast<unsigned char>(c)] = true;
  return t;
}
inline constexpr std::array<bool, 256> kTokenTable = makeTokenTable();
}  // namespace detail

/// RFC 3261 `token` characters: alphanum and -.!%*_+`'~
inline bool isTokenChar(char c) {
  return detail::kTokenTable[static_cast<unsigned char>(c)];
}
/// A non-empty run of token characters.
bool isToken(std::string_view s);
inline bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
inline bool isAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool isAlnum(char c) {
  return isDigit(c) || isAlpha(c);
}
bool isHex(char c);
inline bool isWs(char c) {
  return c == ' ' || c == '\t';
}
/// SP, HT, CR or LF: what may surround values once folding is accounted for.
inline bool isLws(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
inline char toLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

/// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b);

/// Strips SP, HT, CR and LF from both ends.
std::string_view trim(std::string_view s);
std::string_view trimLeft(std::string_view s);
std::string_view trimRight(std::string_view s);

/// Parses a non-empty run of decimal digits (nothing else) into out when it is <= max.
/// Leading zeros are allowed; any length of them is tolerated without overflow.
bool parseUint(std::string_view s, std::uint64_t max, std::uint64_t& out);

/// The decimal number leading `s` after blanks ("1800" of "1800;refresher=uac"); nullopt
/// when there is none or it does not fit 32 bits.
std::optional<std::uint32_t> leadingUint(std::string_view s);

/// Index of the closing quote of a quoted-string whose opening quote is at s[open], honouring
/// quoted-pair escapes; npos when unterminated.
std::size_t findClosingQuote(std::string_view s, std::size_t open);

/// Removes the surrounding quotes of a quoted-string and resolves quoted-pairs ("\x" -> "x").
/// A value without quotes is returned unchanged.
std::string unquote(std::string_view s);

/// Makes a quoted-string: wraps s in quotes and escapes '"' and '\\' (CR and LF, which a
/// quoted-string cannot carry, become SP). For writing display names and parameter values.
std::string quote(std::string_view s);

/// Decodes %HH escapes (RFC 3261 "escaped"); an invalid escape is kept literally.
std::string unescape(std::string_view s);

/// True when the value contains a CR or LF, i.e. it was folded over several lines.
inline bool isFolded(std::string_view s) {
  // A plain loop: find_first_of() runs memchr per character.
  for (char c : s) {
    if (c == '\r' || c == '\n')
      return true;
  }
  return false;
}

/// Replaces every line fold (CRLF followed by SP/HT) with a single SP and trims the result.
std::string unfold(std::string_view s);

/// Iterates the comma-separated elements of a header value, skipping commas that sit in
/// quoted strings or angle brackets. Elements are trimmed; empty elements are returned as
/// empty views so that callers can reject them.
class CommaSplitter {
 public:
  explicit CommaSplitter(std::string_view value) : rest_(value), done_(false) {}
  /// Next element; false when exhausted. Sets error() when an unterminated quote or "<"
  /// makes the splitting ambiguous (a remainder without commas is returned as it is).
  bool next(std::string_view& element);
  bool error() const { return error_; }

 private:
  std::string_view rest_;
  bool done_;
  bool error_ = false;
};

}  // namespace sb::sip::text
