#pragma once
/// @file
/// Non-INVITE server transaction (RFC 3261 17.2.2).

#include "sip/transaction/server_transaction.hpp"

namespace sb::sip {

/// Trying -> Proceeding (1xx) -> Completed (final, Timer J) -> Terminated.
class NonInviteServerTransaction final : public ServerTransaction {
 public:
  NonInviteServerTransaction(TransactionLayer& layer, Message request, Flow flow, std::string key);

  bool respond(const Message& response) override;
  void onRetransmission() override;

 private:
  void onTimerJ();
};

}  // namespace sb::sip
