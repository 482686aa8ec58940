#pragma once
/// @file
/// One c-ares channel driven by an Asio io_context: c-ares' sockets are watched with
/// stream_descriptors and its retransmission timeouts with a steady_timer, so no call blocks.

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sip/dns/types.hpp"

struct ares_channeldata;

namespace sb::sip::dns {

/// Where and how patiently to ask.
struct ChannelOptions {
  /// Name servers as "ip", "ip:port" or "[ipv6]:port". Empty: /etc/resolv.conf.
  std::vector<std::string> servers;
  /// Time to wait for the first try; c-ares doubles it on each further round of tries.
  std::chrono::milliseconds timeout{2000};
  /// Rounds over the server list before giving up with ARES_ETIMEOUT.
  int tries = 2;
};

/// Raw query transport. Completions are posted to the io_context, never run inside c-ares,
/// and are dropped once the channel is destroyed. Must be used and destroyed on the
/// io_context's thread, before the io_context.
class AresChannel {
 public:
  /// Called with a c-ares status (ARES_*) and the reply bytes (possibly empty).
  using Completion = std::function<void(int aresStatus, std::vector<std::uint8_t> reply)>;

  AresChannel(boost::asio::io_context& io, const ChannelOptions& options);
  ~AresChannel();
  AresChannel(const AresChannel&) = delete;
  AresChannel& operator=(const AresChannel&) = delete;

  /// Empty if the channel is usable; otherwise why not (every query then fails with it).
  const std::string& initError() const { return initError_; }

  /// Sends a class IN query for `name` (no search domains).
  void query(const std::string& name, RecordType type, Completion done);

  /// Queries handed to c-ares so far (for statistics and tests).
  std::size_t queriesSent() const { return queriesSent_; }

 private:
  struct Watch;
  struct Request;

  static void onSocketState(void* data, int fd, int readable, int writable);
  static void onReply(void* arg, int status, int timeouts, unsigned char* abuf, int alen);

  void socketState(int fd, bool readable, bool writable);
  void arm(const std::shared_ptr<Watch>& watch);
  void process(int readFd, int writeFd);
  void rearmTimer();

  boost::asio::io_context& io_;
  ares_channeldata* channel_ = nullptr;
  std::string initError_;
  boost::asio::steady_timer timer_;
  std::unordered_map<int, std::shared_ptr<Watch>> watches_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  std::size_t queriesSent_ = 0;
};

}  // namespace sb::sip::dns
