#pragma once
/// @file
/// Non-INVITE client transaction (RFC 3261 17.1.2).

#include "sip/transaction/client_transaction.hpp"

namespace sb::sip {

/// Trying (Timers E/F) -> Proceeding (1xx) -> Completed (final, Timer K) -> Terminated.
class NonInviteClientTransaction final : public ClientTransaction {
 public:
  NonInviteClientTransaction(TransactionLayer& layer, std::string wire, Flow flow, std::string key,
                             ClientCallbacks callbacks);

  void start() override;
  void onResponse(const Message& response) override;

 private:
  void onTimerE();
  void onTimerF();
  void onTimerK();
};

}  // namespace sb::sip
