#include "sip/message/message.hpp"

#include <algorithm>

#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

bool sameName(const Header& h, HeaderId id, std::string_view name) {
  if (id != HeaderId::Other)
    return h.id == id;
  return h.id == HeaderId::Other && text::iequals(h.name, name);
}

}  // namespace

std::string_view Message::own(std::string s) {
  auto p = std::make_shared<const std::string>(std::move(s));
  std::string_view v = *p;
  owned_.push_back(std::move(p));
  return v;
}

Header Message::makeHeader(std::string_view name, std::string_view value) {
  std::string line;
  line.reserve(name.size() + value.size() + 2);
  line.append(name).append(": ").append(value);
  Header h;
  h.raw = own(std::move(line));
  h.name = h.raw.substr(0, name.size());
  h.value = text::trim(h.raw.substr(name.size() + 2));
  h.id = headerIdFromName(name);
  return h;
}

std::optional<Message> Message::makeRequest(std::string_view method, std::string_view requestUri) {
  if (!text::isToken(method))
    return std::nullopt;
  Message m;
  std::string line;
  line.append(method).append(" ").append(requestUri).append(" SIP/2.0");
  m.startLine_ = m.own(std::move(line));
  if (parseRequestLine(m.startLine_, m.request_) != StartLineError::None)
    return std::nullopt;
  m.isRequest_ = true;
  return m;
}

std::optional<Message> Message::makeStatus(int code, std::string_view reason) {
  if (code < 100 || code > 699 || reason.find_first_of("\r\n") != std::string_view::npos) {
    return std::nullopt;
  }
  Message m;
  std::string line = "SIP/2.0 " + std::to_string(code) + " ";
  line.append(reason);
  m.startLine_ = m.own(std::move(line));
  if (parseStatusLine(m.startLine_, m.status_) != StartLineError::None)
    return std::nullopt;
  m.isRequest_ = false;
  return m;
}

const Header* Message::find(HeaderId id) const {
  for (const Header& h : headers_) {
    if (h.id == id)
      return &h;
  }
  return nullptr;
}

const Header* Message::find(std::string_view name) const {
  HeaderId id = headerIdFromName(name);
  for (const Header& h : headers_) {
    if (sameName(h, id, name))
      return &h;
  }
  return nullptr;
}

std::size_t Message::count(HeaderId id) const {
  return static_cast<std::size_t>(std::count_if(headers_.begin(), headers_.end(),
                                                [id](const Header& h) { return h.id == id; }));
}

std::size_t Message::count(std::string_view name) const {
  HeaderId id = headerIdFromName(name);
  return static_cast<std::size_t>(std::count_if(
      headers_.begin(), headers_.end(), [&](const Header& h) { return sameName(h, id, name); }));
}

std::string_view Message::value(HeaderId id) const {
  const Header* h = find(id);
  return h ? h->value : std::string_view{};
}

std::string_view Message::value(std::string_view name) const {
  const Header* h = find(name);
  return h ? h->value : std::string_view{};
}

std::vector<std::string_view> Message::values(HeaderId id) const {
  std::vector<std::string_view> out;
  for (const Header& h : headers_) {
    if (h.id == id)
      out.push_back(h.value);
  }
  return out;
}

std::optional<CSeq> Message::cseq() const {
  if (parsed_)
    return parsed_->cseq;
  const Header* h = find(HeaderId::CSeq);
  return h ? parseCSeq(h->value) : std::nullopt;
}

std::optional<NameAddr> Message::from() const {
  if (parsed_)
    return parsed_->from;
  const Header* h = find(HeaderId::From);
  return h ? parseNameAddr(h->value) : std::nullopt;
}

std::optional<NameAddr> Message::to() const {
  if (parsed_)
    return parsed_->to;
  const Header* h = find(HeaderId::To);
  return h ? parseNameAddr(h->value) : std::nullopt;
}

void Message::cacheParsedHeaders() {
  parsed_.reset();
  auto cached = std::make_shared<ParsedHeaders>();
  cached->from = from();
  cached->to = to();
  cached->topVia = topVia();
  cached->cseq = cseq();
  parsed_ = std::move(cached);
}

std::optional<std::uint32_t> Message::maxForwards() const {
  const Header* h = find(HeaderId::MaxForwards);
  return h ? parseScalar(h->value, 255) : std::nullopt;
}

std::optional<std::uint32_t> Message::contentLength() const {
  const Header* h = find(HeaderId::ContentLength);
  return h ? parseScalar(h->value, 0xFFFFFFFFu) : std::nullopt;
}

std::optional<MediaType> Message::contentType() const {
  const Header* h = find(HeaderId::ContentType);
  return h ? parseMediaType(h->value) : std::nullopt;
}

std::optional<std::uint32_t> Message::expires() const {
  const Header* h = find(HeaderId::Expires);
  return h ? parseScalar(h->value, 0xFFFFFFFFu) : std::nullopt;
}

std::optional<std::uint32_t> Message::minExpires() const {
  const Header* h = find(HeaderId::MinExpires);
  return h ? parseScalar(h->value, 0xFFFFFFFFu) : std::nullopt;
}

std::optional<std::uint32_t> Message::rseq() const {
  const Header* h = find(HeaderId::RSeq);
  return h ? parseScalar(h->value, 0xFFFFFFFFu) : std::nullopt;
}

