#pragma once
/// @file
/// Every local transport of the server, kept in step with configuration: a new set of specs
/// opens what is new, re-binds what changed, closes what is gone, and leaves everything else
/// (and its connections) alone. Also picks the local transport for a destination.

#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sip/transport/listener.hpp"
#include "sip/transport/stream_limits.hpp"

namespace sb::sip {

class TransportManager {
 public:
  /// `handler` receives every inbound packet of every transport (reactor thread).
  TransportManager(boost::asio::io_context& io, PacketHandler handler);
  ~TransportManager();

  struct ApplyResult {
    std::vector<std::string> opened;
    std::vector<std::string> reopened;
    std::vector<std::string> updated;  ///< TLS certificate replaced in place
    std::vector<std::string> closed;
    std::vector<std::string> unchanged;
    std::map<std::string, std::string> errors;  ///< name -> why it could not be bound
  };
  /// Makes the running transports match `specs`. A transport that fails to bind is reported
  /// and does not affect the others; if a changed one fails to re-bind, the old one is kept.
  ApplyResult apply(const std::vector<ListenerSpec>& specs);

  std::shared_ptr<Listener> find(const std::string& name) const;
  std::vector<std::shared_ptr<Listener>> all() const;

  /// The local transport to send to `remote` over `kind`: same kind and address family;
  /// a loopback destination prefers a loopback or wildcard bind, others prefer non-loopback
  /// binds; among equals the first by name. nullptr if none fits.
  std::shared_ptr<Listener> select(TransportKind kind, const SocketAddress& remote) const;

  /// Closes everything.
  void closeAll();

  /// Limits for the connections of connection-oriented transports: those opened from now
  /// on, and new connections of the running ones (a reload changes them in place).
  void setStreamLimits(StreamLimits limits);
  const StreamLimits& streamLimits() const { return streamLimits_; }

 private:
  std::shared_ptr<Listener> open(const ListenerSpec& spec, std::string& error);

  boost::asio::io_context& io_;
  PacketHandler handler_;
  StreamLimits streamLimits_;
  std::map<std::string, std::shared_ptr<Listener>> listeners_;
};

}  // namespace sb::sip
