#pragma once
/// @file
/// Parsing a received SIP message: limits, error values and the entry point.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "sip/message/message.hpp"

namespace sb::sip {

/// Bounds applied to every received message; nothing a peer sends can make the parser
/// allocate more than these allow.
struct ParserLimits {
  /// Whole message (start line, headers, body) in bytes.
  std::size_t maxMessageSize = 65535;
  /// Header field lines (a folded field counts once).
  std::size_t maxHeaders = 256;
  /// Any single physical line, including the start line.
  std::size_t maxLineLength = 8192;
  /// Requests without Max-Forwards get a 400 (RFC 3261 8.1.1.6); RFC 2543 peers omit it.
  bool requireMaxForwards = true;
  /// Request-URI schemes other than sip, sips and tel get a 416 (RFC 3261 8.2.2.1).
  bool rejectUnknownUriSchemes = true;
};

/// Why a message was rejected: the status to answer a request with (400, 416, 505, 513)
/// and a reason phrase naming the problem, e.g. "Bad Request - Missing Call-ID header".
/// reason points to static storage.
struct ParseError {
  int status = 400;
  std::string_view reason;
};

/// How the bytes arrived: a datagram may omit Content-Length (the body is the rest) and
/// carry trailing bytes (ignored, RFC 3261 18.3); a stream message needs Content-Length.
enum class Framing { Datagram, Stream };

/// Outcome of parseMessage(). message is set whenever the header block could be split, even
/// if the start line or validation then failed, so that a 400/505 can be built from it with
/// makeErrorResponse(); error is set when the message must be rejected. Responses that fail
/// are simply dropped by the caller (RFC 3261 18.1.2).
struct ParseResult {
  std::optional<Message> message;
  std::optional<ParseError> error;
  bool ok() const { return message.has_value() && !error.has_value(); }
};

/// Parses and validates one message. Takes ownership of the bytes; the Message's views
/// point into them.
ParseResult parseMessage(std::string data, const ParserLimits& limits = {},
                         Framing framing = Framing::Datagram);

/// The checks parseMessage() applies after splitting: mandatory headers, single-instance
/// headers, CSeq/method agreement, scalar ranges and the syntax of the headers the stack
/// relies on (Via, From, To, Contact, Route, Record-Route, Date). std::nullopt when valid.
std::optional<ParseError> validateMessage(const Message& message, const ParserLimits& limits = {});

}  // namespace sb::sip
