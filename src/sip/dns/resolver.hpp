#pragma once
/// @file
/// The asynchronous DNS resolver of the SIP stack: one c-ares channel on the reactor with one
/// TTL cache in front of it, shared by every lookup (registrations, trunks, identify-by-host).

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "sip/dns/ares_channel.hpp"
#include "sip/dns/cache.hpp"
#include "sip/dns/types.hpp"

namespace sb::sip::dns {

/// Configuration of a Resolver.
struct ResolverOptions {
  ChannelOptions channel;  ///< Servers, timeout and tries.
  CacheLimits cache;       ///< Cache size and TTL policy.
  bool ipv6 = true;        ///< Whether resolveHost() also asks for AAAA.
  /// Time source for the cache; tests inject a manual clock. Default: steady_clock::now.
  std::function<Cache::Clock::time_point()> clock;
};

/// Looks names up without blocking the io_context it is bound to. Every callback runs on that
/// io_context's thread, always after the call returns (never inline), and is dropped if the
/// resolver is destroyed first. Identical lookups in flight share one query. Not thread-safe:
/// call it from the io_context's thread.
class Resolver {
 public:
  template <class Record>
  using Callback = std::function<void(Answer<Record>)>;

  explicit Resolver(boost::asio::io_context& io, ResolverOptions options = {});
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  /// Empty if usable; otherwise why the c-ares channel could not be set up (lookups then
  /// complete with Status::unavailable and this text).
  const std::string& initError() const { return channel_.initError(); }

  boost::asio::io_context& context() { return io_; }

  /// A records of `name`, with TTLs.
  void queryA(const std::string& name, Callback<AddressRecord> done);
  /// AAAA records of `name`, with TTLs.
  void queryAaaa(const std::string& name, Callback<AddressRecord> done);
  /// SRV records of `name` (e.g. "_sip._udp.example.com"), unordered, with TTLs.
  void querySrv(const std::string& name, Callback<SrvRecord> done);
  /// NAPTR records of `name`, unordered, with TTLs.
  void queryNaptr(const std::string& name, Callback<NaptrRecord> done);

  /// All addresses of a host: A then AAAA (if enabled), answer TTL the minimum of the records.
  /// A numeric IPv4/IPv6 literal (brackets allowed) answers without a query. ok if either
  /// family has addresses; otherwise unavailable if a query failed, else notFound/noData.
  void resolveHost(const std::string& name, Callback<AddressRecord> done);

  /// The shared cache (for inspection and flushing).
  Cache& cache() { return cache_; }
  /// Queries sent to the network so far.
  std::size_t queriesSent() const { return channel_.queriesSent(); }

 private:
  template <class Record>
  using Waiters = std::unordered_map<std::string, std::vector<Callback<Record>>>;

  template <class Record>
  void lookup(const std::string& name, RecordType type, Callback<Record> done);
  template <class Record>
  void complete(const std::string& name, RecordType type, int aresStatus,
                const std::vector<std::uint8_t>& reply);
  template <class Record>
  void post(Callback<Record> done, Answer<Record> answer);
  Cache::Clock::time_point now() const;

  boost::asio::io_context& io_;
  ResolverOptions options_;
  Cache cache_;
  std::tuple<Waiters<AddressRecord>, Waiters<SrvRecord>, Waiters<NaptrRecord>> inFlight_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  AresChannel channel_;  // last: destroyed first, before the state its completions use
};

}  // namespace sb::sip::dns
