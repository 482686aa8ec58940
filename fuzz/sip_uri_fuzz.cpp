// libFuzzer target for the URI parser and the other value parsers that take a single header
// value (name-addr, Via, host:port, CSeq, parameters, token lists).

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sip/message/header_values.hpp"
#include "sip/message/name_addr.hpp"
#include "sip/message/refer_to.hpp"
#include "sip/message/replaces.hpp"
#include "sip/message/text.hpp"
#include "sip/message/uri.hpp"
#include "sip/message/via.hpp"

namespace {

volatile std::size_t sinkValue = 0;
void sink(std::size_t v) {
  sinkValue = sinkValue + v;
}

/// Every view a parser returns must lie inside the text it parsed.
void checkInside(std::string_view outer, std::string_view inner) {
  if (inner.empty())
    return;
  if (inner.data() < outer.data() || inner.data() + inner.size() > outer.data() + outer.size()) {
    __builtin_trap();
  }
}

void checkUri(std::string_view text, const sb::sip::Uri& u) {
  checkInside(text, u.user);
  checkInside(text, u.password);
  checkInside(text, u.host);
  checkInside(text, u.headers);
  checkInside(text, u.params.raw());
  u.params.forEach([&](const sb::sip::Param& p) {
    checkInside(text, p.name);
    checkInside(text, p.value);
    if (p.name.empty())
      __builtin_trap();
  });
  sink(u.transport().size() + u.lr() + u.ob() + u.maddr().size() + u.hostAddress().size() +
       u.opaque().size());
  if (u.isSip() && u.host.empty())
    __builtin_trap();
  // A parsed URI re-parses to the same parts.
  auto again = sb::sip::parseUri(u.raw);
  if (!again || again->host != u.host || again->port != u.port || again->user != u.user) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sb::sip;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto u = parseUri(text))
    checkUri(text, *u);
  if (auto na = parseNameAddr(text, true)) {
    checkInside(text, na->displayName);
    checkInside(text, na->params.raw());
    if (!na->wildcard)
      checkUri(text, na->uri);
    sink(na->expires().value_or(0) + static_cast<std::size_t>(na->qThousandths().value_or(0)) +
         na->displayNameUnquoted().size() + na->tag().size());
  }
  std::vector<NameAddr> list;
  sink(parseNameAddrList(text, list, true) + list.size());
  if (auto v = parseVia(text)) {
    checkInside(text, v->host);
    checkInside(text, v->params.raw());
    sink(v->branch().size() + v->rport().value_or(0) + v->ttl().value_or(0) + v->hasMagicCookie());
  }
  std::vector<Via> vias;
  sink(parseViaList(text, vias) + vias.size());
  if (auto hp = parseHostPort(text))
    sink(hp->port + hp->host.size());
  if (auto c = parseCSeq(text)) {
    if (c->number > kMaxCSeq)
      __builtin_trap();
  }
  if (auto m = parseMediaType(text))
    sink(m->params.size());
  if (auto e = parseEvent(text))
    sink(e->id().size());
  if (auto s = parseSubscriptionState(text))
    sink(s->expires().value_or(0));
  if (auto r = parseRAck(text))
    sink(r->rseq);
  if (auto target = parseReferTo(text)) {
    sink(target->uri.size() + target->user.size());
    if (target->replaces) {
      if (auto replaces = parseReplaces(*target->replaces)) {
        sink(replaces->str().size());
      }
    }
  }
  if (auto replaces = parseReplaces(text)) {
    // What is printed parses back to the same dialog.
    auto again = parseReplaces(replaces->str());
    if (!again || again->callId != replaces->callId || again->toTag != replaces->toTag ||
        again->fromTag != replaces->fromTag) {
      __builtin_trap();
    }
  }
  std::vector<std::string_view> tokens;
  sink(parseTokenList(text, tokens) + tokens.size());
  sink(text::unescape(text).size() + text::unquote(text).size() + text::unfold(text).size());
  if (auto n = scanParams(text)) {
    if (*n > text.size())
      __builtin_trap();
    sink(ParamList(text.substr(0, *n)).size());
  }
  return 0;
}
