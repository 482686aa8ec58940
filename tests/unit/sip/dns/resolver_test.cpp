// Resolver against an in-process fake DNS server on loopback: record types with TTLs, the
// cache (hits, expiry, negative entries, serve-stale), and the not-found/unavailable split.

#include <gtest/gtest.h>

#include "fake_dns_server.hpp"
#include "sip/dns/resolver.hpp"

namespace sb::sip::dns {
namespace {

using namespace std::chrono_literals;
using dnstest::aaaaRecord;
using dnstest::aRecord;
using dnstest::await;
using dnstest::FakeDnsServer;
using dnstest::naptrRecord;
using dnstest::soaRecord;
using dnstest::srvRecord;
using Mode = FakeDnsServer::Mode;

constexpr std::uint16_t kA = 1;
constexpr std::uint16_t kAaaa = 28;
constexpr std::uint16_t kSrv = 33;
constexpr std::uint16_t kNaptr = 35;

boost::asio::ip::address ip(const char* text) {
  return boost::asio::ip::make_address(text);
}

class DnsResolverTest : public ::testing::Test {
 protected:
  DnsResolverTest() : server_(io_) {}

  // Generous by default so a loaded machine cannot time out a query the fake server answers;
  // the tests about timeouts pass a short one.
  ResolverOptions options(std::chrono::milliseconds timeout = 1000ms) {
    ResolverOptions o;
    o.channel.servers = {server_.server()};
    o.channel.timeout = timeout;
    o.channel.tries = 1;
    o.clock = [this] { return now_; };
    return o;
  }

  AddressAnswer a(Resolver& r, const std::string& name) {
    return await<AddressAnswer>(io_, [&](auto cb) { r.queryA(name, cb); });
  }
  AddressAnswer host(Resolver& r, const std::string& name) {
    return await<AddressAnswer>(io_, [&](auto cb) { r.resolveHost(name, cb); });
  }

  boost::asio::io_context io_;
  FakeDnsServer server_;
  Cache::Clock::time_point now_ = Cache::Clock::time_point{} + 24h;
};

TEST_F(DnsResolverTest, QueriesEachRecordTypeWithTtls) {
  server_.records("host.test", kA, {aRecord("192.0.2.10", 300), aRecord("192.0.2.11", 200)});
  server_.records("host.test", kAaaa, {aaaaRecord("2001:db8::10", 150)});
  server_.records("_sip._udp.test", kSrv, {srvRecord(10, 20, 5062, "host.test", 90)});
  server_.records("test", kNaptr, {naptrRecord(5, 7, "s", "SIP+D2T", "_sip._tcp.test", 80)});
  Resolver resolver(io_, options());
  ASSERT_EQ(resolver.initError(), "");

  auto v4 = a(resolver, "host.test");
  ASSERT_EQ(v4.status, Status::ok) << v4.error;
  ASSERT_EQ(v4.records.size(), 2u);
  EXPECT_EQ(v4.records[0].address, ip("192.0.2.10"));
  EXPECT_EQ(v4.records[0].ttl, 300u);
  EXPECT_EQ(v4.ttl, 200u);

  auto v6 = await<AddressAnswer>(io_, [&](auto cb) { resolver.queryAaaa("host.test", cb); });
  ASSERT_EQ(v6.status, Status::ok) << v6.error;
  EXPECT_EQ(v6.records.at(0).address, ip("2001:db8::10"));
  EXPECT_EQ(v6.ttl, 150u);

  auto srv = await<SrvAnswer>(io_, [&](auto cb) { resolver.querySrv("_sip._udp.test", cb); });
  ASSERT_EQ(srv.status, Status::ok) << srv.error;
  ASSERT_EQ(srv.records.size(), 1u);
  EXPECT_EQ(srv.records[0].target, "host.test");
  EXPECT_EQ(srv.records[0].port, 5062);
  EXPECT_EQ(srv.records[0].priority, 10);
  EXPECT_EQ(srv.records[0].weight, 20);
  EXPECT_EQ(srv.records[0].ttl, 90u);

  auto naptr = await<NaptrAnswer>(io_, [&](auto cb) { resolver.queryNaptr("test", cb); });
  ASSERT_EQ(naptr.status, Status::ok) << naptr.error;
  ASSERT_EQ(naptr.records.size(), 1u);
  EXPECT_EQ(naptr.records[0].service, "SIP+D2T");
  EXPECT_EQ(naptr.records[0].replacement, "_sip._tcp.test");
  EXPECT_EQ(naptr.records[0].ttl, 80u);
  EXPECT_EQ(server_.total(), 4);
}

TEST_F(DnsResolverTest, CacheHitSendsNoSecondQueryAndAgesTtl) {
  server_.records("host.test", kA, {aRecord("192.0.2.10", 300)});
  Resolver resolver(io_, options());
  ASSERT_TRUE(a(resolver, "host.test").ok());
  now_ += 100s;
  auto again = a(resolver, "HOST.test.");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.ttl, 200u);
  EXPECT_EQ(server_.count("host.test", kA), 1);
  EXPECT_EQ(resolver.queriesSent(), 1u);
}

TEST_F(DnsResolverTest, ConcurrentLookupsShareOneQuery) {
  server_.records("host.test", kA, {aRecord("192.0.2.10", 300)});
  Resolver resolver(io_, options());
  int answered = 0;
  for (int i = 0; i < 3; ++i) {
    resolver.queryA("host.test", [&](AddressAnswer answer) { answered += answer.ok() ? 1 : 0; });
  }
  EXPECT_EQ(answered, 0);  // never inline
  dnstest::runUntil(io_, [&] { return answered == 3; });
  EXPECT_EQ(answered, 3);
  EXPECT_EQ(server_.count("host.test", kA), 1);
}

TEST_F(DnsResolverTest, ExpiredEntryIsQueriedAgain) {
  server_.records("host.test", kA, {aRecord("192.0.2.10", 60)});
  Resolver resolver(io_, options());
  ASSERT_TRUE(a(resolver, "host.test").ok());
  now_ += 59s;
  ASSERT_TRUE(a(resolver, "host.test").ok());
  EXPECT_EQ(server_.count("host.test", kA), 1);
  server_.records("host.test", kA, {aRecord("192.0.2.20", 60)});
  now_ += 1s;
  auto fresh = a(resolver, "host.test");
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh.records.at(0).address, ip("192.0.2.20"));
  EXPECT_EQ(fresh.ttl, 60u);
  EXPECT_EQ(server_.count("host.test", kA), 2);
}

