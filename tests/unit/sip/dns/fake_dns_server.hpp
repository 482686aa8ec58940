#pragma once
// Test helper: a tiny authoritative DNS server on 127.0.0.1 (UDP, ephemeral port) that answers
// from a table, counts queries, and can answer NXDOMAIN, SERVFAIL or nothing at all.

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "wire_builder.hpp"

namespace sb::sip::dns::dnstest {

class FakeDnsServer {
 public:
  enum class Mode { answer, nxdomain, servfail, drop };

  struct Response {
    Mode mode = Mode::answer;
    std::vector<Rr> answers;
    std::vector<Rr> authority;  ///< e.g. an SOA for negative TTLs
  };

  explicit FakeDnsServer(boost::asio::io_context& io)
      : socket_(io, {boost::asio::ip::make_address_v4("127.0.0.1"), 0}) {
    receive();
  }

  std::uint16_t port() const { return socket_.local_endpoint().port(); }
  std::string server() const { return "127.0.0.1:" + std::to_string(port()); }

  /// Sets the reply for (name, type). A name with any entry answers NODATA for other types;
  /// a name with none answers NXDOMAIN (as a real zone would).
  void set(const std::string& name, std::uint16_t type, Response response) {
    table_[{lowerName(name), type}] = std::move(response);
  }
  void records(const std::string& name, std::uint16_t type, std::vector<Rr> answers) {
    set(name, type, {Mode::answer, std::move(answers), {}});
  }
  void mode(const std::string& name, std::uint16_t type, Mode mode) {
    set(name, type, {mode, {}, {}});
  }

  int count(const std::string& name, std::uint16_t type) const {
    auto it = counts_.find({lowerName(name), type});
    return it == counts_.end() ? 0 : it->second;
  }
  int total() const { return total_; }

 private:
  using Key = std::pair<std::string, std::uint16_t>;

  void receive() {
    socket_.async_receive_from(boost::asio::buffer(buffer_), peer_,
                               [this](boost::system::error_code ec, std::size_t size) {
                                 if (ec)
                                   return;
                                 handle(size);
                                 receive();
                               });
  }

  void handle(std::size_t size) {
    auto q = parseQuery(buffer_.data(), size);
    if (!q)
      return;
    ++total_;
    ++counts_[{q->name, q->type}];
    Response response;
    if (auto it = table_.find({q->name, q->type}); it != table_.end()) {
      response = it->second;
    } else if (!knownName(q->name)) {
      response.mode = Mode::nxdomain;
    }
    std::uint8_t rcode = 0;
    switch (response.mode) {
      case Mode::drop:
        return;
      case Mode::servfail:
        rcode = 2;
        response.answers.clear();
        break;
      case Mode::nxdomain:
        rcode = 3;
        response.answers.clear();
        break;
      case Mode::answer:
        break;
    }
    Bytes reply = buildReply(q->id, q->name, q->type, rcode, response.answers, response.authority);
    boost::system::error_code ignored;
    socket_.send_to(boost::asio::buffer(reply), peer_, 0, ignored);
  }

  bool knownName(const std::string& name) const {
    for (const auto& [key, response] : table_) {
      if (key.first == name && response.mode != Mode::nxdomain)
        return true;
    }
    return false;
  }

  boost::asio::ip::udp::socket socket_;
  boost::asio::ip::udp::endpoint peer_;
  std::array<std::uint8_t, 4096> buffer_{};
  std::map<Key, Response> table_;
  std::map<Key, int> counts_;
  int total_ = 0;
};

/// Runs `io` until `done()` or the deadline; returns done().
template <class Pred>
bool runUntil(boost::asio::io_context& io, Pred done,
              std::chrono::milliseconds limit = std::chrono::milliseconds(3000)) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    io.run_one_for(std::chrono::milliseconds(10));
  }
  return done();
}

/// Starts a lookup with `start(callback)` and runs `io` until it answers.
template <class Result, class Start>
Result await(boost::asio::io_context& io, Start start) {
  std::optional<Result> result;
  start([&](Result r) { result = std::move(r); });
  runUntil(io, [&] { return result.has_value(); });
  return result ? std::move(*result) : Result{};
}

}  // namespace sb::sip::dns::dnstest
