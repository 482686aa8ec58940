#include "sip/dns/locator.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cctype>
#include <limits>
#include <memory>

namespace sb::sip::dns {

namespace {

std::string lower(std::string_view text) {
  std::string out;
  for (char c : text)
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// NAPTR service field to transport (RFC 3263 section 4.1); nullopt for anything else.
std::optional<Transport> naptrTransport(std::string_view service) {
  std::string s = lower(service);
  if (s == "sip+d2u")
    return Transport::udp;
  if (s == "sip+d2t")
    return Transport::tcp;
  if (s == "sips+d2t")
    return Transport::tls;
  return std::nullopt;
}

struct SrvQuery {
  Transport transport;
  std::string name;
};

struct HostQuery {
  Transport transport;
  std::string host;
  std::uint16_t port;
};

/// Runs `count` lookups in parallel and hands their answers, in issue order, to `then`.
template <class Record, class Issue, class Then>
void gather(std::size_t count, Issue issue, Then then) {
  struct State {
    std::vector<Answer<Record>> answers;
    std::size_t pending;
    Then then;
  };
  auto state =
      std::make_shared<State>(State{std::vector<Answer<Record>>(count), count, std::move(then)});
  if (count == 0) {
    state->then(std::move(state->answers));
    return;
  }
  for (std::size_t i = 0; i < count; ++i) {
    issue(i, [state, i](Answer<Record> answer) {
      state->answers[i] = std::move(answer);
      if (--state->pending == 0)
        state->then(std::move(state->answers));
    });
  }
}

/// One locate() in progress. Holds itself alive through the callbacks it hands out.
class Job : public std::enable_shared_from_this<Job> {
 public:
  Job(Resolver& resolver, RandomSource random, LocateRequest request,
      std::function<void(TargetList)> done)
      : resolver_(resolver),
        random_(std::move(random)),
        request_(std::move(request)),
        done_(std::move(done)) {}

  void start();

 private:
  std::vector<Transport> usable() const;
  bool supports(Transport transport) const;
  Transport addressTransport() const;
  std::vector<SrvQuery> defaultSrvQueries() const;
  void onNaptr(const NaptrAnswer& answer);
  void lookupSrv(std::vector<SrvQuery> queries, bool fromNaptr);
  void lookupHosts(std::vector<HostQuery> hosts);
  template <class Record>
  void note(const Answer<Record>& answer);
  void fail(Status status, std::string error);
  void finish();

  Resolver& resolver_;
  RandomSource random_;
  LocateRequest request_;
  std::function<void(TargetList)> done_;
  TargetList result_;
  std::uint32_t minTtl_ = std::numeric_limits<std::uint32_t>::max();
  bool sawUnavailable_ = false;
  Status negative_ = Status::notFound;
  bool deferDone_ = false;  ///< True when finishing from inside locate() itself.
};

std::vector<Transport> Job::usable() const {
  std::vector<Transport> out;
  for (Transport t : request_.supported) {
    if (request_.secure && t != Transport::tls)
      continue;  // sips: TLS only
    if (std::find(out.begin(), out.end(), t) == out.end())
      out.push_back(t);
  }
  return out;
}

bool Job::supports(Transport transport) const {
  auto list = usable();
  return std::find(list.begin(), list.end(), transport) != list.end();
}

/// The transport for a bare A/AAAA target: the URI's, else UDP (TLS for sips), else the first
/// supported one.
Transport Job::addressTransport() const {
  if (request_.transport)
    return *request_.transport;
  if (request_.secure)
    return Transport::tls;
  if (supports(Transport::udp))
    return Transport::udp;
  return usable().front();
}

std::vector<SrvQuery> Job::defaultSrvQueries() const {
  std::vector<SrvQuery> out;
  for (Transport t : {Transport::udp, Transport::tcp, Transport::tls}) {
    if (supports(t))
      out.push_back({t, srvName(t, request_.host)});
  }
  return out;
}

void Job::start() {
  if (request_.host.empty())
    return fail(Status::invalid, "empty host");
  if (request_.transport && request_.secure) {
    // sips: over TCP means TLS; sips: over UDP is meaningless (RFC 3261 section 26.2.2).
    if (*request_.transport == Transport::udp) {
      return fail(Status::invalid, "sips URI with transport=udp");
    }
    request_.transport = Transport::tls;
  }
  if (usable().empty())
    return fail(Status::invalid, "no supported transport");
  if (request_.transport && !supports(*request_.transport)) {
    return fail(Status::invalid,
                "transport " + std::string(toString(*request_.transport)) + " not supported");
  }

  if (auto address = parseIpLiteral(request_.host)) {
    Transport t = addressTransport();
    result_.targets.push_back({t, *address, request_.port.value_or(defaultPort(t)), request_.host});
    minTtl_ = 0;  // nothing to re-resolve, but nothing to cache either
    deferDone_ = true;
    return finish();
  }
  if (request_.port) {
    return lookupHosts({{addressTransport(), request_.host, *request_.port}});
  }
  if (request_.transport) {
    return lookupSrv({{*request_.transport, srvName(*request_.transport, request_.host)}}, false);
  }
  resolver_.queryNaptr(request_.host,
                       [self = shared_from_this()](NaptrAnswer answer) { self->onNaptr(answer); });
}

void Job::onNaptr(const NaptrAnswer& answer) {
  note(answer);
  if (answer.status == Status::notFound) {
    // NXDOMAIN for the host: its _sip._x subdomains and addresses cannot exist either
    // (RFC 8020), so skip the SRV and A/AAAA queries.
    return finish();
  }
  std::vector<NaptrRecord> records = answer.ok() ? answer.records : std::vector<NaptrRecord>{};
  std::stable_sort(records.begin(), records.end(), [](const auto& a, const auto& b) {
    return a.order != b.order ? a.order < b.order : a.preference < b.preference;
  });
  std::vector<SrvQuery> queries;
  for (const NaptrRecord& record : records) {
    auto transport = naptrTransport(record.service);
    // Only terminal "s" records whose replacement names an SRV set, for transports we have.
    if (!transport || lower(record.flags) != "s" || !supports(*transport))
      continue;
    if (record.replacement.empty() || record.replacement == ".")
      continue;
    queries.push_back({*transport, record.replacement});
  }
  // No usable NAPTR (or NAPTR lookups failing): RFC 3263 falls back to SRV per transport.
  if (queries.empty())
    return lookupSrv(defaultSrvQueries(), false);
  lookupSrv(std::move(queries), true);
}

void Job::lookupSrv(std::vector<SrvQuery> queries, bool fromNaptr) {
  auto self = shared_from_this();
  auto issue = [self, queries](std::size_t i, Resolver::Callback<SrvRecord> done) {
    self->resolver_.querySrv(queries[i].name, std::move(done));
  };
  auto then = [self, queries, fromNaptr](std::vector<SrvAnswer> answers) {
    std::vector<HostQuery> hosts;
    bool failed = false;
    for (std::size_t i = 0; i < answers.size(); ++i) {
      self->note(answers[i]);
      failed = failed || answers[i].status == Status::unavailable;
      for (SrvRecord& srv : orderSrv(std::move(answers[i].records), self->random_)) {
        hosts.push_back({queries[i].transport, srv.target, srv.port});
      }
    }
    if (!hosts.empty())
      return self->lookupHosts(std::move(hosts));
    // NAPTR pointed at empty SRV sets: try the per-transport names before giving up.
    if (fromNaptr)
      return self->lookupSrv(self->defaultSrvQueries(), false);
    // An SRV query that failed may hide records: do not guess a port from the A record.
    if (failed)
      return self->finish();
    self->lookupHosts(
        {{self->addressTransport(), self->request_.host, defaultPort(self->addressTransport())}});
  };
  gather<SrvRecord>(queries.size(), std::move(issue), std::move(then));
}

void Job::lookupHosts(std::vector<HostQuery> hosts) {
  auto self = shared_from_this();
  auto issue = [self, hosts](std::size_t i, Resolver::Callback<AddressRecord> done) {
    self->resolver_.resolveHost(hosts[i].host, std::move(done));
  };
  auto then = [self, hosts](std::vector<AddressAnswer> answers) {
    for (std::size_t i = 0; i < answers.size(); ++i) {
      self->note(answers[i]);
      if (answers[i].status == Status::noData && self->negative_ == Status::notFound) {
        self->negative_ = Status::noData;
      }
      for (const AddressRecord& record : answers[i].records) {
        Target target{hosts[i].transport, record.address, hosts[i].port, hosts[i].host};
        auto& targets = self->result_.targets;
        bool duplicate = std::any_of(targets.begin(), targets.end(), [&](const Target& t) {
          return t.transport == target.transport && t.address == target.address &&
                 t.port == target.port;
        });
        if (!duplicate)
          targets.push_back(std::move(target));
      }
    }
    self->finish();
  };
  gather<AddressRecord>(hosts.size(), std::move(issue), std::move(then));
}

template <class Record>
void Job::note(const Answer<Record>& answer) {
  if (answer.ok()) {
    minTtl_ = std::min(minTtl_, answer.ttl);
    result_.stale = result_.stale || answer.stale;
  } else if (answer.status == Status::unavailable) {
    sawUnavailable_ = true;
    if (result_.error.empty())
      result_.error = answer.error;
  }
}

void Job::fail(Status status, std::string error) {
  // Only called from start(): keep the promise that done_ runs after locate() returns.
  result_.status = status;
  result_.error = std::move(error);
  boost::asio::post(resolver_.context(),
                    [self = shared_from_this()] { self->done_(std::move(self->result_)); });
}

void Job::finish() {
  if (!result_.targets.empty()) {
    result_.status = Status::ok;
    result_.error.clear();
    result_.ttl = minTtl_ == std::numeric_limits<std::uint32_t>::max() ? 0 : minTtl_;
  } else {
    result_.status = sawUnavailable_ ? Status::unavailable : negative_;
    result_.ttl = 0;
    result_.stale = false;
    if (result_.error.empty()) {
      result_.error = "no SIP targets for " + request_.host;
    }
  }
  if (!deferDone_) {
    done_(std::move(result_));  // already on a resolver callback: not inline with locate()
    return;
  }
  boost::asio::post(resolver_.context(),
                    [self = shared_from_this()] { self->done_(std::move(self->result_)); });
}

}  // namespace

std::string srvName(Transport transport, const std::string& host) {
  std::string name;
  switch (transport) {
    case Transport::udp:
      name = "_sip._udp.";
      break;
    case Transport::tcp:
      name = "_sip._tcp.";
      break;
    case Transport::tls:
      name = "_sips._tcp.";
      break;
  }
  return name + host;
}

void Locator::locate(LocateRequest request, std::function<void(TargetList)> done) {
  std::make_shared<Job>(resolver_, random_, std::move(request), std::move(done))->start();
}

}  // namespace sb::sip::dns
