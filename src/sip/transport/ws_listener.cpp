#include "sip/transport/ws_listener.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>

#include "sip/transport/listen_socket.hpp"
#include "sip/transport/socket_qos.hpp"

namespace sb::sip {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using asio::ip::tcp;

/// The part of a session the listener sees, whatever the stream type.
class WsSessionBase {
 public:
  virtual ~WsSessionBase() = default;
  virtual void start() = 0;
  virtual void write(std::string data, SendDone done) = 0;
  virtual void close(const std::string& why) = 0;
  const Flow& flow() const { return flow_; }

 protected:
  Flow flow_;
};

namespace {

bool offersSip(std::string_view protocols) {
  // "sip" as one element of a comma-separated list, any case.
  std::size_t start = 0;
  while (start <= protocols.size()) {
    auto end = protocols.find(',', start);
    if (end == std::string_view::npos) {
      end = protocols.size();
    }
    auto item = protocols.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') {
      item.remove_prefix(1);
    }
    while (!item.empty() && item.back() == ' ') {
      item.remove_suffix(1);
    }
    if (beast::iequals(item, "sip")) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

template <class Stream>
class WsSession : public WsSessionBase, public std::enable_shared_from_this<WsSession<Stream>> {
 public:
  WsSession(std::weak_ptr<WsListener> owner, Stream stream, std::uint64_t id,
            const StreamLimits& limits, Flow flow)
      : owner_(std::move(owner)),
        ws_(std::move(stream)),
        limits_(limits),
        timer_(ws_.get_executor()) {
    flow_ = std::move(flow);
    flow_.connection = id;
  }

  void start() override {
    // The HTTP upgrade must complete within the first-message timeout.
    timer_.expires_after(limits_.firstMessageTimeout);
    timer_.async_wait([self = this->shared_from_this()](boost::system::error_code error) {
      if (!error && !self->upgraded_) {
        self->close("no WebSocket upgrade in time");
      }
    });
    handshake();
  }

  void write(std::string data, SendDone done) override {
    if (closed_ || !upgraded_) {
      if (done) {
        done("connection not open");
      }
      return;
    }
    queued_ += data.size();
    outbox_.emplace_back(std::move(data), std::move(done));
    if (queued_ > limits_.maxQueuedBytes) {
      close("peer is not reading (send queue full)");
      return;
    }
    if (!writing_) {
      writeNext();
    }
  }

  void close(const std::string& why) override {
    if (closed_) {
      return;
    }
    closed_ = true;
    timer_.cancel();
    boost::system::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).socket().close(ignored);
    auto pending = std::move(outbox_);
    outbox_.clear();
    for (auto& [data, done] : pending) {
      if (done) {
        done(why);
      }
    }
    if (auto owner = owner_.lock()) {
      owner->forget(flow_.connection);
    }
  }

 private:
  void handshake() {
    if constexpr (std::is_same_v<Stream, beast::ssl_stream<beast::tcp_stream>>) {
      ws_.next_layer().async_handshake(
          asio::ssl::stream_base::server,
          [self = this->shared_from_this()](boost::system::error_code error) {
            if (error) {
              self->close("TLS handshake failed: " + error.message());
              return;
            }
            self->readUpgrade();
          });
    } else {
      readUpgrade();
    }
  }

  void readUpgrade() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits_.parser.maxLineLength * 4));
    parser_->body_limit(0);
    http::async_read(
        ws_.next_layer(), buffer_, *parser_,
        [self = this->shared_from_this()](boost::system::error_code error, std::size_t) {
          if (error) {
            self->close("bad HTTP request: " + error.message());
            return;
          }
          self->upgrade();
        });
  }

  void upgrade() {
    auto request = parser_->release();
    const bool isWs = websocket::is_upgrade(request);
    const bool rightPath = request.target() == "/ws" || request.target().starts_with("/ws?");
    const auto protocols = request[http::field::sec_websocket_protocol];
    if (!isWs || !rightPath || !offersSip(protocols)) {
      // Not for us: a plain HTTP answer, then close.
      auto response = std::make_shared<http::response<http::string_body>>(
          !isWs || !rightPath ? http::status::not_found : http::status::bad_request,
          request.version());
      response->set(http::field::server, "Switchboard");
      response->set(http::field::connection, "close");
      response->body() =
          !isWs || !rightPath ? "Not found\n" : "The sip WebSocket subprotocol is required\n";
      response->prepare_payload();
      http::async_write(
          ws_.next_layer(), *response,
          [self = this->shared_from_this(), response](boost::system::error_code, std::size_t) {
            self->close("not a SIP WebSocket request");
          });
      return;
    }
    ws_.read_message_max(limits_.parser.maxMessageSize);
    ws_.auto_fragment(false);
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.idle_timeout = std::chrono::duration_cast<std::chrono::seconds>(limits_.idleTimeout);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
      response.set(http::field::sec_websocket_protocol, "sip");
      response.set(http::field::server, "Switchboard");
    }));
    beast::get_lowest_layer(ws_).expires_never();
    ws_.async_accept(request, [self = this->shared_from_this()](boost::system::error_code error) {
      if (error) {
        self->close("WebSocket accept failed: " + error.message());
        return;
      }
      self->upgraded_ = true;
      self->timer_.cancel();
      self->read();
    });
  }

  void read() {
    ws_.async_read(
        buffer_, [self = this->shared_from_this()](boost::system::error_code error, std::size_t) {
          if (self->closed_) {
            return;
          }
          if (error) {
            self->close(error == websocket::error::closed ? "closed by peer" : error.message());
            return;
          }
          if (auto owner = self->owner_.lock()) {
            InboundPacket packet;
            packet.flow = self->flow_;
            packet.data = beast::buffers_to_string(self->buffer_.data());
            packet.received = std::chrono::steady_clock::now();
            owner->deliver(std::move(packet));
          }
          self->buffer_.consume(self->buffer_.size());
          if (!self->closed_) {
            self->read();
          }
        });
  }

  void writeNext() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(
        asio::buffer(outbox_.front().first),
        [self = this->shared_from_this()](boost::system::error_code error, std::size_t) {
          self->writing_ = false;
          if (self->closed_ || self->outbox_.empty()) {
            return;
          }
          auto [data, done] = std::move(self->outbox_.front());
          self->outbox_.pop_front();
          self->queued_ -= data.size();
          if (done) {
            done(error ? error.message() : std::string());
          }
          if (error) {
            self->close(error.message());
          } else if (!self->outbox_.empty()) {
            self->writeNext();
          }
        });
  }

  std::weak_ptr<WsListener> owner_;
  websocket::stream<Stream> ws_;
  StreamLimits limits_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::empty_body>> parser_;
  std::deque<std::pair<std::string, SendDone>> outbox_;
  std::size_t queued_ = 0;
  bool upgraded_ = false;
  bool writing_ = false;
  bool closed_ = false;
};

}  // namespace

