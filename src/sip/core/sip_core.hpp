#pragma once
/// @file
/// The stack's server core: receives packets from the transports, parses them, answers what
/// cannot be parsed, runs requests through the pipeline, and applies the defaults RFC 3261
/// asks of a server (OPTIONS 200, 405/501, 483).
///
/// Requests run through the transaction layer first: retransmissions are absorbed there and
/// answered with the last response; each new request gets a server transaction that its
/// response goes through. Responses to requests we sent go to their client transactions.

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sip/core/request_pipeline.hpp"
#include "sip/message/parser.hpp"
#include "sip/timer/asio_timer_driver.hpp"
#include "sip/timer/timer_clock.hpp"
#include "sip/timer/timer_wheel.hpp"
#include "sip/transaction/transaction_layer.hpp"
#include "sip/transport/transport_manager.hpp"

namespace sb::sip {

struct CoreSettings {
  std::string serverHeader = "Switchboard";
  ParserLimits limits;
  /// Option tags we implement: OPTIONS lists them, a Require naming another gets 420.
  std::vector<std::string> supported{"100rel", "timer", "replaces", "path"};
  std::vector<std::string> accept{"application/sdp"};  ///< bodies we understand
};

enum class Direction { In, Out };

class SipCore {
 public:
  explicit SipCore(boost::asio::io_context& io);
  ~SipCore();

  TransportManager& transports() { return transports_; }
  TransactionLayer& transactions() { return transactions_; }
  TimerWheel& timers() { return wheel_; }
  /// RFC 3261 T1/T2/T4 (pjsip.conf `system` timer_t1); applies to new transactions.
  void setTimers(TransactionTimers timers);
  RequestPipeline& pipeline() { return pipeline_; }
  void setSettings(CoreSettings settings) { settings_ = std::move(settings); }
  const CoreSettings& settings() const { return settings_; }

  /// Sees every message in and out (for `pjsip set logger`); called on the reactor thread.
  using Tracer = std::function<void(Direction, const Flow&, std::string_view bytes)>;
  void setTracer(Tracer tracer) { tracer_ = std::move(tracer); }

  /// Sends a response to `request` back along `flow` without a transaction, adding Via
  /// received/rport as RFC 3581 and RFC 3261 18.2.2 ask, and the Server header.
  void sendResponse(const Flow& flow, const Message& request, Message response);
  /// Adds what every response of ours carries: Via received/rport and Server.
  void decorateResponse(Message& response, const Message& request, const Flow& flow) const;

  /// The Allow header value: OPTIONS plus every method with a Handle-stage handler.
  std::string allowedMethods() const;

  struct Stats {
    std::uint64_t packets = 0;
    std::uint64_t requests = 0;
    std::uint64_t responses = 0;
    std::uint64_t rejected = 0;  ///< unparseable or invalid, answered 4xx/5xx or dropped
    std::uint64_t absorbed = 0;  ///< retransmissions handled by the transaction layer
  };
  const Stats& stats() const { return stats_; }

  /// Entry point for transports (public so tests can inject packets).
  void onPacket(InboundPacket packet);

 private:
  void handleRequest(Message message, const Flow& flow, ServerTransactionHandle transaction);
  void send(const Flow& flow, std::string bytes, SendDone done = nullptr);

  SteadyClock clock_;
  TimerWheel wheel_{clock_};
  AsioTimerDriver timerDriver_;
  TransportManager transports_;
  TransactionLayer transactions_;
  RequestPipeline pipeline_;
  CoreSettings settings_;
  Tracer tracer_;
  Stats stats_;
};

/// Adds received= (when the source differs from the sent-by host, or rport was asked) and
/// rport=<port> (when the request carried an empty rport) to the response's top Via.
void stampTopVia(Message& response, const Message& request, const SocketAddress& source);

}  // namespace sb::sip
