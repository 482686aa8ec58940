#pragma once
/// @file
/// Splits a TCP/TLS/WebSocket byte stream into SIP messages (RFC 3261 18.3) and RFC 5626
/// keep-alives, with bounded buffering.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "sip/message/parser.hpp"

namespace sb::sip {

/// What StreamFramer::next() found.
struct FrameEvent {
  enum class Type {
    Message,  ///< data holds one complete message (header block + Content-Length body)
    Ping,     ///< CRLFCRLF keep-alive: answer with a single CRLF (RFC 5626 4.4.1)
    Pong,     ///< a lone CRLF (keep-alive answer, or filler between messages)
    Error,    ///< fatal framing error: close the connection; error says why
  };
  Type type = Type::Message;
  std::string data;
  ParseError error;
};

/// Incremental framer. Feed received bytes, then drain next() until it returns nothing.
/// Content-Length is mandatory on streams. After an Error event the framer stays failed.
///
/// Buffering is bounded: at most limits.maxMessageSize bytes of an unfinished message are
/// held, plus whatever a single feed() brings. A CRLF split from a following CRLF across two
/// feeds is reported as two Pongs rather than a Ping.
class StreamFramer {
 public:
  explicit StreamFramer(const ParserLimits& limits = {}) : limits_(limits) {}

  /// Appends received bytes. Returns false (and records a fatal error) once the stream has
  /// failed or the buffered, unframed bytes exceed the limits.
  bool feed(std::string_view bytes);
  /// The next complete event, or std::nullopt when more bytes are needed.
  std::optional<FrameEvent> next();
  /// Bytes received but not yet framed.
  std::size_t buffered() const { return buffer_.size() - start_; }
  bool failed() const { return failed_; }

 private:
  FrameEvent fail(std::string_view reason, int status = 400);
  void compact();

  ParserLimits limits_;
  std::string buffer_;
  std::size_t start_ = 0;    // first unframed byte
  std::size_t scanned_ = 0;  // header-end search resumes here (relative to start_)
  bool failed_ = false;
  bool errorReported_ = false;
  ParseError error_;
};

}  // namespace sb::sip
