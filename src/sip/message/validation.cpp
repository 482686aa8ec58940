#include <array>

#include "sip/message/parser.hpp"
#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

constexpr std::size_t kIds = static_cast<std::size_t>(HeaderId::Count_);

/// rfc1123-date: "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 3261 20.17 allows only GMT).
bool validDate(std::string_view d) {
  static constexpr std::string_view kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (d.size() != 29)
    return false;
  bool day = false;
  for (auto x : kDays)
    day = day || d.substr(0, 3) == x;
  bool month = false;
  for (auto x : kMonths)
    month = month || d.substr(8, 3) == x;
  auto digits = [&d](std::size_t at, std::size_t n) {
    for (std::size_t i = at; i < at + n; ++i) {
      if (!text::isDigit(d[i]))
        return false;
    }
    return true;
  };
  return day && month && d.substr(3, 2) == ", " && digits(5, 2) && d[7] == ' ' && d[11] == ' ' &&
         digits(12, 4) && d[16] == ' ' && digits(17, 2) && d[19] == ':' && digits(20, 2) &&
         d[22] == ':' && digits(23, 2) && d.substr(25) == " GMT";
}

bool validAddressList(std::string_view value, bool allowWildcard) {
  text::CommaSplitter split(value);
  std::string_view element;
  std::size_t n = 0;
  bool wildcard = false;
  while (split.next(element)) {
    if (split.error())
      return false;
    auto na = parseNameAddr(element, allowWildcard);
    if (!na)
      return false;
    wildcard = wildcard || na->wildcard;
    ++n;
  }
  // "*" must stand alone (RFC 3261 10.2.2).
  return !split.error() && !(wildcard && n > 1);
}

bool validViaList(std::string_view value) {
  text::CommaSplitter split(value);
  std::string_view element;
  while (split.next(element)) {
    if (split.error() || !parseVia(element))
      return false;
  }
  return !split.error();
}

}  // namespace

std::optional<ParseError> validateMessage(const Message& m, const ParserLimits& limits) {
  if (m.isRequest()) {
    const Uri& uri = m.requestUri();
    if (limits.rejectUnknownUriSchemes && uri.scheme == UriScheme::Other) {
      return ParseError{416, "Unsupported URI Scheme"};
    }
    if (uri.hasHeaders)
      return ParseError{400, "Bad Request - Request-URI contains headers"};
  }

  std::array<std::uint8_t, kIds> counts{};
  std::size_t addressHeaders = 0;
  for (const Header& h : m.headers()) {
    auto& c = counts[static_cast<std::size_t>(h.id)];
    if (c < 255)
      ++c;
    if (h.id == HeaderId::Contact || h.id == HeaderId::Route || h.id == HeaderId::RecordRoute) {
      ++addressHeaders;
    }
  }
  auto count = [&counts](HeaderId id) { return counts[static_cast<std::size_t>(id)]; };

  struct Required {
    HeaderId id;
    std::string_view missing;
    std::string_view multiple;
  };
  static constexpr Required kRequired[] = {
      {HeaderId::To, "Bad Request - Missing To header", "Bad Request - Multiple To headers"},
      {HeaderId::From, "Bad Request - Missing From header", "Bad Request - Multiple From headers"},
      {HeaderId::CallId, "Bad Request - Missing Call-ID header",
       "Bad Request - Multiple Call-ID headers"},
      {HeaderId::CSeq, "Bad Request - Missing CSeq header", "Bad Request - Multiple CSeq headers"},
      {HeaderId::Via, "Bad Request - Missing Via header", ""},
      {HeaderId::MaxForwards, "Bad Request - Missing Max-Forwards header",
       "Bad Request - Multiple Max-Forwards headers"},
      {HeaderId::ContentLength, "", "Bad Request - Multiple Content-Length headers"},
      {HeaderId::ContentType, "", "Bad Request - Multiple Content-Type headers"},
  };
  for (const Required& r : kRequired) {
    std::uint8_t c = count(r.id);
    bool needed = !r.missing.empty();
    if (r.id == HeaderId::MaxForwards)
      needed = m.isRequest() && limits.requireMaxForwards;
    if (c == 0 && needed)
      return ParseError{400, r.missing};
    if (c > 1 && !r.multiple.empty())
      return ParseError{400, r.multiple};
  }

  auto cseq = m.cseq();
  if (!cseq)
    return ParseError{400, "Bad Request - Invalid CSeq"};
  if (m.isRequest() && cseq->methodText != m.methodText()) {
    return ParseError{400, "Bad Request - CSeq method does not match request method"};
  }
  std::string_view callId = m.callId();
  if (callId.empty())
    return ParseError{400, "Bad Request - Invalid Call-ID"};
  for (char c : callId) {
    if (text::isLws(c))
      return ParseError{400, "Bad Request - Invalid Call-ID"};
  }
  if (count(HeaderId::MaxForwards) != 0 && !m.maxForwards()) {
    return ParseError{400, "Bad Request - Invalid Max-Forwards"};
  }
  if (count(HeaderId::ContentLength) != 0) {
    auto cl = m.contentLength();
    if (!cl || *cl > limits.maxMessageSize) {
      return ParseError{400, "Bad Request - Invalid Content-Length"};
    }
  }
  // tag-param is "tag" EQUAL token: a bare ";tag" would look like a dialog without an identity.
  auto from = m.from();
  if (!from || (from->hasTag() && from->tag().empty()))
    return ParseError{400, "Bad Request - Invalid From header"};
  auto to = m.to();
  if (!to || (to->hasTag() && to->tag().empty()))
    return ParseError{400, "Bad Request - Invalid To header"};
  if (count(HeaderId::ContentType) != 0 && !m.contentType()) {
    return ParseError{400, "Bad Request - Invalid Content-Type"};
  }
  if (count(HeaderId::Expires) != 0 && !m.expires()) {
    return ParseError{400, "Bad Request - Invalid Expires header"};
  }
  if (count(HeaderId::MinExpires) != 0 && !m.minExpires()) {
    return ParseError{400, "Bad Request - Invalid Min-Expires header"};
  }
  if (count(HeaderId::Date) != 0 && !validDate(m.value(HeaderId::Date))) {
    return ParseError{400, "Bad Request - Invalid Date header"};
  }
  std::size_t contacts = count(HeaderId::Contact);
  for (const Header& h : m.headers()) {
    if (h.id == HeaderId::Via) {
      if (!validViaList(h.value))
        return ParseError{400, "Bad Request - Invalid Via header"};
    } else if (addressHeaders != 0) {
      if (h.id == HeaderId::Contact && !validAddressList(h.value, contacts == 1)) {
        return ParseError{400, "Bad Request - Invalid Contact header"};
      }
      if (h.id == HeaderId::Route && !validAddressList(h.value, false)) {
        return ParseError{400, "Bad Request - Invalid Route header"};
      }
      if (h.id == HeaderId::RecordRoute && !validAddressList(h.value, false)) {
        return ParseError{400, "Bad Request - Invalid Record-Route header"};
      }
    }
  }
  return std::nullopt;
}

}  // namespace sb::sip
