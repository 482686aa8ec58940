#include "modules/res_pjsip/ip_acl.hpp"

#include "core/store/option_parsers.hpp"

namespace sb::modules::res_pjsip {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

/// An address as family + bytes; IPv4-mapped IPv6 addresses are reported as IPv4.
struct Parsed {
  bool v4 = true;
  Bytes bytes{};
};

Parsed normalise(const boost::asio::ip::address& address) {
  Parsed out;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    const auto v4 = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
    const auto b = v4.to_bytes();
    std::copy(b.begin(), b.end(), out.bytes.begin());
    return out;
  }
  if (address.is_v4()) {
    const auto b = address.to_v4().to_bytes();
    std::copy(b.begin(), b.end(), out.bytes.begin());
    return out;
  }
  out.v4 = false;
  out.bytes = address.to_v6().to_bytes();
  return out;
}

Result<Parsed> parseAddress(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  boost::system::error_code error;
  const auto address = boost::asio::ip::make_address(std::string(text), error);
  if (error || text.empty()) {
    return Error{};
  }
  return normalise(address);
}

Bytes prefixMask(bool v4, unsigned bits) {
  Bytes mask{};
  const unsigned total = v4 ? 32 : 128;
  for (unsigned i = 0; i < total / 8; ++i) {
    const unsigned take = bits >= 8 ? 8 : bits;
    mask[i] = static_cast<std::uint8_t>(take == 0 ? 0 : 0xFF << (8 - take));
    bits -= take;
  }
  return mask;
}

struct ParsedRule {
  bool allow = true;
  bool v4 = true;
  Bytes network{};
  Bytes mask{};
};

Result<ParsedRule> parseRule(bool permit, std::string_view text) {
  const std::string original(store::trimmed(text));
  std::string_view rule = original;
  ParsedRule out;
  out.allow = permit;
  if (!rule.empty() && rule.front() == '!') {
    out.allow = !permit;
    rule.remove_prefix(1);
  }
  const auto slash = rule.find('/');
  const auto addressText = store::trimmed(rule.substr(0, slash));
  auto address = parseAddress(addressText);
  if (!address) {
    return Error{"'" + original + "' is not an IP address, address/prefix or address/netmask"};
  }
  out.v4 = address->v4;
  if (slash == std::string_view::npos) {
    out.mask = prefixMask(out.v4, out.v4 ? 32 : 128);
  } else {
    const auto maskText = store::trimmed(rule.substr(slash + 1));
    if (maskText.find_first_of(".:") != std::string_view::npos) {
      auto mask = parseAddress(maskText);
      if (!mask) {
        return Error{"bad netmask in '" + original + "'"};
      }
      if (mask->v4 != out.v4) {
        return Error{"address and netmask of '" + original + "' are not the same IP version"};
      }
      out.mask = mask->bytes;
    } else {
      auto bits = store::parseUnsigned(maskText, 0, out.v4 ? 32 : 128);
      if (!bits) {
        return Error{"bad prefix length in '" + original + "': " + bits.error().message};
      }
      out.mask = prefixMask(out.v4, static_cast<unsigned>(*bits));
    }
  }
  for (std::size_t i = 0; i < out.network.size(); ++i) {
    out.network[i] = address->bytes[i] & out.mask[i];
  }
  return out;
}

}  // namespace

Result<void> IpAcl::add(bool permit, std::string_view rule) {
  const auto items = store::splitList(rule);
  if (items.empty()) {
    return Error{"empty ACL rule"};
  }
  std::vector<Rule> parsed;
  for (const auto& item : items) {
    auto one = parseRule(permit, item);
    if (!one) {
      return one.error();
    }
    parsed.push_back(Rule{one->allow, one->v4, one->network, one->mask});
  }
  rules_.insert(rules_.end(), parsed.begin(), parsed.end());
  return {};
}

bool IpAcl::allows(const boost::asio::ip::address& address) const {
  if (rules_.empty()) {
    return true;  // most endpoints have no ACL, and every request asks
  }
  const auto candidate = normalise(address);
  bool allowed = true;
  for (const auto& rule : rules_) {
    if (rule.v4 != candidate.v4) {
      continue;
    }
    bool match = true;
    for (std::size_t i = 0; i < rule.network.size() && match; ++i) {
      match = (candidate.bytes[i] & rule.mask[i]) == rule.network[i];
    }
    if (match) {
      allowed = rule.allow;
    }
  }
  return allowed;
}

Result<IpAcl> IpAcl::fromOrderedRules(const std::vector<std::pair<bool, std::string>>& rules) {
  IpAcl acl;
  for (const auto& [permit, rule] : rules) {
    if (auto added = acl.add(permit, rule); !added) {
      return added.error();
    }
  }
  return acl;
}

Result<void> validateAclRule(std::string_view rule) {
  IpAcl scratch;
  return scratch.add(true, rule);
}

}  // namespace sb::modules::res_pjsip
