// DNS pieces that need no network: reply parsing and TTLs, the cache, SRV ordering and
// failover over a target list.

#include <gtest/gtest.h>

#include <map>

#include "sip/dns/cache.hpp"
#include "sip/dns/records.hpp"
#include "sip/dns/srv_order.hpp"
#include "sip/dns/target_cursor.hpp"
#include "sip/dns/wire.hpp"
#include "wire_builder.hpp"

namespace sb::sip::dns {
namespace {

using namespace std::chrono_literals;
using dnstest::aaaaRecord;
using dnstest::aRecord;
using dnstest::buildReply;
using dnstest::Bytes;
using dnstest::cnameRecord;
using dnstest::naptrRecord;
using dnstest::soaRecord;
using dnstest::srvRecord;

boost::asio::ip::address ip(const char* text) {
  return boost::asio::ip::make_address(text);
}

// --- parsing --------------------------------------------------------------------------------

TEST(DnsRecords, ParsesARecordsWithTtls) {
  Bytes reply =
      buildReply(1, "host.test", 1, 0, {aRecord("192.0.2.1", 300), aRecord("192.0.2.2", 60)});
  AddressAnswer answer = parseAddressReply(reply, RecordType::a);
  ASSERT_EQ(answer.status, Status::ok);
  ASSERT_EQ(answer.records.size(), 2u);
  EXPECT_EQ(answer.records[0].address, ip("192.0.2.1"));
  EXPECT_EQ(answer.records[0].ttl, 300u);
  EXPECT_EQ(answer.records[1].ttl, 60u);
  EXPECT_EQ(answer.ttl, 60u);
}

TEST(DnsRecords, ATtlIsClampedByCname) {
  auto a = aRecord("192.0.2.7", 600);
  a.owner = "real.test";
  Bytes reply = buildReply(1, "alias.test", 1, 0, {cnameRecord("real.test", 30), a});
  AddressAnswer answer = parseAddressReply(reply, RecordType::a);
  ASSERT_EQ(answer.status, Status::ok);
  ASSERT_EQ(answer.records.size(), 1u);
  EXPECT_EQ(answer.records[0].ttl, 30u);
}

TEST(DnsRecords, ParsesAaaaRecordsWithTtls) {
  Bytes reply = buildReply(1, "host.test", 28, 0, {aaaaRecord("2001:db8::1", 120)});
  AddressAnswer answer = parseAddressReply(reply, RecordType::aaaa);
  ASSERT_EQ(answer.status, Status::ok);
  ASSERT_EQ(answer.records.size(), 1u);
  EXPECT_EQ(answer.records[0].address, ip("2001:db8::1"));
  EXPECT_EQ(answer.ttl, 120u);
}

TEST(DnsRecords, ParsesSrvWithPerRecordTtls) {
  Bytes reply =
      buildReply(1, "_sip._udp.test", 33, 0,
                 {srvRecord(10, 60, 5060, "a.test", 100), srvRecord(20, 0, 5070, "b.test", 40)});
  SrvAnswer answer = parseSrvReply(reply);
  ASSERT_EQ(answer.status, Status::ok);
  ASSERT_EQ(answer.records.size(), 2u);
  EXPECT_EQ(answer.records[0].priority, 10);
  EXPECT_EQ(answer.records[0].weight, 60);
  EXPECT_EQ(answer.records[0].port, 5060);
  EXPECT_EQ(answer.records[0].target, "a.test");
  EXPECT_EQ(answer.records[0].ttl, 100u);
  EXPECT_EQ(answer.records[1].target, "b.test");
  EXPECT_EQ(answer.records[1].ttl, 40u);
  EXPECT_EQ(answer.ttl, 40u);
}

TEST(DnsRecords, ParsesNaptrWithPerRecordTtls) {
  Bytes reply = buildReply(1, "test", 35, 0,
                           {naptrRecord(10, 50, "s", "SIP+D2U", "_sip._udp.test", 900),
                            naptrRecord(20, 50, "S", "SIPS+D2T", "_sips._tcp.test", 800)});
  NaptrAnswer answer = parseNaptrReply(reply);
  ASSERT_EQ(answer.status, Status::ok);
  ASSERT_EQ(answer.records.size(), 2u);
  EXPECT_EQ(answer.records[0].order, 10);
  EXPECT_EQ(answer.records[0].preference, 50);
  EXPECT_EQ(answer.records[0].flags, "s");
  EXPECT_EQ(answer.records[0].service, "SIP+D2U");
  EXPECT_EQ(answer.records[0].replacement, "_sip._udp.test");
  EXPECT_EQ(answer.records[0].ttl, 900u);
  EXPECT_EQ(answer.records[1].ttl, 800u);
  EXPECT_EQ(answer.ttl, 800u);
}

TEST(DnsRecords, EmptyAnswerIsNoData) {
  Bytes reply = buildReply(1, "test", 33, 0, {});
  EXPECT_EQ(parseSrvReply(reply).status, Status::noData);
}

TEST(DnsRecords, NegativeTtlComesFromSoa) {
  Bytes reply = buildReply(1, "nx.test", 1, 3, {}, {soaRecord("test", 900, 120)});
  EXPECT_EQ(negativeTtlOf(reply), 120u);
  Bytes shorter = buildReply(1, "nx.test", 1, 3, {}, {soaRecord("test", 45, 120)});
  EXPECT_EQ(negativeTtlOf(shorter), 45u);
  EXPECT_EQ(negativeTtlOf(buildReply(1, "nx.test", 1, 3, {})), std::nullopt);
}

TEST(DnsWire, TruncatedRepliesNeverReadOutOfBounds) {
  Bytes reply = buildReply(7, "_sip._udp.test", 33, 0, {srvRecord(1, 1, 5060, "a.test", 10)},
                           {soaRecord("test", 1, 1)});
  ASSERT_TRUE(inspectReply(reply, 33).has_value());
  for (std::size_t size = 0; size < reply.size(); ++size) {
    Bytes cut(reply.begin(), reply.begin() + static_cast<std::ptrdiff_t>(size));
    EXPECT_FALSE(inspectReply(cut, 33).has_value()) << size;
    EXPECT_NE(parseSrvReply(cut).status, Status::ok) << size;
  }
  Bytes bad = reply;
  bad[12] = 0x80;  // reserved label type
  EXPECT_FALSE(inspectReply(bad, 33).has_value());
}

TEST(DnsWire, TopBitTtlCountsAsZero) {
  Bytes reply =
      buildReply(1, "_sip._udp.test", 33, 0, {srvRecord(1, 1, 5060, "a.test", 0x80000001u)});
  auto info = inspectReply(reply, 33);
  ASSERT_TRUE(info);
  ASSERT_EQ(info->answerTtls.size(), 1u);
  EXPECT_EQ(info->answerTtls[0], 0u);
}

// --- cache ----------------------------------------------------------------------------------

AddressAnswer addresses(std::uint32_t ttl, const char* address = "192.0.2.1") {
  AddressAnswer answer;
  answer.status = Status::ok;
  answer.ttl = ttl;
  answer.records.push_back({ip(address), ttl});
  return answer;
}

TEST(DnsCache, FreshHitAgesTtlsAndExpires) {
  Cache cache;
  auto t0 = Cache::Clock::time_point{} + 1h;
  cache.store("Host.Test.", RecordType::a, addresses(60), t0);
  auto hit = cache.find<AddressRecord>("host.test", RecordType::a, t0 + 20s);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->ttl, 40u);
  EXPECT_EQ(hit->records[0].ttl, 40u);
  EXPECT_FALSE(hit->stale);
  EXPECT_FALSE(cache.find<AddressRecord>("host.test", RecordType::aaaa, t0));
  EXPECT_FALSE(cache.find<SrvRecord>("host.test", RecordType::a, t0));  // wrong record kind
  EXPECT_FALSE(cache.find<AddressRecord>("host.test", RecordType::a, t0 + 60s));
}

TEST(DnsCache, NegativeEntriesAreCachedAndFailuresAreNot) {
  Cache cache;
  auto t0 = Cache::Clock::time_point{} + 1h;
  AddressAnswer nx;
  nx.status = Status::notFound;
  nx.ttl = cache.negativeTtl(30);
  cache.store("nx.test", RecordType::a, nx, t0);
  auto hit = cache.find<AddressRecord>("nx.test", RecordType::a, t0 + 10s);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->status, Status::notFound);
  EXPECT_EQ(hit->ttl, 20u);
  AddressAnswer failed;
  failed.status = Status::unavailable;
  cache.store("down.test", RecordType::a, failed, t0);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(DnsCache, CapsTtls) {
  CacheLimits limits;
  limits.maxTtl = 100;
  limits.maxNegativeTtl = 10;
  Cache cache(limits);
  auto t0 = Cache::Clock::time_point{} + 1h;
  cache.store("a.test", RecordType::a, addresses(100000), t0);
  EXPECT_TRUE(cache.find<AddressRecord>("a.test", RecordType::a, t0 + 99s));
  EXPECT_FALSE(cache.find<AddressRecord>("a.test", RecordType::a, t0 + 100s));
  EXPECT_EQ(cache.negativeTtl(std::nullopt), 10u);
  EXPECT_EQ(cache.negativeTtl(5), 5u);
}

TEST(DnsCache, StaleIsServedOnlyAfterAFailureAndWithinLimits) {
  CacheLimits limits;
  limits.maxStale = 600;
  limits.staleHold = 30;
  Cache cache(limits);
  auto t0 = Cache::Clock::time_point{} + 1h;
  cache.store("a.test", RecordType::a, addresses(60), t0);
  auto expired = t0 + 61s;
  EXPECT_FALSE(cache.find<AddressRecord>("a.test", RecordType::a, expired));
  auto stale = cache.findStale<AddressRecord>("a.test", RecordType::a, expired);
  ASSERT_TRUE(stale);
  EXPECT_TRUE(stale->stale);
  EXPECT_EQ(stale->ttl, 30u);
  EXPECT_EQ(stale->records[0].ttl, 30u);
  // The hold window answers without a query, then lapses.
  auto held = cache.find<AddressRecord>("a.test", RecordType::a, expired + 10s);
  ASSERT_TRUE(held);
  EXPECT_TRUE(held->stale);
  EXPECT_EQ(held->ttl, 20u);
  EXPECT_FALSE(cache.find<AddressRecord>("a.test", RecordType::a, expired + 30s));
  EXPECT_FALSE(cache.findStale<AddressRecord>("a.test", RecordType::a, t0 + 60s + 600s));
}

TEST(DnsCache, EvictsLeastRecentlyUsed) {
  CacheLimits limits;
  limits.maxEntries = 2;
  Cache cache(limits);
  auto t0 = Cache::Clock::time_point{} + 1h;
  cache.store("a.test", RecordType::a, addresses(60), t0);
  cache.store("b.test", RecordType::a, addresses(60), t0);
  EXPECT_TRUE(cache.find<AddressRecord>("a.test", RecordType::a, t0));  // a is now recent
  cache.store("c.test", RecordType::a, addresses(60), t0);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_TRUE(cache.find<AddressRecord>("a.test", RecordType::a, t0));
  EXPECT_FALSE(cache.find<AddressRecord>("b.test", RecordType::a, t0));
  EXPECT_TRUE(cache.find<AddressRecord>("c.test", RecordType::a, t0));
}

// --- SRV ordering ---------------------------------------------------------------------------

SrvRecord srv(std::uint16_t priority, std::uint16_t weight, const char* target) {
  return {priority, weight, 5060, target, 60};
}

std::vector<std::string> targetsOf(const std::vector<SrvRecord>& records) {
  std::vector<std::string> out;
  for (const auto& r : records)
    out.push_back(r.target);
  return out;
}

TEST(DnsSrvOrder, PriorityFirstThenWeightedChoice) {
  std::vector<SrvRecord> records{srv(20, 0, "backup"), srv(10, 10, "light"), srv(10, 90, "heavy"),
                                 srv(10, 0, "zero"), srv(0, 0, ".")};
  std::vector<std::uint32_t> picks;
  // Running sums for priority 10 after zero-weight first: zero=0, light=10, heavy=100.
  // pick 50 -> heavy; then zero=0, light=10: pick 5 -> light; then zero.
  std::vector<std::uint32_t> script{50, 5, 0, 0};
  std::size_t next = 0;
  RandomSource random = [&](std::uint32_t upper) {
    picks.push_back(upper);
    return script[next++];
  };
  auto ordered = orderSrv(records, random);
  EXPECT_EQ(targetsOf(ordered), (std::vector<std::string>{"heavy", "light", "zero", "backup"}));
  EXPECT_EQ(picks, (std::vector<std::uint32_t>{100, 10, 0, 0}));
}

TEST(DnsSrvOrder, ZeroPickChoosesZeroWeightFirst) {
  std::vector<SrvRecord> records{srv(1, 5, "five"), srv(1, 0, "zero")};
  auto ordered = orderSrv(records, [](std::uint32_t) { return 0u; });
  EXPECT_EQ(targetsOf(ordered), (std::vector<std::string>{"zero", "five"}));
}

TEST(DnsSrvOrder, WeightDistributionFollowsWeights) {
  std::vector<SrvRecord> records{srv(1, 10, "a"), srv(1, 30, "b"), srv(1, 60, "c")};
  // Sweep every value the RFC 2782 draw can take: first choice frequencies are exact.
  std::map<std::string, int> firsts;
  for (std::uint32_t value = 0; value <= 100; ++value) {
    bool first = true;
    auto ordered = orderSrv(records, [&](std::uint32_t upper) {
      std::uint32_t v = first ? value : upper;
      first = false;
      return v;
    });
    ASSERT_EQ(ordered.size(), 3u);
    ++firsts[ordered.front().target];
  }
  EXPECT_EQ(firsts["a"], 11);  // 0..10
  EXPECT_EQ(firsts["b"], 30);  // 11..40
  EXPECT_EQ(firsts["c"], 60);  // 41..100

  // And with the real generator the proportions hold roughly.
  RandomSource random = defaultRandomSource();
  std::map<std::string, int> counts;
  for (int i = 0; i < 4000; ++i)
    ++counts[orderSrv(records, random).front().target];
  EXPECT_NEAR(counts["c"] / 4000.0, 0.6, 0.06);
  EXPECT_NEAR(counts["a"] / 4000.0, 0.1, 0.04);
}

// --- failover -------------------------------------------------------------------------------

Target target(Transport transport, const char* address, std::uint16_t port) {
  return {transport, ip(address), port, "h.test"};
}

TEST(DnsTargetCursor, WalksOnFailureAndSkipsCondemnedEndpoints) {
  TargetCursor cursor(
      {target(Transport::udp, "192.0.2.1", 5060), target(Transport::udp, "192.0.2.1", 5070),
       target(Transport::tcp, "192.0.2.1", 5060), target(Transport::udp, "192.0.2.2", 5060),
       target(Transport::udp, "192.0.2.2", 5080), target(Transport::udp, "192.0.2.3", 5060)});
  ASSERT_NE(cursor.current(), nullptr);
  EXPECT_EQ(cursor.current()->port, 5060);
  // Timeout: the host is gone for UDP, so 192.0.2.1:5070/UDP is skipped; TCP is still tried.
  const Target* next = cursor.next(Failure::timeout);
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->transport, Transport::tcp);
  next = cursor.next(Failure::transportError);
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(*next, target(Transport::udp, "192.0.2.2", 5060));
  // 503: only that endpoint; the other port on the same host is still worth a try.
  next = cursor.next(Failure::serviceUnavailable);
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(*next, target(Transport::udp, "192.0.2.2", 5080));
  next = cursor.next(Failure::serviceUnavailable);
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->address, ip("192.0.2.3"));
  EXPECT_EQ(cursor.next(Failure::timeout), nullptr);
  EXPECT_TRUE(cursor.exhausted());
  EXPECT_EQ(cursor.next(Failure::timeout), nullptr);
}

TEST(DnsTargetCursor, EmptyListIsExhausted) {
  TargetCursor cursor;
  EXPECT_TRUE(cursor.exhausted());
  EXPECT_EQ(cursor.next(Failure::timeout), nullptr);
}

}  // namespace
}  // namespace sb::sip::dns
