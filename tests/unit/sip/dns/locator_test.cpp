// RFC 3263 server location against the fake DNS server: NAPTR -> SRV -> A/AAAA chains and
// their fallbacks, explicit port/transport, sips, IP literals and failover order.

#include <gtest/gtest.h>

#include "fake_dns_server.hpp"
#include "sip/dns/locator.hpp"
#include "sip/dns/target_cursor.hpp"

namespace sb::sip::dns {
namespace {

using namespace std::chrono_literals;
using dnstest::aaaaRecord;
using dnstest::aRecord;
using dnstest::await;
using dnstest::FakeDnsServer;
using dnstest::naptrRecord;
using dnstest::srvRecord;
using Mode = FakeDnsServer::Mode;

constexpr std::uint16_t kA = 1;
constexpr std::uint16_t kAaaa = 28;
constexpr std::uint16_t kSrv = 33;
constexpr std::uint16_t kNaptr = 35;

/// "UDP 192.0.2.1:5060" strings make whole lists easy to compare.
std::vector<std::string> describe(const TargetList& list) {
  std::vector<std::string> out;
  for (const Target& t : list.targets) {
    std::string address = t.address.to_string();
    if (t.address.is_v6())
      address = "[" + address + "]";
    out.push_back(std::string(toString(t.transport)) + " " + address + ":" +
                  std::to_string(t.port));
  }
  return out;
}

using Strings = std::vector<std::string>;

class DnsLocatorTest : public ::testing::Test {
 protected:
  DnsLocatorTest() : server_(io_) { recreate(1000ms); }

  /// A fresh resolver and locator; a short timeout for the tests where the server is silent.
  void recreate(std::chrono::milliseconds timeout) {
    locator_.reset();
    resolver_.reset();
    ResolverOptions options;
    options.channel.servers = {server_.server()};
    options.channel.timeout = timeout;
    options.channel.tries = 1;
    options.clock = [this] { return now_; };
    resolver_ = std::make_unique<Resolver>(io_, options);
    // Always pick the top of the running sum: the last record of each priority comes first.
    locator_ = std::make_unique<Locator>(*resolver_, [](std::uint32_t upper) { return upper; });
  }

  TargetList locate(LocateRequest request) {
    return await<TargetList>(io_, [&](auto cb) { locator_->locate(std::move(request), cb); });
  }

  static LocateRequest uri(std::string host) {
    LocateRequest request;
    request.host = std::move(host);
    return request;
  }

