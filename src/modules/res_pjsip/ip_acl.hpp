#pragma once
/// @file
/// An IP access-control list with Asterisk's semantics (permit=/deny= in pjsip.conf, acl.conf):
/// rules are tried in order, the last rule that matches decides, and an address that no rule
/// matches is allowed.

#include <array>
#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/result.hpp"

namespace sb::modules::res_pjsip {

/// An ordered list of permit/deny rules over IPv4 and IPv6 networks.
///
/// A rule is `address`, `address/prefix` or `address/netmask` (dotted IPv4 or IPv6 netmask);
/// a leading `!` inverts it (`deny=!10.0.0.0/8` permits). IPv4 rules apply to IPv4 addresses and
/// to IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`); IPv6 rules apply to other IPv6 addresses.
/// A rule written as an IPv4-mapped IPv6 address becomes an IPv4 rule.
class IpAcl {
 public:
  /// Appends `rule` (or a comma-separated list of rules) as permit or deny. On error nothing is
  /// added and the message names the bad value.
  Result<void> add(bool permit, std::string_view rule);

  /// Whether `address` passes: the last matching rule decides; no match means allowed.
  bool allows(const boost::asio::ip::address& address) const;

  /// True when there are no rules (everything is allowed).
  bool empty() const { return rules_.empty(); }
  /// Number of rules (a comma list counts one per item).
  std::size_t size() const { return rules_.size(); }

  /// Builds a list from (permit?, rule) pairs in the order they were written.
  static Result<IpAcl> fromOrderedRules(const std::vector<std::pair<bool, std::string>>& rules);

 private:
  struct Rule {
    bool allow = true;
    bool v4 = true;
    std::array<std::uint8_t, 16> network{};  ///< address & mask (first 4 bytes for IPv4)
    std::array<std::uint8_t, 16> mask{};
  };
  std::vector<Rule> rules_;
};

/// Checks that `rule` (or each item of a comma-separated list) is a valid ACL rule.
Result<void> validateAclRule(std::string_view rule);

}  // namespace sb::modules::res_pjsip
