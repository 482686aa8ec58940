#include "sip/dns/ares_channel.hpp"

#include <ares.h>

#include <boost/asio/post.hpp>

namespace sb::sip::dns {

namespace {

constexpr int kClassIn = 1;

/// ares_library_init is reference counted but not thread-safe: do it once per process.
int libraryInit() {
  static const int status = ares_library_init(ARES_LIB_INIT_ALL);
  return status;
}

}  // namespace

/// A socket c-ares opened, adopted without ownership: c-ares closes it, so we release() it
/// when c-ares says it is done with it.
struct AresChannel::Watch {
  Watch(boost::asio::io_context& io, int fd) : descriptor(io), fd(fd) {}
  boost::asio::posix::stream_descriptor descriptor;
  int fd;
  bool wantRead = false;
  bool wantWrite = false;
  bool reading = false;
  bool writing = false;
  bool closed = false;
};

/// State carried through ares_query's void* argument.
struct AresChannel::Request {
  AresChannel* channel;
  Completion done;
};

AresChannel::AresChannel(boost::asio::io_context& io, const ChannelOptions& options)
    : io_(io), timer_(io) {
  if (int rc = libraryInit(); rc != ARES_SUCCESS) {
    initError_ = std::string("c-ares initialisation failed: ") + ares_strerror(rc);
    return;
  }
  ares_options opts{};
  int mask = ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_SOCK_STATE_CB | ARES_OPT_FLAGS |
             ARES_OPT_EDNSPSZ;
  opts.timeout =
      static_cast<int>(std::max<std::chrono::milliseconds::rep>(options.timeout.count(), 1));
  opts.tries = std::max(options.tries, 1);
  opts.sock_state_cb = &AresChannel::onSocketState;
  opts.sock_state_cb_data = this;
  // EDNS0 lets NAPTR/SRV sets larger than 512 bytes come back over UDP.
  opts.flags = ARES_FLAG_EDNS;
  opts.ednspsz = 1232;
  ares_channel channel = nullptr;
  if (int rc = ares_init_options(&channel, &opts, mask); rc != ARES_SUCCESS) {
    initError_ = std::string("c-ares channel setup failed: ") + ares_strerror(rc);
    return;
  }
  channel_ = channel;
  if (!options.servers.empty()) {
    std::string csv;
    for (const std::string& server : options.servers) {
      if (!csv.empty())
        csv += ',';
      csv += server;
    }
    if (int rc = ares_set_servers_ports_csv(channel_, csv.c_str()); rc != ARES_SUCCESS) {
      initError_ = "bad DNS server list '" + csv + "': " + ares_strerror(rc);
    }
  }
}

AresChannel::~AresChannel() {
  *alive_ = false;
  timer_.cancel();
  if (channel_ != nullptr) {
    // Fails outstanding queries with ARES_EDESTRUCTION and reports every socket closed.
    ares_destroy(channel_);
  }
  for (auto& [fd, watch] : watches_) {
    watch->closed = true;
    watch->descriptor.release();
  }
}

void AresChannel::query(const std::string& name, RecordType type, Completion done) {
  if (channel_ == nullptr || !initError_.empty()) {
    boost::asio::post(io_, [alive = alive_, done = std::move(done)]() mutable {
      if (*alive)
        done(ARES_ENOTINITIALIZED, {});
    });
    return;
  }
  ++queriesSent_;
  auto* request = new Request{this, std::move(done)};
  ares_query(channel_, name.c_str(), kClassIn, static_cast<int>(type), &AresChannel::onReply,
             request);
  rearmTimer();
}

void AresChannel::onReply(void* arg, int status, int /*timeouts*/, unsigned char* abuf, int alen) {
  std::unique_ptr<Request> request(static_cast<Request*>(arg));
  if (status == ARES_EDESTRUCTION)
    return;  // the channel is going away: drop silently
  std::vector<std::uint8_t> reply;
  if (abuf != nullptr && alen > 0)
    reply.assign(abuf, abuf + alen);
  // Deliver outside c-ares so the callback may start new queries or drop the resolver.
  AresChannel* self = request->channel;
  boost::asio::post(self->io_, [alive = self->alive_, done = std::move(request->done), status,
                                reply = std::move(reply)]() mutable {
    if (*alive)
      done(status, std::move(reply));
  });
}

void AresChannel::onSocketState(void* data, int fd, int readable, int writable) {
  static_cast<AresChannel*>(data)->socketState(fd, readable != 0, writable != 0);
}

void AresChannel::socketState(int fd, bool readable, bool writable) {
  auto it = watches_.find(fd);
  if (!readable && !writable) {
    // c-ares is about to close the socket: stop watching without closing it ourselves.
    if (it != watches_.end()) {
      it->second->closed = true;
      it->second->descriptor.release();
      watches_.erase(it);
    }
    return;
  }
  if (it == watches_.end()) {
    auto watch = std::make_shared<Watch>(io_, fd);
    boost::system::error_code ec;
    watch->descriptor.assign(fd, ec);
    // Unwatchable socket (should not happen): its queries still end through the timer.
    if (ec)
      return;
    it = watches_.emplace(fd, std::move(watch)).first;
  }
  it->second->wantRead = readable;
  it->second->wantWrite = writable;
  arm(it->second);
}

void AresChannel::arm(const std::shared_ptr<Watch>& watch) {
  using Wait = boost::asio::posix::stream_descriptor::wait_type;
  auto onReady = [this, alive = alive_, watch](bool forRead, boost::system::error_code ec) {
    (forRead ? watch->reading : watch->writing) = false;
    if (!*alive || watch->closed || ec == boost::asio::error::operation_aborted)
      return;
    process(forRead ? watch->fd : ARES_SOCKET_BAD, forRead ? ARES_SOCKET_BAD : watch->fd);
    if (!ec && !watch->closed)
      arm(watch);
  };
  if (watch->wantRead && !watch->reading) {
    watch->reading = true;
    watch->descriptor.async_wait(Wait::wait_read,
                                 [onReady](boost::system::error_code ec) { onReady(true, ec); });
  }
  if (watch->wantWrite && !watch->writing) {
    watch->writing = true;
    watch->descriptor.async_wait(Wait::wait_write,
                                 [onReady](boost::system::error_code ec) { onReady(false, ec); });
  }
}

void AresChannel::process(int readFd, int writeFd) {
  ares_process_fd(channel_, readFd, writeFd);
  rearmTimer();
}

void AresChannel::rearmTimer() {
  timeval tv{};
  if (ares_timeout(channel_, nullptr, &tv) == nullptr) {
    timer_.cancel();  // nothing outstanding
    return;
  }
  timer_.expires_after(std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec));
  timer_.async_wait([this, alive = alive_](boost::system::error_code ec) {
    if (ec || !*alive)
      return;
    // Both fds "bad": c-ares only checks for expired tries and retransmits.
    process(ARES_SOCKET_BAD, ARES_SOCKET_BAD);
  });
}

}  // namespace sb::sip::dns