TEST_F(DnsResolverTest, NxdomainIsNotFoundAndCachedBySoa) {
  server_.set("nx.test", kA, {Mode::nxdomain, {}, {soaRecord("test", 3600, 45)}});
  Resolver resolver(io_, options());
  auto first = a(resolver, "nx.test");
  EXPECT_EQ(first.status, Status::notFound);
  EXPECT_EQ(first.ttl, 45u);  // RFC 2308: min(SOA TTL, SOA MINIMUM)
  now_ += 44s;
  EXPECT_EQ(a(resolver, "nx.test").status, Status::notFound);
  EXPECT_EQ(server_.count("nx.test", kA), 1);
  now_ += 1s;
  EXPECT_EQ(a(resolver, "nx.test").status, Status::notFound);
  EXPECT_EQ(server_.count("nx.test", kA), 2);
}

TEST_F(DnsResolverTest, NoDataIsDistinctFromNotFoundAndCached) {
  server_.records("v4only.test", kA, {aRecord("192.0.2.1", 60)});
  Resolver resolver(io_, options());
  auto answer = await<AddressAnswer>(io_, [&](auto cb) { resolver.queryAaaa("v4only.test", cb); });
  EXPECT_EQ(answer.status, Status::noData);
  EXPECT_EQ(answer.ttl, 30u);  // no SOA: the default negative TTL
  await<AddressAnswer>(io_, [&](auto cb) { resolver.queryAaaa("v4only.test", cb); });
  EXPECT_EQ(server_.count("v4only.test", kAaaa), 1);
}

TEST_F(DnsResolverTest, ServfailIsUnavailableAndNotCached) {
  server_.mode("broken.test", kA, Mode::servfail);
  Resolver resolver(io_, options());
  auto answer = a(resolver, "broken.test");
  EXPECT_EQ(answer.status, Status::unavailable);
  EXPECT_EQ(answer.error.rfind("A broken.test: ", 0), 0u) << answer.error;
  EXPECT_EQ(a(resolver, "broken.test").status, Status::unavailable);
  EXPECT_EQ(server_.count("broken.test", kA), 2);
}

TEST_F(DnsResolverTest, TimeoutIsUnavailable) {
  server_.mode("silent.test", kA, Mode::drop);
  Resolver resolver(io_, options(100ms));
  auto started = std::chrono::steady_clock::now();
  auto answer = a(resolver, "silent.test");
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(answer.status, Status::unavailable);
  EXPECT_GE(took, 90ms);
  EXPECT_LT(took, 2s);
}

TEST_F(DnsResolverTest, StaleServedOnServfailThenHeld) {
  server_.records("host.test", kSrv, {srvRecord(1, 1, 5060, "a.test", 60)});
  Resolver resolver(io_, options());
  auto srv = [&] {
    return await<SrvAnswer>(io_, [&](auto cb) { resolver.querySrv("host.test", cb); });
  };
  ASSERT_TRUE(srv().ok());
  server_.mode("host.test", kSrv, Mode::servfail);
  now_ += 61s;
  auto stale = srv();
  ASSERT_EQ(stale.status, Status::ok);
  EXPECT_TRUE(stale.stale);
  EXPECT_EQ(stale.records.at(0).target, "a.test");
  EXPECT_EQ(server_.count("host.test", kSrv), 2);
  // Within the hold window the stale answer comes straight from the cache.
  now_ += 10s;
  EXPECT_TRUE(srv().stale);
  EXPECT_EQ(server_.count("host.test", kSrv), 2);
  // Backend healthy again after the window: fresh data replaces the stale entry.
  server_.records("host.test", kSrv, {srvRecord(1, 1, 5060, "b.test", 60)});
  now_ += 30s;
  auto fresh = srv();
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(fresh.stale);
  EXPECT_EQ(fresh.records.at(0).target, "b.test");
}

