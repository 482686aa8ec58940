#include "sip/message/builder.hpp"

#include <string>
#include <vector>

#include "sip/message/message_access.hpp"
#include "sip/message/text.hpp"

namespace sb::sip {

std::optional<Message> makeResponse(const Message& request, int code, std::string_view reason,
                                    std::string_view toTag) {
  if (!request.isRequest())
    return std::nullopt;
  auto response = Message::makeStatus(code, reason);
  if (!response)
    return std::nullopt;
  Message& m = *response;

  // All copied fields go into one owned block: one allocation for the whole header set.
  struct Span {
    HeaderId id;
    std::size_t nameLen;
    std::size_t offset;
    std::size_t length;
  };
  std::vector<Span> spans;
  spans.reserve(8);
  std::string block;
  std::size_t estimate = 32;
  for (const Header& h : request.headers())
    estimate += h.raw.size() + toTag.size() + 8;
  block.reserve(estimate);
  // The parser's To (parsed once per message) says whether the copied line needs our tag.
  bool addTag = false;
  if (!toTag.empty()) {
    const auto to = request.to();
    addTag = to && !to->hasTag();
  }
  for (const Header& h : request.headers()) {
    bool copy = h.id == HeaderId::Via || h.id == HeaderId::From || h.id == HeaderId::To ||
                h.id == HeaderId::CallId || h.id == HeaderId::CSeq ||
                (code == 100 && h.id == HeaderId::Timestamp) ||
                // RFC 3261 12.1.1: a response that may make a dialog carries the route set.
                (code > 100 && code < 300 && h.id == HeaderId::RecordRoute);
    if (!copy)
      continue;
    std::size_t start = block.size();
    block.append(h.raw);
    if (h.id == HeaderId::To && addTag)
      block.append(";tag=").append(toTag);
    spans.push_back({h.id, h.name.size(), start, block.size() - start});
  }
  std::size_t start = block.size();
  block.append("Content-Length: 0");
  spans.push_back({HeaderId::ContentLength, 14, start, block.size() - start});

  std::string_view all = MessageAccess::own(m, std::move(block));
  std::vector<Header>& headers = MessageAccess::headers(m);
  headers.reserve(spans.size());
  for (const Span& sp : spans) {
    Header h;
    h.id = sp.id;
    h.raw = all.substr(sp.offset, sp.length);
    h.name = h.raw.substr(0, sp.nameLen);
    std::string_view v = text::trim(h.raw.substr(h.raw.find(':') + 1));
    h.value = text::isFolded(v) ? MessageAccess::own(m, text::unfold(v)) : v;
    headers.push_back(h);
  }
  return response;
}

std::optional<Message> makeErrorResponse(const Message& request, const ParseError& error,
                                         std::string_view toTag) {
  return makeResponse(request, error.status, error.reason, toTag);
}

}  // namespace sb::sip
