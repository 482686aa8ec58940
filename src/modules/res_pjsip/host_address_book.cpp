#include "modules/res_pjsip/host_address_book.hpp"

#include <algorithm>

namespace sb::modules::res_pjsip {
namespace {

/// Names that failed are asked again after this long (negative answers carry no useful TTL
/// for us, and a typo should not cost a query per request).
constexpr std::uint32_t kRetrySeconds = 30;

}  // namespace

const std::vector<boost::asio::ip::address>& HostAddressBook::addresses(const std::string& host,
                                                                        bool srv) {
  const std::string key = srv ? host + "|srv" : host;
  auto& entry = entries_[key];
  if (!entry.pending && std::chrono::steady_clock::now() >= entry.expires) {
    resolve(host, srv);
  }
  return entries_[key].addresses;
}

void HostAddressBook::resolve(const std::string& host, bool srv) {
  const std::string key = srv ? host + "|srv" : host;
  auto& entry = entries_[key];
  entry.pending = true;
  entry.collecting.clear();
  entry.ttl = kRetrySeconds;
  entry.answered = false;
  entry.outstanding = 1;
  resolveInto(key, host);
  if (!srv) {
    return;
  }
  for (const char* service : {"_sip._udp.", "_sip._tcp.", "_sips._tcp."}) {
    ++entry.outstanding;
    resolver_.querySrv(service + host, [weak = weak_from_this(), key](sip::dns::SrvAnswer answer) {
      auto self = weak.lock();
      if (!self) {
        return;
      }
      for (const auto& record : answer.records) {
        if (record.target != ".") {
          ++self->entries_[key].outstanding;
          self->resolveInto(key, record.target);
        }
      }
      self->finishPart(key);
    });
  }
}

void HostAddressBook::resolveInto(const std::string& key, const std::string& name) {
  resolver_.resolveHost(name, [weak = weak_from_this(), key](sip::dns::AddressAnswer answer) {
    auto self = weak.lock();
    if (!self) {
      return;
    }
    auto& entry = self->entries_[key];
    for (const auto& record : answer.records) {
      if (std::find(entry.collecting.begin(), entry.collecting.end(), record.address) ==
          entry.collecting.end()) {
        entry.collecting.push_back(record.address);
      }
    }
    if (answer.ok()) {
      entry.ttl = entry.answered ? std::min(entry.ttl, answer.ttl) : answer.ttl;
      entry.answered = true;
    }
    self->finishPart(key);
  });
}

void HostAddressBook::finishPart(const std::string& key) {
  auto& entry = entries_[key];
  if (--entry.outstanding > 0) {
    return;
  }
  entry.pending = false;
  if (!entry.collecting.empty()) {
    entry.addresses = std::move(entry.collecting);
  }
  entry.collecting.clear();
  entry.expires = std::chrono::steady_clock::now() + std::chrono::seconds(std::max(entry.ttl, 1u));
}

}  // namespace sb::modules::res_pjsip