  boost::asio::io_context io_;
  FakeDnsServer server_;
  Cache::Clock::time_point now_ = Cache::Clock::time_point{} + 24h;
  std::unique_ptr<Resolver> resolver_;
  std::unique_ptr<Locator> locator_;
};

TEST_F(DnsLocatorTest, NaptrThenSrvThenAddresses) {
  server_.records("example.test", kNaptr,
                  {naptrRecord(20, 10, "s", "SIP+D2U", "_sip._udp.example.test", 300),
                   naptrRecord(10, 10, "s", "SIP+D2T", "_sip._tcp.example.test", 300),
                   naptrRecord(10, 5, "s", "SIP+D2S", "_sip._sctp.example.test", 300),
                   naptrRecord(5, 5, "u", "E2U+sip", "!^.*$!sip:x@y!", 300)});
  server_.records("_sip._tcp.example.test", kSrv,
                  {srvRecord(10, 0, 5070, "tcp.example.test", 120)});
  server_.records("_sip._udp.example.test", kSrv,
                  {srvRecord(10, 0, 5060, "udp.example.test", 200)});
  server_.records("tcp.example.test", kA, {aRecord("192.0.2.1", 60)});
  server_.records("tcp.example.test", kAaaa, {aaaaRecord("2001:db8::1", 600)});
  server_.records("udp.example.test", kA, {aRecord("192.0.2.2", 600)});

  TargetList list = locate(uri("example.test"));
  ASSERT_EQ(list.status, Status::ok) << list.error;
  EXPECT_EQ(describe(list),
            (Strings{"TCP 192.0.2.1:5070", "TCP [2001:db8::1]:5070", "UDP 192.0.2.2:5060"}));
  EXPECT_EQ(list.targets[0].hostname, "tcp.example.test");
  EXPECT_EQ(list.ttl, 60u);
  EXPECT_FALSE(list.stale);
  EXPECT_EQ(server_.count("_sip._sctp.example.test", kSrv), 0);  // unsupported: not queried
}

TEST_F(DnsLocatorTest, NaptrKeepsOnlySupportedTransports) {
  server_.records("example.test", kNaptr,
                  {naptrRecord(10, 10, "s", "SIP+D2T", "_sip._tcp.example.test", 300),
                   naptrRecord(20, 10, "s", "SIP+D2U", "_sip._udp.example.test", 300)});
  server_.records("_sip._tcp.example.test", kSrv, {srvRecord(10, 0, 5070, "h.example.test", 120)});
  server_.records("_sip._udp.example.test", kSrv, {srvRecord(10, 0, 5060, "h.example.test", 120)});
  server_.records("h.example.test", kA, {aRecord("192.0.2.1", 60)});
  LocateRequest request = uri("example.test");
  request.supported = {Transport::udp};
  TargetList list = locate(request);
  ASSERT_EQ(list.status, Status::ok) << list.error;
  EXPECT_EQ(describe(list), (Strings{"UDP 192.0.2.1:5060"}));
  EXPECT_EQ(server_.count("_sip._tcp.example.test", kSrv), 0);
}

TEST_F(DnsLocatorTest, SrvWithoutNaptrInTransportOrder) {
  server_.records("example.test", kA, {aRecord("192.0.2.99", 60)});  // exists, no NAPTR
  server_.records("_sips._tcp.example.test", kSrv, {srvRecord(1, 0, 5061, "tls.example.test", 60)});
  server_.records("_sip._udp.example.test", kSrv, {srvRecord(1, 0, 5060, "udp.example.test", 60)});
  server_.records("tls.example.test", kA, {aRecord("192.0.2.3", 60)});
  server_.records("udp.example.test", kA, {aRecord("192.0.2.2", 60)});
  TargetList list = locate(uri("example.test"));
  ASSERT_EQ(list.status, Status::ok) << list.error;
  EXPECT_EQ(describe(list), (Strings{"UDP 192.0.2.2:5060", "TLS 192.0.2.3:5061"}));
  EXPECT_EQ(server_.count("example.test", kNaptr), 1);
  EXPECT_EQ(server_.count("_sip._tcp.example.test", kSrv), 1);
}

TEST_F(DnsLocatorTest, FallsBackToAddressRecords) {
  server_.records("plain.test", kA, {aRecord("192.0.2.7", 60)});
  server_.records("plain.test", kAaaa, {aaaaRecord("2001:db8::7", 60)});
  TargetList list = locate(uri("plain.test"));
  ASSERT_EQ(list.status, Status::ok) << list.error;
  EXPECT_EQ(describe(list), (Strings{"UDP 192.0.2.7:5060", "UDP [2001:db8::7]:5060"}));
  EXPECT_EQ(list.targets[0].hostname, "plain.test");
}

TEST_F(DnsLocatorTest, UnusableNaptrFallsBackToSrvThenAddresses) {
  // NAPTR only for SCTP (unsupported), and a NAPTR whose SRV set is empty.
  server_.records("sctp.test", kNaptr,
                  {naptrRecord(1, 1, "s", "SIP+D2S", "_sip._sctp.sctp.test", 60)});
  server_.records("_sip._tcp.sctp.test", kSrv, {srvRecord(1, 0, 5090, "h.sctp.test", 60)});
  server_.records("h.sctp.test", kA, {aRecord("192.0.2.40", 60)});
  EXPECT_EQ(describe(locate(uri("sctp.test"))), (Strings{"TCP 192.0.2.40:5090"}));

  server_.records("empty.test", kNaptr,
                  {naptrRecord(1, 1, "s", "SIP+D2U", "_sip._udp.empty.test", 60)});
  server_.records("empty.test", kA, {aRecord("192.0.2.41", 60)});
  EXPECT_EQ(describe(locate(uri("empty.test"))), (Strings{"UDP 192.0.2.41:5060"}));
  EXPECT_EQ(server_.count("_sips._tcp.empty.test", kSrv), 1);
}

TEST_F(DnsLocatorTest, SipsUsesTlsOnly) {
  server_.records("secure.test", kNaptr,
                  {naptrRecord(10, 10, "s", "SIP+D2U", "_sip._udp.secure.test", 300),
                   naptrRecord(20, 10, "s", "SIPS+D2T", "_sips._tcp.secure.test", 300)});
  server_.records("_sips._tcp.secure.test", kSrv, {srvRecord(1, 0, 5081, "tls.secure.test", 60)});
  server_.records("tls.secure.test", kA, {aRecord("192.0.2.4", 60)});
  server_.records("plain.test", kA, {aRecord("192.0.2.5", 60)});

  LocateRequest request = uri("secure.test");
  request.secure = true;
  TargetList list = locate(request);
  ASSERT_EQ(list.status, Status::ok) << list.error;
  EXPECT_EQ(describe(list), (Strings{"TLS 192.0.2.4:5081"}));
  EXPECT_EQ(server_.count("_sip._udp.secure.test", kSrv), 0);

  LocateRequest plain = uri("plain.test");  // no NAPTR, no SRV: A record on 5061
  plain.secure = true;
  list = locate(plain);
  ASSERT_EQ(list.status, Status::ok) << list.error;
  EXPECT_EQ(describe(list), (Strings{"TLS 192.0.2.5:5061"}));
  EXPECT_EQ(server_.count("_sip._udp.plain.test", kSrv), 0);
  EXPECT_EQ(server_.count("_sips._tcp.plain.test", kSrv), 1);
}

TEST_F(DnsLocatorTest, PortGivenSkipsNaptrAndSrv) {
  server_.records("host.test", kA, {aRecord("192.0.2.8", 60)});
  LocateRequest request = uri("host.test");
  request.port = 5099;
  TargetList list = locate(request);
  ASSERT_EQ(list.status, Status::ok) << list.error;
  EXPECT_EQ(describe(list), (Strings{"UDP 192.0.2.8:5099"}));
  request.transport = Transport::tcp;
  EXPECT_EQ(describe(locate(request)), (Strings{"TCP 192.0.2.8:5099"}));
  EXPECT_EQ(server_.count("host.test", kNaptr), 0);
  EXPECT_EQ(server_.count("_sip._udp.host.test", kSrv), 0);
  EXPECT_EQ(server_.count("_sip._tcp.host.test", kSrv), 0);
}

TEST_F(DnsLocatorTest, TransportParamQueriesThatSrvOnly) {
  server_.records("trunk.test", kNaptr,
                  {naptrRecord(1, 1, "s", "SIP+D2U", "_sip._udp.trunk.test", 60)});
  server_.records("_sip._tcp.trunk.test", kSrv, {srvRecord(1, 0, 5080, "edge.trunk.test", 60)});
  server_.records("edge.trunk.test", kA, {aRecord("192.0.2.9", 60)});
  server_.records("other.test", kA, {aRecord("192.0.2.10", 60)});
  LocateRequest request = uri("trunk.test");
  request.transport = Transport::tcp;
  TargetList list = locate(request);
  ASSERT_EQ(list.status, Status::ok) << list.error;
  EXPECT_EQ(describe(list), (Strings{"TCP 192.0.2.9:5080"}));
  EXPECT_EQ(server_.count("trunk.test", kNaptr), 0);

  // No SRV for that transport: its default port on the A records.
  LocateRequest other = uri("other.test");
  other.transport = Transport::tls;
  EXPECT_EQ(describe(locate(other)), (Strings{"TLS 192.0.2.10:5061"}));
  // sips with transport=tcp means TLS.
  other.transport = Transport::tcp;
  other.secure = true;
  EXPECT_EQ(describe(locate(other)), (Strings{"TLS 192.0.2.10:5061"}));
}

TEST_F(DnsLocatorTest, SrvPriorityAndWeightOrder) {
  server_.records("_sip._udp.pool.test", kSrv,
                  {srvRecord(20, 50, 5060, "backup.pool.test", 60),
                   srvRecord(10, 10, 5060, "small.pool.test", 60),
                   srvRecord(10, 90, 5060, "big.pool.test", 60)});
  server_.records("backup.pool.test", kA, {aRecord("192.0.2.30", 60)});
  server_.records("small.pool.test", kA, {aRecord("192.0.2.10", 60)});
  server_.records("big.pool.test", kA, {aRecord("192.0.2.20", 60)});
  LocateRequest request = uri("pool.test");
  request.transport = Transport::udp;
  // The injected source returns the upper bound: the last record in the running sum wins.
  EXPECT_EQ(describe(locate(request)),
            (Strings{"UDP 192.0.2.20:5060", "UDP 192.0.2.10:5060", "UDP 192.0.2.30:5060"}));

  Locator lowPicks(*resolver_, [](std::uint32_t) { return 0u; });
  auto list = await<TargetList>(io_, [&](auto cb) { lowPicks.locate(request, cb); });
  EXPECT_EQ(describe(list),
            (Strings{"UDP 192.0.2.10:5060", "UDP 192.0.2.20:5060", "UDP 192.0.2.30:5060"}));
}

TEST_F(DnsLocatorTest, IpLiteralsNeedNoQuery) {
  EXPECT_EQ(describe(locate(uri("192.0.2.1"))), (Strings{"UDP 192.0.2.1:5060"}));
  LocateRequest v6 = uri("[2001:db8::1]");
  v6.port = 5070;
  v6.transport = Transport::tcp;
  EXPECT_EQ(describe(locate(v6)), (Strings{"TCP [2001:db8::1]:5070"}));
  LocateRequest secure = uri("192.0.2.1");
  secure.secure = true;
  EXPECT_EQ(describe(locate(secure)), (Strings{"TLS 192.0.2.1:5061"}));
  EXPECT_EQ(server_.total(), 0);
}

TEST_F(DnsLocatorTest, NotFoundAndUnavailableAreDistinct) {
  TargetList missing = locate(uri("missing.test"));
  EXPECT_EQ(missing.status, Status::notFound);
  EXPECT_TRUE(missing.targets.empty());
  EXPECT_EQ(server_.total(), 1);  // NXDOMAIN on NAPTR ends the search (RFC 8020)

  recreate(150ms);
  server_.mode("down.test", kNaptr, Mode::servfail);
  server_.mode("_sip._udp.down.test", kSrv, Mode::drop);
  server_.mode("_sip._tcp.down.test", kSrv, Mode::drop);
  server_.mode("_sips._tcp.down.test", kSrv, Mode::drop);
  TargetList down = locate(uri("down.test"));
  EXPECT_EQ(down.status, Status::unavailable);
  EXPECT_FALSE(down.error.empty());
}

TEST_F(DnsLocatorTest, InvalidRequests) {
  LocateRequest udpSips = uri("host.test");
  udpSips.secure = true;
  udpSips.transport = Transport::udp;
  EXPECT_EQ(locate(udpSips).status, Status::invalid);
  LocateRequest unsupported = uri("host.test");
  unsupported.transport = Transport::tls;
  unsupported.supported = {Transport::udp};
  EXPECT_EQ(locate(unsupported).status, Status::invalid);
  EXPECT_EQ(locate(uri("")).status, Status::invalid);
}

TEST_F(DnsLocatorTest, FailoverWalksTheLocatedList) {
  server_.records(
      "_sip._udp.ha.test", kSrv,
      {srvRecord(1, 0, 5060, "one.ha.test", 60), srvRecord(2, 0, 5060, "two.ha.test", 60),
       srvRecord(3, 0, 5060, "three.ha.test", 60)});
  server_.records("one.ha.test", kA, {aRecord("192.0.2.1", 60)});
  server_.records("two.ha.test", kA, {aRecord("192.0.2.2", 60)});
  server_.records("three.ha.test", kA, {aRecord("192.0.2.3", 60)});
  LocateRequest request = uri("ha.test");
  request.transport = Transport::udp;
  TargetList list = locate(request);
  ASSERT_EQ(list.targets.size(), 3u);
  TargetCursor cursor(list.targets);
  EXPECT_EQ(cursor.current()->hostname, "one.ha.test");
  EXPECT_EQ(cursor.next(Failure::timeout)->hostname, "two.ha.test");
  EXPECT_EQ(cursor.next(Failure::serviceUnavailable)->hostname, "three.ha.test");
  EXPECT_EQ(cursor.next(Failure::transportError), nullptr);
}

TEST_F(DnsLocatorTest, CachedSecondLocateSendsNoQueries) {
  server_.records("example.test", kNaptr,
                  {naptrRecord(1, 1, "s", "SIP+D2U", "_sip._udp.example.test", 300)});
  server_.records("_sip._udp.example.test", kSrv, {srvRecord(1, 0, 5060, "h.example.test", 300)});
  server_.records("h.example.test", kA, {aRecord("192.0.2.1", 300)});
  ASSERT_EQ(locate(uri("example.test")).status, Status::ok);
  int queries = server_.total();
  EXPECT_EQ(locate(uri("example.test")).status, Status::ok);
  EXPECT_EQ(server_.total(), queries);
}

TEST_F(DnsLocatorTest, StaleRecordsKeepTargetsDuringAnOutage) {
  server_.records("example.test", kNaptr,
                  {naptrRecord(1, 1, "s", "SIP+D2U", "_sip._udp.example.test", 300)});
  server_.records("_sip._udp.example.test", kSrv, {srvRecord(1, 0, 5060, "h.example.test", 60)});
  server_.records("h.example.test", kA, {aRecord("192.0.2.1", 60)});
  recreate(150ms);
  ASSERT_EQ(locate(uri("example.test")).status, Status::ok);
  server_.mode("_sip._udp.example.test", kSrv, Mode::servfail);
  server_.mode("h.example.test", kA, Mode::drop);
  server_.mode("h.example.test", kAaaa, Mode::servfail);
  now_ += 120s;
  TargetList list = locate(uri("example.test"));
  ASSERT_EQ(list.status, Status::ok) << list.error;
  EXPECT_TRUE(list.stale);
  EXPECT_EQ(describe(list), (Strings{"UDP 192.0.2.1:5060"}));
  EXPECT_EQ(list.ttl, 30u);  // stale records carry the hold time
}

}  // namespace
}  // namespace sb::sip::dns
