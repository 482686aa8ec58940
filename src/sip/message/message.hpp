#pragma once
/// @file
/// A SIP message (request or response) over its received bytes: zero-copy header views,
/// typed on-demand accessors, modification and serialization.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sip/message/header_names.hpp"
#include "sip/message/header_values.hpp"
#include "sip/message/name_addr.hpp"
#include "sip/message/start_line.hpp"
#include "sip/message/via.hpp"

namespace sb::sip {

/// One header field line, in received order.
struct Header {
  HeaderId id = HeaderId::Other;
  /// Name as written ("v", "VIA", "X-Foo").
  std::string_view name;
  /// Value with surrounding LWS removed. When the field was folded over several lines this
  /// is an unfolded copy (each fold becomes one SP) owned by the message.
  std::string_view value;
  /// The whole field as it will be serialized (name, colon, value, folds), without the
  /// final CRLF. For received headers this is the received text, byte for byte.
  std::string_view raw;
};

/// A parsed or built SIP message. Copies share the underlying immutable text, so copying is
/// cheap and views obtained from one copy stay valid while any copy lives.
///
/// Typed accessors parse on each call, except from() and to() of a parsed message, which
/// the parser fills once (until the header list changes); they return std::nullopt / empty
/// when the header is absent or malformed. A message from a parseMessage() that succeeded
/// has had its mandatory headers validated. Const use from several threads is safe;
/// modification is not synchronized.
class Message {
 public:
  /// An empty message; use parseMessage(), makeRequest(), makeStatus() or makeResponse().
  Message() = default;

  /// A new request with only a start line; add headers with addHeader().
  /// std::nullopt when method is not a token or requestUri does not parse.
  static std::optional<Message> makeRequest(std::string_view method, std::string_view requestUri);
  /// A new response with only a status line (code 100..699).
  static std::optional<Message> makeStatus(int code, std::string_view reason);

  bool isRequest() const { return isRequest_; }
  bool isResponse() const { return !isRequest_; }

  /// Start line as it will be serialized (without CRLF).
  std::string_view startLine() const { return startLine_; }
  /// Request line (meaningful for requests only).
  const RequestLine& requestLine() const { return request_; }
  /// Status line (meaningful for responses only).
  const StatusLine& statusLine() const { return status_; }
  Method method() const { return request_.method; }
  std::string_view methodText() const { return request_.methodText; }
  const Uri& requestUri() const { return request_.uri; }
  int statusCode() const { return status_.code; }
  std::string_view reasonPhrase() const { return status_.reason; }

  /// All header fields in order.
  std::span<const Header> headers() const { return headers_; }
  /// First header with this id / name (name may be compact, any case), or nullptr.
  const Header* find(HeaderId id) const;
  const Header* find(std::string_view name) const;
  /// Number of header lines with this id / name.
  std::size_t count(HeaderId id) const;
  std::size_t count(std::string_view name) const;
  /// Value of the first such header, empty when absent.
  std::string_view value(HeaderId id) const;
  std::string_view value(std::string_view name) const;
  /// Values of all such header lines (each line's value as a whole, not split on commas).
  std::vector<std::string_view> values(HeaderId id) const;

