#include "sip/dns/cache.hpp"

#include <algorithm>
#include <cctype>

namespace sb::sip::dns {

std::string Cache::keyOf(std::string_view name, RecordType type) {
  // DNS names compare case-insensitively and "example.com." is "example.com".
  if (!name.empty() && name.back() == '.')
    name.remove_suffix(1);
  std::string key = std::to_string(static_cast<unsigned>(type));
  key += '|';
  for (char c : name)
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

Cache::Entry* Cache::lookup(const std::string& key) {
  auto it = entries_.find(key);
  if (it == entries_.end())
    return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return &it->second;
}

void Cache::insert(std::string key, AnyAnswer answer, std::uint32_t ttl, Clock::time_point now) {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    lru_.push_front(key);
    it = entries_.emplace(std::move(key), Entry{std::move(answer), now, now, now, lru_.begin()})
             .first;
  } else {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    it->second.answer = std::move(answer);
  }
  it->second.stored = now;
  it->second.expires = now + std::chrono::seconds(ttl);
  it->second.holdUntil = now;
  while (entries_.size() > std::max<std::size_t>(limits_.maxEntries, 1)) {
    entries_.erase(lru_.back());
    lru_.pop_back();
  }
}

std::uint32_t Cache::negativeTtl(std::optional<std::uint32_t> soaTtl) const {
  return std::min(soaTtl.value_or(limits_.defaultNegativeTtl), limits_.maxNegativeTtl);
}

void Cache::clear() {
  entries_.clear();
  lru_.clear();
}

}  // namespace sb::sip::dns
