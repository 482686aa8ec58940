#include "sip/transport/tcp_connection.hpp"

#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>

#include "sip/transport/tcp_listener.hpp"

namespace sb::sip {

namespace asio = boost::asio;
using asio::ip::tcp;

TcpConnection::TcpConnection(std::weak_ptr<TcpListener> owner, std::unique_ptr<StreamSocket> socket,
                             std::uint64_t id, bool inbound, const StreamLimits& limits, Flow flow)
    : owner_(std::move(owner)),
      socket_(std::move(socket)),
      id_(id),
      inbound_(inbound),
      limits_(limits),
      flow_(std::move(flow)),
      framer_(limits.parser),
      firstMessageTimer_(socket_->tcp().get_executor()),
      idleTimer_(socket_->tcp().get_executor()) {
  flow_.connection = id_;
  touch();
}

void TcpConnection::start() {
  boost::system::error_code ignored;
  socket_->tcp().set_option(tcp::no_delay(true), ignored);
  if (inbound_) {
    firstMessageTimer_.expires_after(limits_.firstMessageTimeout);
    firstMessageTimer_.async_wait([self = shared_from_this()](boost::system::error_code error) {
      if (!error && !self->gotMessage_) {
        self->close("no message within the first-message timeout");
      }
    });
  }
  armIdleTimer();
  socket_->handshake(inbound_, [self = shared_from_this()](boost::system::error_code error) {
    if (self->closed_) {
      return;
    }
    if (error) {
      self->close("TLS handshake failed: " + error.message());
      return;
    }
    self->established();
  });
}

void TcpConnection::established() {
  connected_ = true;
  read();
  if (!outbox_.empty()) {
    writeNext();
  }
}

void TcpConnection::connect() {
  const tcp::endpoint to(flow_.remote.address, flow_.remote.port);
  socket_->tcp().async_connect(to, [self = shared_from_this()](boost::system::error_code error) {
    if (self->closed_) {
      return;
    }
    if (error) {
      self->close("connect to " + self->flow_.remote.str() + " failed: " + error.message());
      return;
    }
    boost::system::error_code ignored;
    const auto local = self->socket_->tcp().local_endpoint(ignored);
    self->flow_.local = SocketAddress{local.address(), local.port()};
    self->start();
  });
}

void TcpConnection::armIdleTimer() {
  const auto deadline = lastActivity_ + limits_.idleTimeout;
  idleTimer_.expires_at(deadline);
  idleTimer_.async_wait([self = shared_from_this()](boost::system::error_code error) {
    if (error || self->closed_) {
      return;
    }
    if (std::chrono::steady_clock::now() >= self->lastActivity_ + self->limits_.idleTimeout) {
      self->close("idle timeout");
    } else {
      self->armIdleTimer();  // there was traffic since the timer was set
    }
  });
}

void TcpConnection::read() {
  socket_->readSome(asio::buffer(buffer_), [self = shared_from_this()](
                                               boost::system::error_code error, std::size_t size) {
    if (self->closed_) {
      return;
    }
    if (error) {
      const bool peerClosed =
          error == asio::error::eof || error == asio::ssl::error::stream_truncated;
      self->close(peerClosed ? "closed by peer" : error.message());
      return;
    }
    self->touch();
    self->framer_.feed(std::string_view(self->buffer_.data(), size));
    while (auto event = self->framer_.next()) {
      switch (event->type) {
        case FrameEvent::Type::Message: {
          self->gotMessage_ = true;
          self->firstMessageTimer_.cancel();
          auto owner = self->owner_.lock();
          if (owner && owner->handler_) {
            InboundPacket packet;
            packet.flow = self->flow_;
            packet.data = std::move(event->data);
            packet.received = std::chrono::steady_clock::now();
            owner->handler_(std::move(packet));
          }
          break;
        }
        case FrameEvent::Type::Ping:
          self->write("\r\n", nullptr);  // RFC 5626 pong
          break;
        case FrameEvent::Type::Pong:
          break;
        case FrameEvent::Type::Error:
          self->close(std::string("framing error: ") + std::string(event->error.reason));
          return;
      }
      if (self->closed_) {
        return;
      }
    }
    self->read();
  });
}

void TcpConnection::write(std::string data, SendDone done) {
  if (closed_) {
    if (done) {
      done("connection closed");
    }
    return;
  }
  queuedBytes_ += data.size();
  outbox_.emplace_back(std::move(data), std::move(done));
  if (queuedBytes_ > limits_.maxQueuedBytes) {
    close("peer is not reading (send queue full)");
    return;
  }
  if (connected_ && !writing_) {
    writeNext();
  }
}

void TcpConnection::writeNext() {
  writing_ = true;
  socket_->write(asio::buffer(outbox_.front().first),
                 [self = shared_from_this()](boost::system::error_code error, std::size_t) {
                   self->writing_ = false;
                   if (self->closed_ || self->outbox_.empty()) {
                     return;
                   }
                   auto [data, done] = std::move(self->outbox_.front());
                   self->outbox_.pop_front();
                   self->queuedBytes_ -= data.size();
                   if (done) {
                     done(error ? error.message() : std::string());
                   }
                   if (error) {
                     self->close(error.message());
                     return;
                   }
                   self->touch();
                   if (!self->outbox_.empty()) {
                     self->writeNext();
                   }
                 });
}

void TcpConnection::close(const std::string& why) {
  if (closed_) {
    return;
  }
  closed_ = true;
  socket_->close();
  firstMessageTimer_.cancel();
  idleTimer_.cancel();
  auto pending = std::move(outbox_);
  outbox_.clear();
  queuedBytes_ = 0;
  for (auto& [data, done] : pending) {
    if (done) {
      done(why);
    }
  }
  if (auto owner = owner_.lock()) {
    owner->forget(id_);
  }
}

}  // namespace sb::sip
