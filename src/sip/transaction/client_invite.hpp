#pragma once
/// @file
/// INVITE client transaction (RFC 3261 17.1.1 as amended by RFC 6026 7.2), including the
/// CANCEL that is held until a provisional response arrives (RFC 3261 9.1).

#include "sip/transaction/client_transaction.hpp"

namespace sb::sip {

/// Calling (Timers A/B) -> Proceeding (1xx) -> Completed (300-699: ACK sent, Timer D) or
/// Accepted (2xx, Timer M) -> Terminated.
class InviteClientTransaction final : public ClientTransaction {
 public:
  InviteClientTransaction(TransactionLayer& layer, Message request, std::string wire, Flow flow,
                          std::string key, ClientCallbacks callbacks);

  void start() override;
  void onResponse(const Message& response) override;

  /// Asks for a CANCEL: sent now in Proceeding, held in Calling until the first 1xx (and
  /// dropped if a final response comes first). False when already asked for, or when the
  /// transaction has a final response.
  /// `reason` becomes a Reason header (RFC 3326), e.g. `SIP;cause=200;text="Call completed
  /// elsewhere"` when another fork answered.
  bool requestCancel(std::string reason = {});

 private:
  void sendCancel();
  void onTimerA();
  void onTimeout();  // Timer B, or the guard after a CANCEL
  void onEnd();      // Timer D or M

  Message request_;
  std::string ack_;
  bool cancelHeld_ = false;
  bool cancelSent_ = false;
  std::string cancelReason_;
};

}  // namespace sb::sip
