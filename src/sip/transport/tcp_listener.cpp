#include "sip/transport/tcp_listener.hpp"

#include "sip/transport/listen_socket.hpp"
#include "sip/transport/socket_qos.hpp"
#include "sip/transport/tcp_connection.hpp"

namespace sb::sip {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

bool flowIsV6(const tcp::socket& socket) {
  boost::system::error_code ec;
  return socket.local_endpoint(ec).protocol() == tcp::v6();
}

}  // namespace

std::shared_ptr<TcpListener> TcpListener::open(asio::io_context& io, ListenerSpec spec,
                                               PacketHandler handler, StreamLimits limits,
                                               std::string& error) {
  auto listener = std::make_shared<TcpListener>(io, spec, std::move(handler), limits);
  if (spec.kind == TransportKind::Tls) {
    listener->tls_ = makeTlsContext(spec.tls, error);
    if (!listener->tls_) {
      return nullptr;
    }
  }
  const auto bound = listenOn(listener->acceptor_, spec, error);
  if (!bound) {
    return nullptr;
  }
  listener->local_ = *bound;
  listener->accept();
  return listener;
}

TcpListener::TcpListener(asio::io_context& io, ListenerSpec spec, PacketHandler handler,
                         StreamLimits limits)
    : Listener(std::move(spec)),
      io_(io),
      acceptor_(io),
      handler_(std::move(handler)),
      limits_(std::move(limits)) {}

TcpListener::~TcpListener() {
  close();
}

SocketAddress TcpListener::localAddress() const {
  return local_;
}

std::size_t TcpListener::countFrom(const asio::ip::address& address) const {
  std::size_t count = 0;
  for (const auto& [id, connection] : connections_) {
    if (connection->inbound() && connection->flow().remote.address == address) {
      ++count;
    }
  }
  return count;
}

void TcpListener::accept() {
  acceptor_.async_accept(
      [self = shared_from_this()](boost::system::error_code error, tcp::socket socket) {
        if (self->closed_ || error == asio::error::operation_aborted) {
          return;
        }
        if (!error) {
          boost::system::error_code ec;
          const auto remote = socket.remote_endpoint(ec);
          // Refuse rather than queue: an attacker must not be able to exhaust descriptors.
          if (ec || self->connections_.size() >= self->limits_.maxConnections ||
              self->countFrom(remote.address()) >= self->limits_.maxConnectionsPerSource) {
            socket.close(ec);
          } else {
            self->adopt(std::move(socket), true)->start();
          }
        }
        self->accept();
      });
}

bool TcpListener::updateTls(const TlsSettings& settings, std::string& error) {
  auto context = makeTlsContext(settings, error);
  if (!context) {
    return false;
  }
  tls_ = std::move(context);
  ListenerSpec updated = spec();
  updated.tls = settings;
  setSpec(std::move(updated));
  return true;
}

std::unique_ptr<StreamSocket> TcpListener::wrap(tcp::socket socket) {
  if (tls_) {
    return makeTlsSocket(std::move(socket), tls_);
  }
  return makePlainSocket(std::move(socket));
}

std::shared_ptr<TcpConnection> TcpListener::adopt(tcp::socket socket, bool inbound) {
  Flow flow;
  flow.kind = spec().kind;
  flow.listener = spec().name;
  boost::system::error_code ec;
  if (socket.is_open()) {
    if (spec().tos != 0 || spec().cos != 0) {
      applySocketQos(socket.native_handle(), flowIsV6(socket), spec().tos, spec().cos);
    }
    const auto local = socket.local_endpoint(ec);
    const auto remote = socket.remote_endpoint(ec);
    flow.local = SocketAddress{local.address(), local.port()};
    flow.remote = SocketAddress{remote.address(), remote.port()};
  }
  const auto id = nextId_++;
  auto connection = std::make_shared<TcpConnection>(weak_from_this(), wrap(std::move(socket)), id,
                                                    inbound, limits_, std::move(flow));
  connections_.emplace(id, connection);
  return connection;
}

void TcpListener::send(const Flow& flow, std::string data, SendDone done) {
  if (closed_) {
    if (done) {
      done("transport closed");
    }
    return;
  }
  if (flow.connection != 0) {
    auto found = connections_.find(flow.connection);
    if (found != connections_.end()) {
      found->second->write(std::move(data), std::move(done));
      return;
    }
  }
  // Reuse any connection to that address and port (RFC 3261 18.1.1), else open one.
  for (const auto& [id, connection] : connections_) {
    if (connection->flow().remote == flow.remote) {
      connection->write(std::move(data), std::move(done));
      return;
    }
  }
  if (connections_.size() >= limits_.maxConnections) {
    if (done) {
      done("too many connections");
    }
    return;
  }
  Flow outbound = flow;
  outbound.kind = spec().kind;
  outbound.listener = spec().name;
  tcp::socket socket(io_);
  boost::system::error_code ec;
  socket.open(flow.remote.isV6() ? tcp::v6() : tcp::v4(), ec);
  if (!ec) {
    applySocketQos(socket.native_handle(), flow.remote.isV6(), spec().tos, spec().cos);
  }
  const auto id = nextId_++;
  auto connection = std::make_shared<TcpConnection>(weak_from_this(), wrap(std::move(socket)), id,
                                                    false, limits_, outbound);
  connections_.emplace(id, connection);
  connection->write(std::move(data), std::move(done));
  connection->connect();
}

void TcpListener::forget(std::uint64_t id) {
  auto found = connections_.find(id);
  if (found != connections_.end()) {
    // Keep the connection alive until the handler that closed it has returned.
    auto keep = found->second;
    connections_.erase(found);
    asio::post(io_, [keep] {});
  }
}

void TcpListener::close() {
  if (closed_) {
    return;
  }
  closed_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  auto connections = connections_;
  for (auto& [id, connection] : connections) {
    connection->close("transport closed");
  }
  connections_.clear();
}

void TcpListener::sendKeepAlives() {
  for (const auto& [id, connection] : connections_) {
    connection->write("\r\n\r\n", nullptr);
  }
}

std::vector<ConnectionInfo> TcpListener::connections() const {
  std::vector<ConnectionInfo> out;
  for (const auto& [id, connection] : connections_) {
    out.push_back({id, connection->flow().remote, connection->inbound()});
  }
  return out;
}

}  // namespace sb::sip
