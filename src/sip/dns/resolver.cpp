#include "sip/dns/resolver.hpp"

#include <ares.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <type_traits>

#include "sip/dns/records.hpp"

namespace sb::sip::dns {

namespace {

/// "SRV _sip._udp.example.com: Timeout while contacting DNS servers", for logs. c-ares
/// reports a SERVFAIL/REFUSED from every server as ECONNREFUSED, hence the hint.
std::string describeFailure(const std::string& name, RecordType type, int aresStatus) {
  std::string text = std::string(toString(type)) + " " + name + ": " + ares_strerror(aresStatus);
  if (aresStatus == ARES_ECONNREFUSED)
    text += " (server failure, refusal or unreachable)";
  return text;
}

/// Joins the A and AAAA halves of resolveHost().
struct HostJoin {
  Resolver::Callback<AddressRecord> done;
  AddressAnswer parts[2];
  int pending = 0;
};

AddressAnswer combine(const AddressAnswer& v4, const AddressAnswer& v6, bool haveV6) {
  AddressAnswer out;
  const AddressAnswer* parts[] = {&v4, &v6};
  const int count = haveV6 ? 2 : 1;
  for (int i = 0; i < count; ++i) {
    out.records.insert(out.records.end(), parts[i]->records.begin(), parts[i]->records.end());
    out.stale = out.stale || (parts[i]->ok() && parts[i]->stale);
  }
  if (!out.records.empty()) {
    out.status = Status::ok;
    out.ttl = out.records.front().ttl;
    for (const auto& record : out.records)
      out.ttl = std::min(out.ttl, record.ttl);
    return out;
  }
  out.stale = false;
  // Without addresses: a backend failure outranks a negative answer, which is then reported
  // with the shorter of the negative TTLs.
  const Status precedence[] = {Status::unavailable, Status::invalid, Status::notFound,
                               Status::noData};
  for (Status status : precedence) {
    bool seen = false;
    for (int i = 0; i < count; ++i) {
      if (parts[i]->status != status)
        continue;
      out.ttl = seen ? std::min(out.ttl, parts[i]->ttl) : parts[i]->ttl;
      if (!seen)
        out.error = parts[i]->error;
      seen = true;
    }
    if (seen) {
      out.status = status;
      return out;
    }
  }
  return out;
}

}  // namespace

Resolver::Resolver(boost::asio::io_context& io, ResolverOptions options)
    : io_(io),
      options_(std::move(options)),
      cache_(options_.cache),
      channel_(io, options_.channel) {}

Resolver::~Resolver() {
  *alive_ = false;
}

Cache::Clock::time_point Resolver::now() const {
  return options_.clock ? options_.clock() : Cache::Clock::now();
}

void Resolver::queryA(const std::string& name, Callback<AddressRecord> done) {
  lookup<AddressRecord>(name, RecordType::a, std::move(done));
}

void Resolver::queryAaaa(const std::string& name, Callback<AddressRecord> done) {
  lookup<AddressRecord>(name, RecordType::aaaa, std::move(done));
}

void Resolver::querySrv(const std::string& name, Callback<SrvRecord> done) {
  lookup<SrvRecord>(name, RecordType::srv, std::move(done));
}

void Resolver::queryNaptr(const std::string& name, Callback<NaptrRecord> done) {
  lookup<NaptrRecord>(name, RecordType::naptr, std::move(done));
}

void Resolver::resolveHost(const std::string& name, Callback<AddressRecord> done) {
  if (auto address = parseIpLiteral(name)) {
    AddressAnswer answer;
    answer.status = Status::ok;
    answer.ttl = options_.cache.maxTtl;
    answer.records.push_back({*address, answer.ttl});
    post(std::move(done), std::move(answer));
    return;
  }
  auto join = std::make_shared<HostJoin>();
  join->done = std::move(done);
  join->pending = options_.ipv6 ? 2 : 1;
  bool haveV6 = options_.ipv6;
  auto part = [join, haveV6](int index) {
    return [join, index, haveV6](AddressAnswer answer) {
      join->parts[index] = std::move(answer);
      if (--join->pending == 0)
        join->done(combine(join->parts[0], join->parts[1], haveV6));
    };
  };
  queryA(name, part(0));
  if (haveV6)
    queryAaaa(name, part(1));
}

template <class Record>
void Resolver::post(Callback<Record> done, Answer<Record> answer) {
  boost::asio::post(io_,
                    [alive = alive_, done = std::move(done), answer = std::move(answer)]() mutable {
                      if (*alive)
                        done(std::move(answer));
                    });
}

template <class Record>
void Resolver::lookup(const std::string& name, RecordType type, Callback<Record> done) {
  if (auto cached = cache_.template find<Record>(name, type, now())) {
    post(std::move(done), std::move(*cached));
    return;
  }
  auto& waiters = std::get<Waiters<Record>>(inFlight_);
  std::string key = Cache::keyOf(name, type);
  auto [it, first] = waiters.try_emplace(key);
  it->second.push_back(std::move(done));
  if (!first)
    return;  // the query already on the wire will answer this one too
  channel_.query(name, type, [this, name, type](int status, std::vector<std::uint8_t> reply) {
    complete<Record>(name, type, status, reply);
  });
}

template <class Record>
void Resolver::complete(const std::string& name, RecordType type, int aresStatus,
                        const std::vector<std::uint8_t>& reply) {
  Answer<Record> answer;
  if (aresStatus == ARES_SUCCESS) {
    if constexpr (std::is_same_v<Record, AddressRecord>) {
      answer = parseAddressReply(reply, type);
    } else if constexpr (std::is_same_v<Record, SrvRecord>) {
      answer = parseSrvReply(reply);
    } else {
      answer = parseNaptrReply(reply);
    }
  } else {
    answer.status = statusFromAres(aresStatus);
    if (answer.status == Status::ok)
      answer.status = Status::unavailable;
    if (answer.status != Status::notFound && answer.status != Status::noData) {
      answer.error = aresStatus == ARES_ENOTINITIALIZED && !initError().empty()
                         ? initError()
                         : describeFailure(name, type, aresStatus);
    }
  }
  if (answer.status == Status::notFound || answer.status == Status::noData) {
    answer.ttl = cache_.negativeTtl(negativeTtlOf(reply));
  }

  const auto at = now();
  if (answer.status == Status::unavailable) {
    // Serve stale on error: an outage should not make known-good targets disappear.
    if (auto stale = cache_.template findStale<Record>(name, type, at)) {
      stale->error = answer.error;
      answer = std::move(*stale);
    }
  } else {
    cache_.store(name, type, answer, at);
  }

  auto& waiters = std::get<Waiters<Record>>(inFlight_);
  auto it = waiters.find(Cache::keyOf(name, type));
  if (it == waiters.end())
    return;
  std::vector<Callback<Record>> callbacks = std::move(it->second);
  waiters.erase(it);
  std::shared_ptr<bool> alive = alive_;
  for (auto& callback : callbacks) {
    if (!*alive)
      return;  // a callback destroyed the resolver
    callback(answer);
  }
}

}  // namespace sb::sip::dns