std::shared_ptr<WsListener> WsListener::open(asio::io_context& io, ListenerSpec spec,
                                             PacketHandler handler, StreamLimits limits,
                                             std::string& error) {
  auto listener = std::make_shared<WsListener>(io, spec, std::move(handler), limits);
  if (spec.kind == TransportKind::Wss) {
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

WsListener::WsListener(asio::io_context& io, ListenerSpec spec, PacketHandler handler,
                       StreamLimits limits)
    : Listener(std::move(spec)),
      io_(io),
      acceptor_(io),
      handler_(std::move(handler)),
      limits_(std::move(limits)) {}

WsListener::~WsListener() {
  close();
}

std::size_t WsListener::countFrom(const asio::ip::address& address) const {
  std::size_t count = 0;
  for (const auto& [id, session] : sessions_) {
    if (session->flow().remote.address == address) {
      ++count;
    }
  }
  return count;
}

void WsListener::accept() {
  acceptor_.async_accept(
      [self = shared_from_this()](boost::system::error_code error, tcp::socket socket) {
        if (self->closed_ || error == asio::error::operation_aborted) {
          return;
        }
        if (!error) {
          boost::system::error_code ec;
          const auto remote = socket.remote_endpoint(ec);
          const auto local = socket.local_endpoint(ec);
          if (ec || self->sessions_.size() >= self->limits_.maxConnections ||
              self->countFrom(remote.address()) >= self->limits_.maxConnectionsPerSource) {
            socket.close(ec);
          } else {
            applySocketQos(socket.native_handle(), local.protocol() == tcp::v6(), self->spec().tos,
                           self->spec().cos);
            Flow flow;
            flow.kind = self->spec().kind;
            flow.listener = self->spec().name;
            flow.local = SocketAddress{local.address(), local.port()};
            flow.remote = SocketAddress{remote.address(), remote.port()};
            const auto id = self->nextId_++;
            std::shared_ptr<WsSessionBase> session;
            if (self->tls_) {
              session = std::make_shared<WsSession<beast::ssl_stream<beast::tcp_stream>>>(
                  self,
                  beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)),
                                                       *self->tls_),
                  id, self->limits_, flow);
            } else {
              session = std::make_shared<WsSession<beast::tcp_stream>>(
                  self, beast::tcp_stream(std::move(socket)), id, self->limits_, flow);
            }
            self->sessions_.emplace(id, session);
            session->start();
          }
        }
        self->accept();
      });
}

void WsListener::send(const Flow& flow, std::string data, SendDone done) {
  auto found = sessions_.find(flow.connection);
  if (found == sessions_.end()) {
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (it->second->flow().remote == flow.remote) {
        found = it;
        break;
      }
    }
  }
  if (found == sessions_.end()) {
    if (done) {
      done("no WebSocket connection to " + flow.remote.str());
    }
    return;
  }
  found->second->write(std::move(data), std::move(done));
}

void WsListener::forget(std::uint64_t id) {
  auto found = sessions_.find(id);
  if (found != sessions_.end()) {
    auto keep = found->second;
    sessions_.erase(found);
    asio::post(io_, [keep] {});
  }
}

void WsListener::close() {
  if (closed_) {
    return;
  }
  closed_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  auto sessions = sessions_;
  for (auto& [id, session] : sessions) {
    session->close("transport closed");
  }
  sessions_.clear();
}

}  // namespace sb::sip
