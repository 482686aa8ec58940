#pragma once
/// @file
/// INVITE server transaction (RFC 3261 17.2.1 as amended by RFC 6026 7.1).

#include "sip/transaction/server_transaction.hpp"

namespace sb::sip {

/// Proceeding -> Completed (non-2xx, Timers G/H) -> Confirmed (ACK, Timer I) -> Terminated;
/// Proceeding -> Accepted (2xx, Timer L) -> Terminated.
class InviteServerTransaction final : public ServerTransaction {
 public:
  InviteServerTransaction(TransactionLayer& layer, Message request, Flow flow, std::string key,
                          std::optional<Duration> autoTryingDelay);

  void start() override;
  bool respond(const Message& response) override;
  void onRetransmission() override;
  bool onAck() override;

 private:
  void sendTrying();
  void onTimerG();
  void onTimerH();
  void onEnd();

  std::optional<Duration> autoTryingDelay_;
  Duration gInterval_{};
};

}  // namespace sb::sip
