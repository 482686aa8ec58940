#pragma once
/// @file
/// Addresses of the host names that `identify` objects match on (`match=pbx.example.com`),
/// resolved off the reactor through the stack's DNS resolver and kept for their TTL: A and
/// AAAA records, plus the targets of _sip._udp, _sip._tcp and _sips._tcp SRV records when
/// srv_lookups=yes (Asterisk's behaviour). Lookups never wait: an unresolved name matches
/// nothing until its answer arrives, and an expired one keeps its old addresses while it is
/// being refreshed.

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sip/dns/resolver.hpp"

namespace sb::modules::res_pjsip {

class HostAddressBook : public std::enable_shared_from_this<HostAddressBook> {
 public:
  explicit HostAddressBook(sip::dns::Resolver& resolver) : resolver_(resolver) {}

  /// The addresses known for `host` now; starts a lookup when there is no fresh answer.
  const std::vector<boost::asio::ip::address>& addresses(const std::string& host, bool srv);

 private:
  struct Entry {
    std::vector<boost::asio::ip::address> addresses;
    std::chrono::steady_clock::time_point expires{};
    bool pending = false;
    // The lookup in progress: answers still awaited and what they found so far.
    int outstanding = 0;
    std::vector<boost::asio::ip::address> collecting;
    std::uint32_t ttl = 0;
    bool answered = false;
  };
  void resolve(const std::string& host, bool srv);
  void resolveInto(const std::string& key, const std::string& name);
  void finishPart(const std::string& key);

  sip::dns::Resolver& resolver_;
  std::unordered_map<std::string, Entry> entries_;  // by host, with "|srv" when SRV is asked
};

}  // namespace sb::modules::res_pjsip
