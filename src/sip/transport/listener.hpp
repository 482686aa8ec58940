#pragma once
/// @file
/// A local transport: a socket (or listening socket and its connections) bound to one
/// address, named after its pjsip.conf section.

#include <memory>
#include <string>

#include "sip/transport/packet.hpp"
#include "sip/transport/stream_limits.hpp"
#include "sip/transport/tls_settings.hpp"

namespace sb::sip {

/// What a listener is asked to be. Two specs that compare equal need no re-bind on reload.
struct ListenerSpec {
  std::string name;
  TransportKind kind = TransportKind::Udp;
  SocketAddress bind;  ///< port 0 means "any free port" (tests)
  unsigned tos = 0;    ///< DSCP/TOS byte for outgoing packets
  TlsSettings tls;     ///< TLS transports only
  unsigned cos = 0;    ///< 802.1p priority (SO_PRIORITY) for outgoing packets

  friend bool operator==(const ListenerSpec&, const ListenerSpec&) = default;
};

class Listener {
 public:
  virtual ~Listener() = default;
  const ListenerSpec& spec() const { return spec_; }
  /// The address actually bound (differs from the spec when it asked for port 0).
  virtual SocketAddress localAddress() const = 0;
  /// Sends one message to `remote` (for streams: over the flow's connection when the flow
  /// names one, else a connection to `remote`). `done` runs on the reactor thread.
  virtual void send(const Flow& flow, std::string data, SendDone done) = 0;
  /// Stops receiving and releases the socket(s).
  virtual void close() = 0;
  /// New limits for connections accepted or opened from now on (stream transports; the
  /// connections already up keep theirs).
  virtual void setStreamLimits(const StreamLimits&) {}

 protected:
  explicit Listener(ListenerSpec spec) : spec_(std::move(spec)) {}
  void replaceSpec(ListenerSpec spec) { spec_ = std::move(spec); }

 private:
  ListenerSpec spec_;
};

}  // namespace sb::sip
