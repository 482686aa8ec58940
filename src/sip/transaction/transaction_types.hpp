#pragma once
/// @file
/// Vocabulary shared by the transaction layer (RFC 3261 section 17, RFC 6026): timer values,
/// states, callbacks and the injected sender.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "sip/message/message.hpp"
#include "sip/timer/timer_types.hpp"
#include "sip/transport/packet.hpp"

namespace sb::sip {

/// RFC 3261 T1/T2/T4 (configurable, e.g. from pjsip.conf `system`) and the timers derived from
/// them (RFC 3261 table 4, RFC 6026 section 8.11). `reliable` is true on stream transports,
/// where the "wait for retransmissions" timers are zero.
struct TransactionTimers {
  Duration t1 = std::chrono::milliseconds(500);  ///< RTT estimate
  Duration t2 = std::chrono::seconds(4);         ///< cap on non-INVITE / response retransmits
  Duration t4 = std::chrono::seconds(5);         ///< how long a message may linger in the net

  /// B, F, H (timeouts) and L, M (RFC 6026 Accepted state): 64*T1.
  Duration timeout() const { return 64 * t1; }
  /// D: client INVITE Completed, >= 32 s on UDP, 0 on streams.
  Duration timerD(bool reliable) const {
    return reliable ? Duration::zero() : std::max<Duration>(std::chrono::seconds(32), 64 * t1);
  }
  /// I: server INVITE Confirmed; K: client non-INVITE Completed. T4 on UDP, 0 on streams.
  Duration timerIK(bool reliable) const { return reliable ? Duration::zero() : t4; }
  /// J: server non-INVITE Completed. 64*T1 on UDP, 0 on streams.
  Duration timerJ(bool reliable) const { return reliable ? Duration::zero() : 64 * t1; }
};

/// Every state of the four RFC 3261 / RFC 6026 machines (each uses a subset).
enum class TransactionState : std::uint8_t {
  Calling,     ///< client INVITE, request sent, nothing heard
  Trying,      ///< non-INVITE (client: request sent; server: request received)
  Proceeding,  ///< provisional seen (client) / INVITE received or provisional sent (server)
  Completed,   ///< non-2xx final (INVITE) or any final (non-INVITE); absorbing retransmits
  Confirmed,   ///< server INVITE: ACK for the non-2xx final received (Timer I)
  Accepted,    ///< INVITE 2xx (RFC 6026, Timers L/M)
  Terminated,  ///< gone from the layer; handles report this from then on
};

/// Lower-case name of a state, for logs.
std::string_view stateName(TransactionState state);

/// How the layer puts bytes on the wire: the flow names the transport (and, for client
/// transactions, the destination). `done` must be called (possibly later, possibly
/// synchronously) with an empty string on success or an error text; it may be dropped for
/// fire-and-forget sends. Maps directly onto Listener::send().
using TransactionSender = std::function<void(const Flow& flow, std::string bytes, SendDone done)>;

/// What a client transaction reports to its transaction user (TU). Every callback runs on the
/// reactor thread from inside a TransactionLayer call (onResponse) or a timer; it may release
/// or destroy its ClientTransactionHandle, cancel, or start new transactions, but must not
/// destroy the TransactionLayer. Once the handle is released no callback runs any more.
struct ClientCallbacks {
  /// Each 1xx while Calling/Trying/Proceeding (a 100 included).
  std::function<void(const Message& response)> onProvisional;
  /// The final response. Non-INVITE and INVITE non-2xx: exactly once (retransmissions are
  /// absorbed; for INVITE the layer has already sent the ACK). INVITE 2xx: every 2xx while
  /// Accepted, including retransmissions and 2xx from other forks (different To tags); the
  /// TU must ACK each one itself.
  std::function<void(const Message& response)> onFinal;
  /// Timer B (INVITE, no response in Calling), Timer F (non-INVITE), or no final response
  /// within 64*T1 after a CANCEL was sent. The transaction is Terminated.
  std::function<void()> onTimeout;
  /// The sender reported a failure (RFC 3261 17.1.4). The transaction is Terminated.
  std::function<void(const std::string& error)> onTransportError;
};

/// What a server transaction reports to its TU (optional; set through the handle).
struct ServerCallbacks {
  /// Timer H fired: a non-2xx final response to an INVITE was never ACKed. Terminated.
  std::function<void()> onTimeout;
  /// Sending a response failed (RFC 3261 17.2.4). Terminated.
  std::function<void(const std::string& error)> onTransportError;
};

/// Layer configuration.
struct TransactionSettings {
  TransactionTimers timers;
  /// When a server INVITE transaction sends "100 Trying" by itself if the TU has sent no
  /// provisional yet (RFC 3261 17.2.1 allows 200 ms). Zero: at once, when the INVITE
  /// arrives (the pjsip way). std::nullopt: never (the TU takes care of it).
  std::optional<Duration> autoTryingDelay = std::chrono::milliseconds(200);
  /// Applied to the automatic 100 Trying before it is sent, e.g. to stamp the top Via with
  /// received/rport (RFC 3581) the way the core stamps other responses. Optional.
  std::function<void(Message& trying, const Message& request, const Flow& flow)> decorateTrying;
};

}  // namespace sb::sip
