#include "sip/message/parser.hpp"

#include <cstring>

#include "sip/message/message_access.hpp"
#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

using A = MessageAccess;

/// Splits the next physical line off s at pos; accepts CRLF and, leniently, bare LF.
/// Returns false when no line terminator remains.
bool nextLine(std::string_view s, std::size_t& pos, std::string_view& line) {
  if (pos >= s.size())
    return false;
  const void* nl = std::memchr(s.data() + pos, '\n', s.size() - pos);
  if (nl == nullptr)
    return false;
  auto end = static_cast<std::size_t>(static_cast<const char*>(nl) - s.data());
  std::size_t lineEnd = (end > pos && s[end - 1] == '\r') ? end - 1 : end;
  line = s.substr(pos, lineEnd - pos);
  pos = end + 1;
  return true;
}

ParseError startLineError(StartLineError e, bool request) {
  switch (e) {
    case StartLineError::UnsupportedVersion:
      return {505, "Version Not Supported"};
    case StartLineError::BadMethod:
      return {400, "Bad Request - Invalid method"};
    case StartLineError::BadRequestUri:
      return {400, "Bad Request - Malformed Request-URI"};
    case StartLineError::BadStatusCode:
      return {400, "Bad Request - Invalid status code"};
    default:
      return {400, request ? "Bad Request - Malformed Request-Line"
                           : "Bad Request - Malformed Status-Line"};
  }
}

}  // namespace

ParseResult parseMessage(std::string data, const ParserLimits& limits, Framing framing) {
  ParseResult result;
  // A message over the limit is still split into headers (line and header limits bound
  // that), so that a request can be answered with a 513 carrying its Via.
  const bool tooLarge = data.size() > limits.maxMessageSize;
  Message m;
  auto buffer = std::make_shared<const std::string>(std::move(data));
  std::string_view s = *buffer;
  A::buffer(m) = std::move(buffer);

  // RFC 3261 7.5: CRLFs before the start line are ignored.
  std::size_t pos = 0;
  while (pos + 1 < s.size() && s[pos] == '\r' && s[pos + 1] == '\n')
    pos += 2;

  std::string_view line;
  if (!nextLine(s, pos, line)) {
    result.error = ParseError{400, "Bad Request - Incomplete message"};
    return result;
  }
  if (line.size() > limits.maxLineLength) {
    result.error = ParseError{400, "Bad Request - Start line too long"};
    return result;
  }
  A::startLine(m) = line;
  bool request = !(line.size() >= 4 && line.substr(0, 4) == "SIP/");
  A::isRequest(m) = request;
  StartLineError sle =
      request ? parseRequestLine(line, A::request(m)) : parseStatusLine(line, A::status(m));
  // A bad start line is reported, but the headers are still split so that the transport can
  // answer a request with a 400 or 505 carrying its Via, From, To, Call-ID and CSeq.
  std::optional<ParseError> startError;
  if (sle != StartLineError::None)
    startError = startLineError(sle, request);

  std::vector<Header>& headers = A::headers(m);
  headers.reserve(24);
  bool ended = false;
  bool folded = false;
  while (nextLine(s, pos, line)) {
    if (line.size() > limits.maxLineLength) {
      result.error = ParseError{400, "Bad Request - Header line too long"};
      return result;
    }
    if (line.empty()) {
      ended = true;
      break;
    }
    if (text::isWs(line[0])) {
      // Continuation of the previous field (folding); extend its raw text.
      if (headers.empty()) {
        result.error = ParseError{400, "Bad Request - Malformed header folding"};
        return result;
      }
      Header& h = headers.back();
      h.raw = std::string_view(h.raw.data(),
                               static_cast<std::size_t>(line.data() + line.size() - h.raw.data()));
      folded = true;
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      result.error = ParseError{400, "Bad Request - Malformed header line"};
      return result;
    }
    std::string_view name = text::trimRight(line.substr(0, colon));
    if (!text::isToken(name)) {
      result.error = ParseError{400, "Bad Request - Malformed header name"};
      return result;
    }
    if (headers.size() >= limits.maxHeaders) {
      result.error = ParseError{400, "Bad Request - Too many headers"};
      return result;
    }
    Header h;
    h.name = name;
    h.id = headerIdFromName(name);
    h.raw = line;
    h.value = text::trim(line.substr(colon + 1));
    headers.push_back(h);
  }
  if (!ended) {
    result.error = ParseError{400, "Bad Request - Incomplete header block"};
    return result;
  }
  if (folded) {
    // Values of folded fields become unfolded copies; the raw text stays as received.
    for (Header& h : headers) {
      if (!text::isFolded(h.raw))
        continue;
      std::string_view v = text::trim(h.raw.substr(h.raw.find(':') + 1));
      h.value = text::isFolded(v) ? A::own(m, text::unfold(v)) : v;
    }
  }

  std::string_view rest = s.substr(pos);
  result.message = std::move(m);
  Message& msg = *result.message;
  A::body(msg) = rest;
  if (tooLarge) {
    result.error = ParseError{513, "Message Too Large"};
    return result;
  }
  if (startError) {
    result.error = startError;
    return result;
  }

  A::cacheParsedHeaders(msg);
  if (auto err = validateMessage(msg, limits)) {
    result.error = err;
    return result;
  }
  auto cl = msg.contentLength();
  if (!cl) {
    if (framing == Framing::Stream) {
      result.error = ParseError{400, "Bad Request - Missing Content-Length"};
      return result;
    }
  } else if (*cl > rest.size()) {
    result.error = ParseError{400, "Bad Request - Content-Length exceeds message size"};
    return result;
  } else {
    // Datagram: bytes after the body are ignored (RFC 3261 18.3).
    A::body(msg) = rest.substr(0, *cl);
  }
  return result;
}

}  // namespace sb::sip
