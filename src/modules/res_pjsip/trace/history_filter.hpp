#pragma once
/// @file
/// The `where` clause of `pjsip show history` (res_pjsip_history): an infix expression over
/// the fields of one captured message, typed as separate console words, e.g.
///   number > 5 and ( addr = 192.168.0.3:5060 or sip.msg.call-id like ^abc )
///
/// Fields (names in any case): `number` (entry number), `timestamp` (Unix seconds), `addr`
/// (the far end's "ip[:port]"), `sip.msg.request.method` (none for responses),
/// `sip.msg.call-id`. A comparison is `<field> <operator> <value>`:
///   - number, timestamp: = (or ==), !=, <, >, <=, >= on integers;
///   - addr: =, != against an address, comparing the port too when the value has one;
///     `like` against its "ip:port" text;
///   - sip.msg.request.method, sip.msg.call-id: =, != (case-sensitive) and `like` (a POSIX
///     extended regular expression found anywhere in the value). Any comparison of a
///     response's request method is false.
/// Comparisons combine with `not` (or `!`), `and` (or `&&`) and `or` (or `||`), binding in
/// that order, and with parentheses, which may stand alone or stick to a word ("(number").
/// Asterisk gives `and` and `or` the same precedence and mishandles `not`; this grammar is
/// the usual one instead.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"
#include "sip/transport/socket_address.hpp"

namespace sb::modules::res_pjsip {

/// What an expression can look at in one entry.
struct HistoryFields {
  long long number = 0;
  long long timestamp = 0;
  sip::SocketAddress address;
  std::optional<std::string_view> method;  ///< requests only
  std::string_view callId;
};

class HistoryFilter {
 public:
  /// Parses the words after `where`. Fails on an empty expression or an unbalanced ')'.
  static Result<HistoryFilter> parse(const std::vector<std::string>& words);

  /// Evaluates the expression for one entry. Fails, with res_pjsip_history's warning text,
  /// on an unknown field, a value of the wrong kind, an operator the field's type does not
  /// have, a bad regular expression or a malformed expression.
  Result<bool> matches(const HistoryFields& fields) const;

 private:
  struct Operator;
  struct Token {
    const Operator* op = nullptr;  ///< null: a word (a field name or a value)
    std::string word;
  };
  struct CompiledRegex;

  Result<bool> compare(const Operator& op, const std::string& field, const std::string& value,
                       const HistoryFields& fields) const;
  Result<bool> like(const std::string& subject, const std::string& pattern) const;

  std::vector<Token> rpn_;  ///< the expression in reverse Polish order
  /// Patterns compiled once for all entries.
  mutable std::map<std::string, std::shared_ptr<CompiledRegex>, std::less<>> regexes_;
};

}  // namespace sb::modules::res_pjsip