  // Typed access (parsed on demand).
  std::string_view callId() const { return value(HeaderId::CallId); }
  std::optional<CSeq> cseq() const;
  std::optional<NameAddr> from() const;
  std::optional<NameAddr> to() const;
  std::optional<std::uint32_t> maxForwards() const;
  std::optional<std::uint32_t> contentLength() const;
  std::optional<MediaType> contentType() const;
  std::optional<std::uint32_t> expires() const;
  std::optional<std::uint32_t> minExpires() const;
  std::optional<std::uint32_t> rseq() const;
  std::optional<RAck> rack() const;
  std::optional<EventHeader> event() const;
  std::optional<SubscriptionState> subscriptionState() const;
  /// All Via values, top first, across lines and commas; empty if any is malformed.
  std::vector<Via> vias() const;
  /// The first Via value.
  std::optional<Via> topVia() const;
  /// All Contact values (may be the single wildcard); empty if any is malformed.
  std::vector<NameAddr> contacts() const { return addresses(HeaderId::Contact, true); }
  std::vector<NameAddr> routes() const { return addresses(HeaderId::Route, false); }
  std::vector<NameAddr> recordRoutes() const { return addresses(HeaderId::RecordRoute, false); }
  /// name-addr values of any address header, split on commas.
  std::vector<NameAddr> addresses(HeaderId id, bool allowWildcard = false) const;
  /// Token-list headers (Allow, Supported, Require, Proxy-Require, Unsupported,
  /// Allow-Events), all lines merged; empty if any element is malformed.
  std::vector<std::string_view> tokens(HeaderId id) const;

  /// Message body (exactly Content-Length bytes for parsed messages).
  std::string_view body() const { return body_; }

  // Modification. Unchanged headers keep their received bytes and order.

  // The add/insert/set functions refuse (return false, change nothing) a name that is not a
  // token or a value containing CR or LF, so that no caller can inject header lines.

  /// Appends "name: value" after the last header.
  bool addHeader(std::string_view name, std::string_view value);
  /// Inserts "name: value" before position index (clamped to the end).
  bool insertHeader(std::size_t index, std::string_view name, std::string_view value);
  /// Inserts before the first header with this id (e.g. a new top Via), or first of all.
  bool insertBefore(HeaderId anchor, std::string_view name, std::string_view value);
  /// Removes every header with this id / name; returns how many were removed.
  std::size_t removeHeaders(HeaderId id);
  std::size_t removeHeaders(std::string_view name);
  /// Removes the header at index (no-op when out of range).
  void removeHeaderAt(std::size_t index);
  /// Replaces the first header with this name in place (written "name: value") and removes
  /// the others; appends when there is none.
  bool setHeader(std::string_view name, std::string_view value);
  /// Replaces the body and sets Content-Length accordingly (in place if present).
  void setBody(std::string_view body);
  /// Replaces the body, Content-Type and Content-Length (false for a bad contentType).
  bool setBody(std::string_view body, std::string_view contentType);
  /// Rewrites the Request-URI (requests only); false when uri does not parse.
  bool setRequestUri(std::string_view uri);

  /// The message as wire text: start line, headers in order, blank line, body.
  std::string serialize() const;
  /// Appends the wire text to out.
  void serializeTo(std::string& out) const;

 private:
  friend struct MessageAccess;

  /// Keeps s alive as long as the message (or a copy) and returns a view of it.
  std::string_view own(std::string s);
  Header makeHeader(std::string_view name, std::string_view value);
  static bool acceptable(std::string_view name, std::string_view value);
  /// Parses From, To, the top Via and CSeq once for every later accessor (the parser calls
  /// it).
  void cacheParsedHeaders();
  /// Every change to the header list drops the cache: the accessors parse again.
  void headersChanged() { parsed_.reset(); }

  /// The headers every layer asks for, as the parser found them: validation, transaction
  /// matching, identification, the registrar and the response builder each ask, and parsing
  /// them is not cheap. Immutable once made and shared by copies, whose views point into the
  /// same shared text.
  struct ParsedHeaders {
    std::optional<NameAddr> from;
    std::optional<NameAddr> to;
    std::optional<Via> topVia;
    std::optional<CSeq> cseq;
  };
  std::shared_ptr<const ParsedHeaders> parsed_;

  std::shared_ptr<const std::string> buffer_;
  std::vector<std::shared_ptr<const std::string>> owned_;
  bool isRequest_ = true;
  std::string_view startLine_;
  RequestLine request_;
  StatusLine status_;
  std::vector<Header> headers_;
  std::string_view body_;
};

}  // namespace sb::sip
