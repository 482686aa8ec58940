#include "sip/transport/stream_socket.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

namespace sb::sip {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

class PlainSocket : public StreamSocket {
 public:
  explicit PlainSocket(tcp::socket socket) : socket_(std::move(socket)) {}
  void handshake(bool, Handler done) override {
    asio::post(socket_.get_executor(), [done = std::move(done)] { done({}); });
  }
  void readSome(asio::mutable_buffer buffer, IoHandler done) override {
    socket_.async_read_some(buffer, std::move(done));
  }
  void write(asio::const_buffer buffer, IoHandler done) override {
    asio::async_write(socket_, buffer, std::move(done));
  }
  void close() override {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }
  tcp::socket& tcp() override { return socket_; }

 private:
  tcp::socket socket_;
};

class TlsSocket : public StreamSocket {
 public:
  TlsSocket(tcp::socket socket, std::shared_ptr<asio::ssl::context> context)
      : context_(std::move(context)), stream_(std::move(socket), *context_) {}
  void handshake(bool server, Handler done) override {
    stream_.async_handshake(
        server ? asio::ssl::stream_base::server : asio::ssl::stream_base::client, std::move(done));
  }
  void readSome(asio::mutable_buffer buffer, IoHandler done) override {
    stream_.async_read_some(buffer, std::move(done));
  }
  void write(asio::const_buffer buffer, IoHandler done) override {
    asio::async_write(stream_, buffer, std::move(done));
  }
  void close() override {
    // No TLS close_notify exchange: a peer that stops reading must not keep us waiting.
    boost::system::error_code ignored;
    stream_.lowest_layer().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.lowest_layer().close(ignored);
  }
  tcp::socket& tcp() override { return stream_.next_layer(); }

 private:
  std::shared_ptr<asio::ssl::context> context_;
  asio::ssl::stream<tcp::socket> stream_;
};

}  // namespace

std::unique_ptr<StreamSocket> makePlainSocket(tcp::socket socket) {
  return std::make_unique<PlainSocket>(std::move(socket));
}

std::unique_ptr<StreamSocket> makeTlsSocket(tcp::socket socket,
                                            std::shared_ptr<asio::ssl::context> context) {
  return std::make_unique<TlsSocket>(std::move(socket), std::move(context));
}

}  // namespace sb::sip
