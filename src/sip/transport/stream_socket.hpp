#pragma once
/// @file
/// The byte stream under a SIP connection: plain TCP or TLS over TCP. TcpConnection speaks
/// to this interface, so TLS adds a handshake and nothing else.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <functional>
#include <memory>

namespace sb::sip {

class StreamSocket {
 public:
  using IoHandler = std::function<void(boost::system::error_code, std::size_t)>;
  using Handler = std::function<void(boost::system::error_code)>;

  virtual ~StreamSocket() = default;
  /// TLS handshake (server side for accepted connections); plain TCP completes at once.
  virtual void handshake(bool server, Handler done) = 0;
  virtual void readSome(boost::asio::mutable_buffer buffer, IoHandler done) = 0;
  /// Writes the whole buffer.
  virtual void write(boost::asio::const_buffer buffer, IoHandler done) = 0;
  virtual void close() = 0;
  virtual boost::asio::ip::tcp::socket& tcp() = 0;
};

/// Plain TCP.
std::unique_ptr<StreamSocket> makePlainSocket(boost::asio::ip::tcp::socket socket);
/// TLS over `socket` with `context` (kept alive by the socket).
std::unique_ptr<StreamSocket> makeTlsSocket(boost::asio::ip::tcp::socket socket,
                                            std::shared_ptr<boost::asio::ssl::context> context);

}  // namespace sb::sip
