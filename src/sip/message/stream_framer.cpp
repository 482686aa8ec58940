#include "sip/message/stream_framer.hpp"

#include "sip/message/header_names.hpp"
#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

enum class ClResult { Found, Missing, Invalid };

/// Finds Content-Length (or "l") in a header block and parses it.
ClResult findContentLength(std::string_view block, std::size_t maxValue, std::size_t& out) {
  bool found = false;
  std::size_t pos = block.find('\n');  // skip the start line
  while (pos != std::string_view::npos && pos + 1 < block.size()) {
    std::size_t begin = pos + 1;
    std::size_t end = block.find('\n', begin);
    std::string_view line =
        block.substr(begin, end == std::string_view::npos ? block.npos : end - begin);
    pos = end;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || line.empty() || text::isWs(line[0]))
      continue;
    if (headerIdFromName(text::trimRight(line.substr(0, colon))) != HeaderId::ContentLength) {
      continue;
    }
    if (found)
      return ClResult::Invalid;  // two Content-Lengths cannot frame a stream
    std::uint64_t v = 0;
    if (!text::parseUint(text::trim(line.substr(colon + 1)), maxValue, v)) {
      return ClResult::Invalid;
    }
    out = static_cast<std::size_t>(v);
    found = true;
  }
  return found ? ClResult::Found : ClResult::Missing;
}

}  // namespace

FrameEvent StreamFramer::fail(std::string_view reason, int status) {
  failed_ = true;
  error_ = ParseError{status, reason};
  errorReported_ = true;
  buffer_.clear();
  buffer_.shrink_to_fit();
  start_ = 0;
  FrameEvent e;
  e.type = FrameEvent::Type::Error;
  e.error = error_;
  return e;
}

void StreamFramer::compact() {
  if (start_ == 0)
    return;
  if (start_ >= buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  } else if (start_ > buffer_.size() / 2 || start_ > 65536) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
}

bool StreamFramer::feed(std::string_view bytes) {
  if (failed_)
    return false;
  compact();
  // An unframed tail can never legitimately exceed one maximal message; refuse to grow
  // past that plus the incoming chunk.
  if (buffered() > limits_.maxMessageSize) {
    failed_ = true;
    errorReported_ = false;
    error_ = ParseError{513, "Message Too Large"};
    buffer_.clear();
    start_ = 0;
    return false;
  }
  buffer_.append(bytes);
  return true;
}

std::optional<FrameEvent> StreamFramer::next() {
  if (failed_) {
    if (errorReported_)
      return std::nullopt;
    errorReported_ = true;
    FrameEvent e;
    e.type = FrameEvent::Type::Error;
    e.error = error_;
    return e;
  }
  std::string_view s = std::string_view(buffer_).substr(start_);
  if (s.empty())
    return std::nullopt;

  if (s[0] == '\r' || s[0] == '\n') {
    // Keep-alives and CRLFs between messages.
    if (s.substr(0, 4) == "\r\n\r\n") {
      start_ += 4;
      scanned_ = 0;
      return FrameEvent{FrameEvent::Type::Ping, {}, {}};
    }
    if (s.size() < 4 && std::string_view("\r\n\r\n").substr(0, s.size()) == s && s.size() != 2) {
      return std::nullopt;  // maybe the start of a ping
    }
    if (s.substr(0, 2) == "\r\n") {
      start_ += 2;
      scanned_ = 0;
      return FrameEvent{FrameEvent::Type::Pong, {}, {}};
    }
    if (s[0] == '\n') {
      start_ += 1;
      scanned_ = 0;
      return FrameEvent{FrameEvent::Type::Pong, {}, {}};
    }
    if (s.size() < 2)
      return std::nullopt;
    return fail("Bad Request - Stray CR in stream");
  }

  std::size_t from = scanned_ > 3 ? scanned_ - 3 : 0;
  std::size_t hdrEnd = s.find("\r\n\r\n", from);
  if (hdrEnd == std::string_view::npos) {
    scanned_ = s.size();
    if (s.size() > limits_.maxMessageSize)
      return fail("Bad Request - Header block too large");
    return std::nullopt;
  }
  std::size_t headerSize = hdrEnd + 4;
  if (headerSize > limits_.maxMessageSize)
    return fail("Bad Request - Header block too large");
  std::size_t bodyLen = 0;
  switch (findContentLength(s.substr(0, hdrEnd + 2), 0xFFFFFFFFu, bodyLen)) {
    case ClResult::Missing:
      return fail("Bad Request - Missing Content-Length");
    case ClResult::Invalid:
      return fail("Bad Request - Invalid Content-Length");
    case ClResult::Found:
      break;
  }
  if (headerSize + bodyLen > limits_.maxMessageSize)
    return fail("Message Too Large", 513);
  if (s.size() < headerSize + bodyLen) {
    scanned_ = hdrEnd;  // header end known; keep the search cheap until the body arrives
    return std::nullopt;
  }
  FrameEvent e;
  e.type = FrameEvent::Type::Message;
  e.data.assign(s.substr(0, headerSize + bodyLen));
  start_ += headerSize + bodyLen;
  scanned_ = 0;
  return e;
}

}  // namespace sb::sip
