#pragma once
// Shared fixture for the transaction layer tests: a ManualClock-driven TimerWheel, a fake
// sender that records every send, and message builders.

#include <gtest/gtest.h>

#include <boost/asio/ip/address_v4.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/message/builder.hpp"
#include "sip/message/parser.hpp"
#include "sip/timer/timer_wheel.hpp"
#include "sip/transaction/transaction_layer.hpp"

namespace sb::sip::txtest {

using std::chrono::milliseconds;
using std::chrono::seconds;

struct Sent {
  Flow flow;
  std::string bytes;
  Duration at;  // since the fixture started

  Message message() const {
    auto parsed = parseMessage(bytes);
    EXPECT_TRUE(parsed.ok()) << bytes;
    return parsed.message.value_or(Message{});
  }
  std::string startLine() const { return std::string(message().startLine()); }
};

inline Message parse(const std::string& text) {
  auto parsed = parseMessage(text);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed.message.value_or(Message{});
}

inline Flow udpFlow() {
  Flow flow;
  flow.kind = TransportKind::Udp;
  flow.listener = "udp";
  flow.remote = {boost::asio::ip::make_address_v4("192.0.2.1"), 5060};
  return flow;
}

inline Flow tcpFlow() {
  Flow flow = udpFlow();
  flow.kind = TransportKind::Tcp;
  flow.listener = "tcp";
  flow.connection = 7;
  return flow;
}

/// A request as a UA would send it. An empty toTag leaves the To untagged.
inline Message request(std::string_view method, std::string_view branch, std::uint32_t cseq = 1,
                       std::string_view toTag = {}, std::string_view transport = "UDP",
                       std::string_view callId = "call-1@192.0.2.1") {
  std::string text;
  text.append(method).append(" sip:bob@example.com SIP/2.0\r\n");
  text.append("Via: SIP/2.0/").append(transport).append(" 192.0.2.1:5060;branch=");
  text.append(branch).append("\r\n");
  text.append("Via: SIP/2.0/UDP 198.51.100.9;branch=z9hG4bKupstream\r\n");
  text.append("Max-Forwards: 70\r\n");
  text.append("Route: <sip:proxy.example.com;lr>\r\n");
  text.append("From: <sip:alice@example.com>;tag=fromtag\r\n");
  text.append("To: <sip:bob@example.com>");
  if (!toTag.empty())
    text.append(";tag=").append(toTag);
  text.append("\r\n");
  text.append("Call-ID: ").append(callId).append("\r\n");
  text.append("CSeq: ").append(std::to_string(cseq)).append(" ").append(method).append("\r\n");
  text.append("Contact: <sip:alice@192.0.2.1>\r\n");
  text.append("Content-Length: 0\r\n\r\n");
  return parse(text);
}

/// A response to `req`, re-parsed as if received.
inline Message response(const Message& req, int code, std::string_view toTag = {}) {
  auto built = makeResponse(req, code, code < 200 ? "Provisional" : "Final", toTag);
  EXPECT_TRUE(built.has_value());
  return parse(built->serialize());
}

class TransactionTest : public ::testing::Test {
 protected:
  TransactionTest() { layer_.emplace(wheel_, sender(), TransactionSettings{}); }

  /// Replaces the layer with one using `settings`.
  void reconfigure(TransactionSettings settings) {
    layer_.reset();
    layer_.emplace(wheel_, sender(), std::move(settings));
  }

  TransactionSender sender() {
    return [this](const Flow& flow, std::string bytes, SendDone done) {
      sent_.push_back({flow, std::move(bytes), elapsed()});
      if (done)
        done(failWith_);
    };
  }

  Duration elapsed() const { return clock_.now() - start_; }

  /// Moves time forward in 10 ms steps (the wheel's tick), firing timers as they fall due.
  void run(Duration total) {
    const TimePoint end = clock_.now() + total;
    while (clock_.now() < end) {
      clock_.advance(std::min<Duration>(milliseconds(10), end - clock_.now()));
      wheel_.advance();
    }
  }

  /// Times (since start) of the sends whose start line begins with `prefix`.
  std::vector<Duration> sendTimes(std::string_view prefix) const {
    std::vector<Duration> times;
    for (const Sent& s : sent_)
      if (std::string_view(s.bytes).starts_with(prefix))
        times.push_back(s.at);
    return times;
  }
  std::size_t countSent(std::string_view prefix) const { return sendTimes(prefix).size(); }

  TransactionLayer& layer() { return *layer_; }

  ManualClock clock_;
  TimePoint start_ = clock_.now();
  TimerWheel wheel_{clock_, milliseconds(10)};
  std::vector<Sent> sent_;
  std::string failWith_;
  std::optional<TransactionLayer> layer_;
};

/// Records what a client transaction reports.
struct Recorder {
  std::vector<int> provisional;
  std::vector<int> finals;
  std::vector<std::string> finalToTags;
  int timeouts = 0;
  std::vector<std::string> transportErrors;

  ClientCallbacks callbacks() {
    ClientCallbacks cb;
    cb.onProvisional = [this](const Message& m) { provisional.push_back(m.statusCode()); };
    cb.onFinal = [this](const Message& m) {
      finals.push_back(m.statusCode());
      auto to = m.to();
      finalToTags.emplace_back(to ? to->tag() : std::string_view{});
    };
    cb.onTimeout = [this] { ++timeouts; };
    cb.onTransportError = [this](const std::string& e) { transportErrors.push_back(e); };
    return cb;
  }
};

}  // namespace sb::sip::txtest
