#pragma once
/// @file
/// AMI messages on the wire (Asterisk's main/manager.c framing): lines `Key: Value` ending in
/// CRLF (a bare LF is accepted), a blank line ends a message. Keys are case-insensitive and may
/// repeat (`Variable:`); order is kept. Plain C++, no Asio, so the parser can be fuzzed.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb::modules::manager {

using AmiFields = std::vector<std::pair<std::string, std::string>>;

/// One parsed message: its headers in wire order.
struct AmiMessage {
  AmiFields headers;

  /// Value of the first header named `key` (case-insensitive), or nullopt.
  std::optional<std::string_view> find(std::string_view key) const;
  /// Value of the first header named `key`, "" when absent (Asterisk's astman_get_header).
  std::string get(std::string_view key) const;
  /// Every value of `key` in order (repeated headers such as Variable:).
  std::vector<std::string> all(std::string_view key) const;
};

/// Size limits of one inbound message.
struct AmiLimits {
  std::size_t maxMessageBytes = 64 * 1024;
  std::size_t maxHeaders = 256;
};

/// Incremental parser: feed() bytes as they arrive, then take messages with next().
class AmiParser {
 public:
  explicit AmiParser(AmiLimits limits = {}) : limits_(limits) {}

  /// Appends received bytes. After an error further input is ignored.
  void feed(std::string_view bytes);
  /// The next complete message, or nullopt when more input is needed or on error. A blank line
  /// with no headers before it is an (empty) message, as in Asterisk.
  std::optional<AmiMessage> next();
  /// Set when a limit was exceeded; the connection should be dropped.
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  /// Bytes buffered but not yet part of a returned message.
  std::size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  AmiLimits limits_;
  std::string buffer_;
  std::size_t consumed_ = 0;  ///< start of the message being parsed
  std::string error_;
};

/// Case-insensitive ASCII comparison.
bool equalsNoCase(std::string_view a, std::string_view b);

/// Serializes `fields` as one message: `Key: Value\r\n` lines and the closing blank line.
/// CR and LF inside keys or values become spaces, so no value can inject headers.
std::string serializeAmi(const AmiFields& fields);
/// Appends one `Key: Value\r\n` line (sanitized as above) without the closing blank line.
void appendAmiLine(std::string& out, std::string_view key, std::string_view value);

}  // namespace sb::modules::manager
