#pragma once
/// @file
/// One AMI connection on the reactor: banner, inbound messages, a bounded outbound queue, the
/// authentication timeout and the per-session state (user, classes, event mask, filters).

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "modules/manager/ami_message.hpp"
#include "modules/manager/event_filter.hpp"

namespace sb::modules::manager {

class AmiRequest;

class AmiSession : public std::enable_shared_from_this<AmiSession> {
 public:
  /// Most bytes queued for a client before the session is dropped.
  static constexpr std::size_t kMaxQueuedBytes = 8 * 1024 * 1024;

  struct Hooks {
    /// A complete inbound message.
    std::function<void(const std::shared_ptr<AmiSession>&, AmiMessage)> message;
    /// The session ended (called once).
    std::function<void(AmiSession&)> closed;
  };

  AmiSession(boost::asio::ip::tcp::socket socket, std::uint64_t id, Hooks hooks);

  /// Sends the banner, starts reading and the authentication timer.
  void start(std::chrono::seconds authTimeout);

  /// Queues text for the client; drops the session when the queue passes kMaxQueuedBytes.
  void send(std::string text);
  /// Stops reading, writes what is queued, then closes.
  void closeAfterFlush();
  /// Closes at once.
  void close();
  /// Failed login: after `delay` (a second, longer for a source that keeps failing), `reply`
  /// runs (it sends the error) and the session closes.
  void failLogin(std::chrono::milliseconds delay, std::function<void()> reply);

  /// Delivers one serialized bus event if classes, mask and filters allow it.
  void deliverEvent(std::uint32_t classes, const std::string& text);
  /// WaitEvent: answers `request` at the next delivered event or after `timeout` (negative:
  /// no limit).
  void waitEvent(std::shared_ptr<AmiRequest> request, int timeoutSeconds);

  void login(std::string username, std::uint32_t readClasses, std::uint32_t writeClasses,
             bool displayConnects);

  std::uint64_t id() const { return id_; }
  bool authenticated() const { return authenticated_; }
  bool closed() const { return closed_; }
  const std::string& username() const { return username_; }
  std::uint32_t readClasses() const { return readClasses_; }
  std::uint32_t writeClasses() const { return writeClasses_; }
  std::uint32_t eventMask() const { return eventMask_; }
  void setEventMask(std::uint32_t mask) { eventMask_ = mask; }
  EventFilters& filters() { return filters_; }
  std::string& challenge() { return challenge_; }
  bool displayConnects() const { return displayConnects_; }
  /// Remote address without port ("127.0.0.1"), and with it.
  const std::string& remoteAddress() const { return remoteAddress_; }
  const boost::asio::ip::tcp::endpoint& remote() const { return remote_; }
  const boost::asio::ip::tcp::endpoint& local() const { return local_; }
  /// When the connection was accepted (security events' SessionTV).
  std::chrono::system_clock::time_point started() const { return started_; }

 private:
  void readNext();
  void processMessages();
  void writeNext();
  void finishWait(const std::string* eventText);

  boost::asio::ip::tcp::socket socket_;
  std::uint64_t id_;
  Hooks hooks_;
  boost::asio::steady_timer authTimer_;
  boost::asio::steady_timer delayTimer_;
  boost::asio::steady_timer waitTimer_;
  AmiParser parser_;
  std::array<char, 4096> readBuffer_{};
  std::deque<std::string> queue_;
  std::string writing_;
  std::size_t queuedBytes_ = 0;
  bool writeInFlight_ = false;
  bool reading_ = true;
  bool closeWhenFlushed_ = false;
  bool closed_ = false;

  boost::asio::ip::tcp::endpoint remote_;
  boost::asio::ip::tcp::endpoint local_;
  std::chrono::system_clock::time_point started_ = std::chrono::system_clock::now();
  std::string remoteAddress_;
  bool authenticated_ = false;
  bool displayConnects_ = false;
  std::string username_;
  std::uint32_t readClasses_ = 0;
  std::uint32_t writeClasses_ = 0;
  std::uint32_t eventMask_;
  EventFilters filters_;
  std::string challenge_;
  std::shared_ptr<AmiRequest> waiting_;
};

}  // namespace sb::modules::manager
