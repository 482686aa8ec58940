#pragma once
/// @file
/// TTL cache for DNS answers: positive and negative (RFC 2308) entries, bounded by an LRU
/// limit, with RFC 8767-style "serve stale" when the backend fails.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>

#include "sip/dns/types.hpp"

namespace sb::sip::dns {

/// Tunables of the cache. TTLs are in seconds.
struct CacheLimits {
  std::size_t maxEntries = 10000;       ///< Least recently used entries go first.
  std::uint32_t maxTtl = 86400;         ///< Cap on positive TTLs.
  std::uint32_t maxNegativeTtl = 3600;  ///< Cap on NXDOMAIN/NODATA TTLs (RFC 2308 suggests hours).
  std::uint32_t defaultNegativeTtl = 30;  ///< When a negative reply carries no SOA.
  std::uint32_t maxStale = 86400;         ///< How long past expiry a positive entry may be served.
  std::uint32_t staleHold = 30;  ///< After a failure, serve stale this long before re-querying.
};

/// Cache keyed by (lower-cased name, record type). Not thread-safe: it lives on the reactor.
class Cache {
 public:
  using Clock = std::chrono::steady_clock;

  explicit Cache(CacheLimits limits = {}) : limits_(limits) {}

  /// A usable cached answer: fresh (TTLs reduced by the time spent in the cache), or stale
  /// within a hold window opened by a recent failure. nullopt means "query the network".
  template <class Record>
  std::optional<Answer<Record>> find(std::string_view name, RecordType type, Clock::time_point now);

  /// After a failed query: the expired positive answer, if still within maxStale. Opens a
  /// staleHold window in which find() serves it without querying.
  template <class Record>
  std::optional<Answer<Record>> findStale(std::string_view name, RecordType type,
                                          Clock::time_point now);

  /// Stores ok, notFound and noData answers (TTL capped by the limits); ignores failures so an
  /// outage never evicts good data.
  template <class Record>
  void store(std::string_view name, RecordType type, const Answer<Record>& answer,
             Clock::time_point now);

  /// The TTL to store for a negative answer, given the SOA-derived one (if any).
  std::uint32_t negativeTtl(std::optional<std::uint32_t> soaTtl) const;

  std::size_t size() const { return entries_.size(); }
  /// Cache key: record type and the lower-cased name without a trailing dot.
  static std::string keyOf(std::string_view name, RecordType type);
  void clear();

 private:
  using AnyAnswer = std::variant<AddressAnswer, SrvAnswer, NaptrAnswer>;

  struct Entry {
    AnyAnswer answer;
    Clock::time_point stored;
    Clock::time_point expires;
    Clock::time_point holdUntil;  ///< Serve stale without querying until then.
    std::list<std::string>::iterator lru;
  };

  Entry* lookup(const std::string& key);
  void insert(std::string key, AnyAnswer answer, std::uint32_t ttl, Clock::time_point now);

  CacheLimits limits_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;  ///< Most recently used first.
};

namespace detail {

/// Copy of `answer` with every TTL reduced by `elapsed` seconds (floored at zero).
template <class Record>
Answer<Record> aged(const Answer<Record>& answer, std::uint32_t elapsed) {
  Answer<Record> copy = answer;
  auto age = [elapsed](std::uint32_t ttl) { return ttl > elapsed ? ttl - elapsed : 0u; };
  copy.ttl = age(copy.ttl);
  for (Record& record : copy.records)
    record.ttl = age(record.ttl);
  return copy;
}

/// Copy of `answer` marked stale, every TTL set to `ttl`: RFC 8767 hands stale records out
/// with a short TTL so nobody keeps them long.
template <class Record>
Answer<Record> staleCopy(const Answer<Record>& answer, std::uint32_t ttl) {
  Answer<Record> copy = answer;
  copy.ttl = ttl;
  for (Record& record : copy.records)
    record.ttl = ttl;
  copy.stale = true;
  return copy;
}

}  // namespace detail

template <class Record>
std::optional<Answer<Record>> Cache::find(std::string_view name, RecordType type,
                                          Clock::time_point now) {
  Entry* entry = lookup(keyOf(name, type));
  if (entry == nullptr)
    return std::nullopt;
  const auto* answer = std::get_if<Answer<Record>>(&entry->answer);
  if (answer == nullptr)
    return std::nullopt;
  if (now < entry->expires) {
    auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - entry->stored).count();
    return detail::aged(*answer, static_cast<std::uint32_t>(elapsed));
  }
  if (now < entry->holdUntil && answer->ok()) {
    auto left = std::chrono::duration_cast<std::chrono::seconds>(entry->holdUntil - now).count();
    return detail::staleCopy(*answer, static_cast<std::uint32_t>(left));
  }
  return std::nullopt;
}

template <class Record>
std::optional<Answer<Record>> Cache::findStale(std::string_view name, RecordType type,
                                               Clock::time_point now) {
  Entry* entry = lookup(keyOf(name, type));
  if (entry == nullptr)
    return std::nullopt;
  const auto* answer = std::get_if<Answer<Record>>(&entry->answer);
  if (answer == nullptr || !answer->ok())
    return std::nullopt;
  if (now >= entry->expires + std::chrono::seconds(limits_.maxStale))
    return std::nullopt;
  entry->holdUntil = now + std::chrono::seconds(limits_.staleHold);
  return detail::staleCopy(*answer, limits_.staleHold);
}

template <class Record>
void Cache::store(std::string_view name, RecordType type, const Answer<Record>& answer,
                  Clock::time_point now) {
  std::uint32_t ttl = 0;
  switch (answer.status) {
    case Status::ok:
      ttl = std::min(answer.ttl, limits_.maxTtl);
      break;
    case Status::notFound:
    case Status::noData:
      ttl = std::min(answer.ttl, limits_.maxNegativeTtl);
      break;
    default:
      return;
  }
  Answer<Record> kept = answer;
  kept.stale = false;
  kept.error.clear();
  insert(keyOf(name, type), std::move(kept), ttl, now);
}

}  // namespace sb::sip::dns
