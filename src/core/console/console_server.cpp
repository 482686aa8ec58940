#include "core/console/console_server.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <boost/asio/write.hpp>
#include <deque>

#include "core/console/frame.hpp"
#include "core/log/logger.hpp"

namespace sb::console {

namespace asio = boost::asio;
using Socket = asio::local::stream_protocol::socket;

/// One attached console. Lives while its socket is open; the server holds it.
class ConsoleSession : public std::enable_shared_from_this<ConsoleSession> {
 public:
  ConsoleSession(ConsoleServer& server, Socket socket)
      : server_(server), socket_(std::move(socket)), alive_(std::make_shared<bool>(true)) {}
  ~ConsoleSession() { *alive_ = false; }

  void start() {
    send(FrameType::Banner, server_.banner_);
    read();
  }

  void send(FrameType type, std::string_view payload) {
    if (!socket_.is_open()) {
      return;
    }
    outbox_.push_back(encodeFrame(type, payload));
    if (outbox_.size() == 1) {
      writeNext();
    }
  }

  /// Synchronous flush at shutdown: the peer is local and the data small.
  void flushAndClose() {
    boost::system::error_code ignored;
    if (writing_ && !outbox_.empty()) {
      outbox_.pop_front();  // Asio sent it speculatively when the write started
    }
    while (!outbox_.empty() && socket_.is_open()) {
      asio::write(socket_, asio::buffer(outbox_.front()), ignored);
      outbox_.pop_front();
      if (ignored) {
        break;
      }
    }
    logSink_.reset();
    socket_.close(ignored);
  }

 private:
  class SessionReply : public cli::Reply {
   public:
    explicit SessionReply(std::weak_ptr<ConsoleSession> session) : session_(std::move(session)) {}
    ~SessionReply() override { finish(cli::Status::Success); }
    void write(std::string_view text) override {
      if (auto session = session_.lock(); session && !finished_) {
        session->send(FrameType::Output, text);
      }
    }
    void finish(cli::Status status) override {
      if (finished_) {
        return;
      }
      finished_ = true;
      if (auto session = session_.lock()) {
        session->send(FrameType::End, std::to_string(static_cast<int>(status)));
      }
    }

   private:
    std::weak_ptr<ConsoleSession> session_;
    bool finished_ = false;
  };

  void read() {
    socket_.async_read_some(
        asio::buffer(readBuffer_),
        [self = shared_from_this()](boost::system::error_code error, std::size_t n) {
          if (error) {
            self->close();
            return;
          }
          self->decoder_.feed(std::string_view(self->readBuffer_.data(), n));
          while (auto frame = self->decoder_.next()) {
            self->handle(*frame);
          }
          if (self->decoder_.failed()) {
            self->close();
            return;
          }
          self->read();
        });
  }

  void handle(const Frame& frame) {
    switch (frame.type) {
      case FrameType::Command:
        server_.commands_.execute(frame.payload, std::make_shared<SessionReply>(weak_from_this()));
        break;
      case FrameType::Complete: {
        std::string joined;
        for (const auto& candidate : server_.commands_.complete(frame.payload)) {
          joined += candidate;
          joined += '\n';
        }
        send(FrameType::Completions, joined);
        break;
      }
      case FrameType::Subscribe:
        subscribeLogs();
        break;
      default:
        break;  // server-to-client types are ignored
    }
  }

  void subscribeLogs() {
    if (logSink_.active()) {
      return;
    }
    // Log lines arrive on the logger thread; hop to the reactor before touching the socket.
    core::Reactor* reactor = &server_.reactor_;
    std::weak_ptr<ConsoleSession> weak = weak_from_this();
    std::weak_ptr<bool> alive = alive_;
    logSink_ = log::Logger::get().addConsoleSink(
        [reactor, weak, alive](const log::Record&, const std::string& line) {
          if (alive.expired()) {
            return;
          }
          reactor->post([weak, line] {
            if (auto session = weak.lock()) {
              session->send(FrameType::Log, line);
            }
          });
        });
  }

  void writeNext() {
    writing_ = true;
    asio::async_write(socket_, asio::buffer(outbox_.front()),
                      [self = shared_from_this()](boost::system::error_code error, std::size_t) {
                        self->writing_ = false;
                        if (error) {
                          self->close();
                          return;
                        }
                        self->outbox_.pop_front();
                        if (!self->outbox_.empty()) {
                          self->writeNext();
                        }
                      });
  }

  void close() {
    boost::system::error_code ignored;
    logSink_.reset();
    socket_.close(ignored);
    outbox_.clear();
    server_.forget(this);
  }

  ConsoleServer& server_;
  Socket socket_;
  std::array<char, 4096> readBuffer_{};
  FrameDecoder decoder_;
  std::deque<std::string> outbox_;
  Registration logSink_;
  std::shared_ptr<bool> alive_;
  bool writing_ = false;
};

ConsoleServer::ConsoleServer(core::Reactor& reactor, cli::CommandRegistry& commands,
                             std::filesystem::path path, std::string banner)
    : reactor_(reactor), commands_(commands), path_(std::move(path)), banner_(std::move(banner)) {}

ConsoleServer::~ConsoleServer() {
  stop();
}

Result<void> ConsoleServer::start() {
  std::error_code fsError;
  std::filesystem::create_directories(path_.parent_path(), fsError);
  if (std::filesystem::exists(path_, fsError)) {
    // A live server answers; a stale socket from a crashed one does not.
    Socket probe(reactor_.io());
    boost::system::error_code error;
    probe.connect(asio::local::stream_protocol::endpoint(path_.string()), error);
    if (!error) {
      return Error{"another server is already running on " + path_.string()};
    }
    std::filesystem::remove(path_, fsError);
  }
  try {
    acceptor_ = std::make_unique<asio::local::stream_protocol::acceptor>(
        reactor_.io(), asio::local::stream_protocol::endpoint(path_.string()));
  } catch (const boost::system::system_error& error) {
    return Error{"cannot listen on " + path_.string() + ": " + error.code().message()};
  }
  ::chmod(path_.c_str(), 0660);
  accept();
  return {};
}

void ConsoleServer::accept() {
  acceptor_->async_accept([this](boost::system::error_code error, Socket socket) {
    if (error || stopped_) {
      return;
    }
    ucred credentials{};
    socklen_t length = sizeof credentials;
    const bool known =
        ::getsockopt(socket.native_handle(), SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0;
    if (!known || (credentials.uid != 0 && credentials.uid != ::geteuid())) {
      SB_WARNING("Refused console connection from uid {}", known ? credentials.uid : -1);
      boost::system::error_code ignored;
      asio::write(socket, asio::buffer(encodeFrame(FrameType::Output, "Permission denied\n")),
                  ignored);
      socket.close(ignored);
    } else {
      auto session = std::make_shared<ConsoleSession>(*this, std::move(socket));
      sessions_.insert(session);
      session->start();
    }
    accept();
  });
}

void ConsoleServer::forget(ConsoleSession* session) {
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
    if (it->get() == session) {
      // Keep the session alive until its current handler returns.
      auto keep = *it;
      sessions_.erase(it);
      reactor_.post([keep] {});
      return;
    }
  }
}

void ConsoleServer::stop() {
  if (stopped_) {
    return;
  }
  stopped_ = true;
  boost::system::error_code ignored;
  if (acceptor_) {
    acceptor_->close(ignored);
    std::error_code fsError;
    std::filesystem::remove(path_, fsError);
  }
  auto sessions = std::move(sessions_);
  for (const auto& session : sessions) {
    session->flushAndClose();
  }
}

}  // namespace sb::console