TEST_F(DnsResolverTest, StaleServedOnTimeout) {
  server_.records("host.test", kA, {aRecord("192.0.2.10", 60)});
  Resolver resolver(io_, options(100ms));
  ASSERT_TRUE(a(resolver, "host.test").ok());
  server_.mode("host.test", kA, Mode::drop);
  now_ += 120s;
  auto stale = a(resolver, "host.test");
  ASSERT_EQ(stale.status, Status::ok);
  EXPECT_TRUE(stale.stale);
  EXPECT_EQ(stale.records.at(0).address, ip("192.0.2.10"));
}

TEST_F(DnsResolverTest, NotFoundIsNotServedStale) {
  server_.records("gone.test", kA, {aRecord("192.0.2.10", 60)});
  Resolver resolver(io_, options());
  ASSERT_TRUE(a(resolver, "gone.test").ok());
  server_.set("gone.test", kA, {Mode::nxdomain, {}, {}});
  now_ += 61s;
  EXPECT_EQ(a(resolver, "gone.test").status, Status::notFound);
}

TEST_F(DnsResolverTest, ResolveHostMergesFamiliesWithMinimumTtl) {
  server_.records("dual.test", kA, {aRecord("192.0.2.1", 300)});
  server_.records("dual.test", kAaaa, {aaaaRecord("2001:db8::1", 100)});
  Resolver resolver(io_, options());
  auto answer = host(resolver, "dual.test");
  ASSERT_EQ(answer.status, Status::ok);
  ASSERT_EQ(answer.records.size(), 2u);
  EXPECT_EQ(answer.records[0].address, ip("192.0.2.1"));
  EXPECT_EQ(answer.records[1].address, ip("2001:db8::1"));
  EXPECT_EQ(answer.ttl, 100u);
  host(resolver, "dual.test");
  EXPECT_EQ(server_.total(), 2);  // second call fully cached
}

TEST_F(DnsResolverTest, ResolveHostStatuses) {
  server_.records("v4only.test", kA, {aRecord("192.0.2.1", 300)});
  server_.mode("half.test", kA, Mode::servfail);
  server_.records("half.test", kAaaa, {aaaaRecord("2001:db8::2", 60)});
  server_.mode("down.test", kA, Mode::servfail);
  server_.mode("down.test", kAaaa, Mode::servfail);
  Resolver resolver(io_, options());
  EXPECT_EQ(host(resolver, "v4only.test").status, Status::ok);
  EXPECT_EQ(host(resolver, "half.test").status, Status::ok);
  EXPECT_EQ(host(resolver, "nowhere.test").status, Status::notFound);
  EXPECT_EQ(host(resolver, "down.test").status, Status::unavailable);
}

TEST_F(DnsResolverTest, NumericHostsNeedNoQuery) {
  Resolver resolver(io_, options());
  auto v4 = host(resolver, "192.0.2.55");
  ASSERT_EQ(v4.status, Status::ok);
  EXPECT_EQ(v4.records.at(0).address, ip("192.0.2.55"));
  auto v6 = host(resolver, "[2001:db8::5]");
  ASSERT_EQ(v6.status, Status::ok);
  EXPECT_EQ(v6.records.at(0).address, ip("2001:db8::5"));
  EXPECT_EQ(server_.total(), 0);
}

TEST_F(DnsResolverTest, DefaultsComeFromResolvConf) {
  Resolver resolver(io_);  // no servers given: /etc/resolv.conf (no query is sent here)
  EXPECT_EQ(resolver.initError(), "");
}

TEST_F(DnsResolverTest, BadServerListIsReportedAsValue) {
  ResolverOptions o = options();
  o.channel.servers = {"not an address"};
  Resolver resolver(io_, o);
  EXPECT_NE(resolver.initError(), "");
  auto answer = a(resolver, "host.test");
  EXPECT_EQ(answer.status, Status::unavailable);
  EXPECT_EQ(answer.error, resolver.initError());
}

TEST_F(DnsResolverTest, DestroyingWithQueriesInFlightDropsCallbacks) {
  server_.mode("silent.test", kA, Mode::drop);
  bool called = false;
  {
    Resolver resolver(io_, options(100ms));
    resolver.queryA("silent.test", [&](AddressAnswer) { called = true; });
    dnstest::runUntil(io_, [&] { return server_.total() == 1; });
  }
  io_.run_for(150ms);
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace sb::sip::dns
