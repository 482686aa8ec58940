#include "modules/manager/ami_session.hpp"

#include <boost/asio/write.hpp>
#include <utility>

#include "core/events/event_bus.hpp"
#include "core/log/logger.hpp"
#include "modules/manager/manager_service.hpp"

namespace sb::modules::manager {

namespace asio = boost::asio;

AmiSession::AmiSession(asio::ip::tcp::socket socket, std::uint64_t id, Hooks hooks)
    : socket_(std::move(socket)),
      id_(id),
      hooks_(std::move(hooks)),
      authTimer_(socket_.get_executor()),
      delayTimer_(socket_.get_executor()),
      waitTimer_(socket_.get_executor()),
      eventMask_(events::kAllClasses) {
  boost::system::error_code error;
  remote_ = socket_.remote_endpoint(error);
  local_ = socket_.local_endpoint(error);
  auto address = remote_.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  remoteAddress_ = address.to_string();
}

void AmiSession::start(std::chrono::seconds authTimeout) {
  send("Asterisk Call Manager/11.0.0\r\n");
  authTimer_.expires_after(authTimeout);
  authTimer_.async_wait([weak = weak_from_this()](const boost::system::error_code& error) {
    auto self = weak.lock();
    if (error || !self || self->closed_ || self->authenticated_) {
      return;
    }
    SB_VERBOSE(2, "Client from {} unable to authenticate in time", self->remoteAddress_);
    self->close();
  });
  readNext();
}

void AmiSession::readNext() {
  if (closed_ || !reading_) {
    return;
  }
  socket_.async_read_some(
      asio::buffer(readBuffer_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t size) {
        if (self->closed_ || !self->reading_) {
          return;
        }
        if (error) {
          self->close();
          return;
        }
        self->parser_.feed(std::string_view(self->readBuffer_.data(), size));
        self->processMessages();
        self->readNext();
      });
}

void AmiSession::processMessages() {
  while (!closed_ && reading_) {
    auto message = parser_.next();
    if (!message) {
      break;
    }
    if (hooks_.message) {
      hooks_.message(shared_from_this(), std::move(*message));
    }
  }
  if (parser_.failed() && !closed_) {
    SB_WARNING("Dropping AMI connection from {}: {}", remoteAddress_, parser_.error());
    close();
  }
}

void AmiSession::send(std::string text) {
  if (closed_ || text.empty()) {
    return;
  }
  queuedBytes_ += text.size();
  if (queuedBytes_ > kMaxQueuedBytes) {
    SB_WARNING("Dropping AMI connection from {}: the client does not read ({} bytes queued)",
               remoteAddress_, queuedBytes_);
    close();
    return;
  }
  queue_.push_back(std::move(text));
  if (!writeInFlight_) {
    writeNext();
  }
}

void AmiSession::writeNext() {
  if (closed_) {
    return;
  }
  if (queue_.empty()) {
    writeInFlight_ = false;
    if (closeWhenFlushed_) {
      close();
    }
    return;
  }
  writeInFlight_ = true;
  writing_ = std::move(queue_.front());
  queue_.pop_front();
  while (!queue_.empty() && writing_.size() < 64 * 1024) {
    writing_ += queue_.front();
    queue_.pop_front();
  }
  asio::async_write(
      socket_, asio::buffer(writing_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t) {
        if (self->closed_) {
          return;
        }
        self->queuedBytes_ -= self->writing_.size();
        self->writing_.clear();
        if (error) {
          self->close();
          return;
        }
        self->writeNext();
      });
}

void AmiSession::closeAfterFlush() {
  reading_ = false;
  closeWhenFlushed_ = true;
  if (!writeInFlight_ && queue_.empty()) {
    close();
  }
}

void AmiSession::close() {
  if (closed_) {
    return;
  }
  closed_ = true;
  reading_ = false;
  authTimer_.cancel();
  delayTimer_.cancel();
  waitTimer_.cancel();
  waiting_.reset();
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  queue_.clear();
  // Only the closed hook is taken: the message hook may be the caller (Logoff inside it).
  if (auto closed = std::exchange(hooks_.closed, nullptr)) {
    closed(*this);  // may drop the server's reference: nothing touches `this` afterwards
  }
}

void AmiSession::failLogin(std::chrono::milliseconds delay, std::function<void()> reply) {
  reading_ = false;
  delayTimer_.expires_after(delay);
  delayTimer_.async_wait([self = shared_from_this(),
                          reply = std::move(reply)](const boost::system::error_code& error) {
    if (error || self->closed_) {
      return;
    }
    reply();
    self->closeAfterFlush();
  });
}

void AmiSession::login(std::string username, std::uint32_t readClasses, std::uint32_t writeClasses,
                       bool displayConnects) {
  authenticated_ = true;
  username_ = std::move(username);
  readClasses_ = readClasses;
  writeClasses_ = writeClasses;
  displayConnects_ = displayConnects;
  authTimer_.cancel();
}

void AmiSession::deliverEvent(std::uint32_t classes, const std::string& text) {
  if (closed_ || !authenticated_ || (readClasses_ & classes) != classes ||
      (eventMask_ & classes) != classes || !filters_.passes(text)) {
    return;
  }
  if (waiting_) {
    finishWait(&text);
    return;
  }
  send(text);
}

void AmiSession::waitEvent(std::shared_ptr<AmiRequest> request, int timeoutSeconds) {
  if (waiting_) {
    finishWait(nullptr);  // a newer WaitEvent abandons the older one, as in Asterisk
  }
  waiting_ = std::move(request);
  waitTimer_.cancel();
  if (timeoutSeconds >= 0) {
    waitTimer_.expires_after(std::chrono::seconds(timeoutSeconds));
    waitTimer_.async_wait([weak = weak_from_this(), request = std::weak_ptr<AmiRequest>(waiting_)](
                              const boost::system::error_code& error) {
      auto self = weak.lock();
      if (error || !self || self->closed_ || self->waiting_ != request.lock()) {
        return;
      }
      self->finishWait(nullptr);
    });
  }
}

void AmiSession::finishWait(const std::string* eventText) {
  auto request = std::move(waiting_);
  waiting_.reset();
  waitTimer_.cancel();
  request->success("Waiting for Event completed.");
  if (eventText != nullptr) {
    send(*eventText);
  }
  std::string complete;
  appendAmiLine(complete, "Event", "WaitEventComplete");
  if (!request->actionId().empty()) {
    appendAmiLine(complete, "ActionID", request->actionId());
  }
  complete += "\r\n";
  send(std::move(complete));
}

}  // namespace sb::modules::manager