std::optional<RAck> Message::rack() const {
  const Header* h = find(HeaderId::RAck);
  return h ? parseRAck(h->value) : std::nullopt;
}

std::optional<EventHeader> Message::event() const {
  const Header* h = find(HeaderId::Event);
  return h ? parseEvent(h->value) : std::nullopt;
}

std::optional<SubscriptionState> Message::subscriptionState() const {
  const Header* h = find(HeaderId::SubscriptionState);
  return h ? parseSubscriptionState(h->value) : std::nullopt;
}

std::vector<Via> Message::vias() const {
  std::vector<Via> out;
  for (const Header& h : headers_) {
    if (h.id == HeaderId::Via && !parseViaList(h.value, out))
      return {};
  }
  return out;
}

std::optional<Via> Message::topVia() const {
  if (parsed_)
    return parsed_->topVia;
  const Header* h = find(HeaderId::Via);
  if (!h)
    return std::nullopt;
  text::CommaSplitter split(h->value);
  std::string_view first;
  if (!split.next(first))
    return std::nullopt;
  return parseVia(first);
}

std::vector<NameAddr> Message::addresses(HeaderId id, bool allowWildcard) const {
  std::vector<NameAddr> out;
  for (const Header& h : headers_) {
    if (h.id == id && !parseNameAddrList(h.value, out, allowWildcard))
      return {};
  }
  return out;
}

std::vector<std::string_view> Message::tokens(HeaderId id) const {
  std::vector<std::string_view> out;
  for (const Header& h : headers_) {
    if (h.id == id && !parseTokenList(h.value, out))
      return {};
  }
  return out;
}

bool Message::acceptable(std::string_view name, std::string_view value) {
  return text::isToken(name) && !text::isFolded(value);
}

bool Message::addHeader(std::string_view name, std::string_view value) {
  if (!acceptable(name, value))
    return false;
  headers_.push_back(makeHeader(name, value));
  headersChanged();
  return true;
}

bool Message::insertHeader(std::size_t index, std::string_view name, std::string_view value) {
  if (!acceptable(name, value))
    return false;
  index = std::min(index, headers_.size());
  headers_.insert(headers_.begin() + static_cast<std::ptrdiff_t>(index), makeHeader(name, value));
  headersChanged();
  return true;
}

bool Message::insertBefore(HeaderId anchor, std::string_view name, std::string_view value) {
  std::size_t i = 0;
  while (i < headers_.size() && headers_[i].id != anchor)
    ++i;
  return insertHeader(i == headers_.size() ? 0 : i, name, value);
}

std::size_t Message::removeHeaders(HeaderId id) {
  auto it = std::remove_if(headers_.begin(), headers_.end(),
                           [id](const Header& h) { return h.id == id; });
  auto n = static_cast<std::size_t>(headers_.end() - it);
  headers_.erase(it, headers_.end());
  headersChanged();
  return n;
}

std::size_t Message::removeHeaders(std::string_view name) {
  HeaderId id = headerIdFromName(name);
  auto it = std::remove_if(headers_.begin(), headers_.end(),
                           [&](const Header& h) { return sameName(h, id, name); });
  auto n = static_cast<std::size_t>(headers_.end() - it);
  headers_.erase(it, headers_.end());
  headersChanged();
  return n;
}

void Message::removeHeaderAt(std::size_t index) {
  if (index < headers_.size())
    headers_.erase(headers_.begin() + static_cast<std::ptrdiff_t>(index));
  headersChanged();
}

bool Message::setHeader(std::string_view name, std::string_view value) {
  if (!acceptable(name, value))
    return false;
  HeaderId id = headerIdFromName(name);
  std::size_t first = headers_.size();
  for (std::size_t i = 0; i < headers_.size(); ++i) {
    if (sameName(headers_[i], id, name)) {
      first = i;
      break;
    }
  }
  if (first == headers_.size()) {
    return addHeader(name, value);
  }
  headers_[first] = makeHeader(name, value);
  headersChanged();
  for (std::size_t i = headers_.size(); i-- > first + 1;) {
    if (sameName(headers_[i], id, name))
      headers_.erase(headers_.begin() + static_cast<std::ptrdiff_t>(i));
  }
  return true;
}

void Message::setBody(std::string_view body) {
  body_ = own(std::string(body));
  setHeader("Content-Length", std::to_string(body.size()));
}

bool Message::setBody(std::string_view body, std::string_view contentType) {
  if (!setHeader("Content-Type", contentType))
    return false;
  setBody(body);
  return true;
}

bool Message::setRequestUri(std::string_view uri) {
  if (!isRequest_)
    return false;
  std::string line;
  line.append(request_.methodText).append(" ").append(uri).append(" ").append(request_.version);
  RequestLine parsed;
  std::string_view view = own(std::move(line));
  if (parseRequestLine(view, parsed) != StartLineError::None)
    return false;
  startLine_ = view;
  request_ = parsed;
  return true;
}

void Message::serializeTo(std::string& out) const {
  std::size_t size = startLine_.size() + 4 + body_.size();
  for (const Header& h : headers_)
    size += h.raw.size() + 2;
  out.reserve(out.size() + size);
  out.append(startLine_).append("\r\n");
  for (const Header& h : headers_)
    out.append(h.raw).append("\r\n");
  out.append("\r\n").append(body_);
}

std::string Message::serialize() const {
  std::string out;
  serializeTo(out);
  return out;
}

}  // namespace sb::sip
