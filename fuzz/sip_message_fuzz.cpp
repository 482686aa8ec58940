// libFuzzer target for the SIP message parser: parse as datagram and stream, exercise every
// typed accessor, then check round-trip invariants (serialize -> parse -> serialize is
// stable) and that modified messages and generated responses parse back.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sip/message/builder.hpp"
#include "sip/message/host_rewrite.hpp"
#include "sip/message/parser.hpp"
#include "sip/message/text.hpp"

namespace {

/// Keeps the reads of the result from being optimised away.
volatile std::size_t sinkValue = 0;

void sink(std::size_t v) {
  sinkValue = sinkValue + v;
}

void touchAll(const sb::sip::Message& m) {
  using sb::sip::HeaderId;
  sink(m.startLine().size() + m.body().size() + m.callId().size());
  if (auto c = m.cseq())
    sink(c->number);
  if (auto f = m.from())
    sink(f->tag().size() + f->displayNameUnquoted().size());
  if (auto t = m.to())
    sink(t->uri.host.size() + t->uri.params.size());
  if (auto v = m.maxForwards())
    sink(*v);
  if (auto v = m.contentLength())
    sink(*v);
  if (auto v = m.contentType())
    sink(v->params.size());
  if (auto v = m.expires())
    sink(*v);
  if (auto v = m.minExpires())
    sink(*v);
  if (auto v = m.rseq())
    sink(*v);
  if (auto v = m.rack())
    sink(v->cseq);
  if (auto v = m.event())
    sink(v->id().size());
  if (auto v = m.subscriptionState())
    sink(v->expires().value_or(0));
  for (const auto& via : m.vias()) {
    sink(via.branch().size() + via.received().size() + via.rport().value_or(0) +
         via.ttl().value_or(0) + via.hasRport());
  }
  if (auto v = m.topVia())
    sink(v->port);
  for (const auto& c : m.contacts()) {
    sink(c.expires().value_or(0) + static_cast<std::size_t>(c.qThousandths().value_or(0)) +
         sb::sip::text::unescape(c.uri.user).size());
  }
  // NAT rewriting splices a new host into whatever Via and Contact the message carries.
  const sb::sip::HostReplacement external{"2001:db8::7", 15060};
  sink(sb::sip::withViaSentBy(m.value(HeaderId::Via), external).value_or("").size());
  sink(sb::sip::withUriHost(m.value(HeaderId::Contact), external).value_or("").size());
  sink(m.routes().size() + m.recordRoutes().size());
  for (HeaderId id : {HeaderId::Allow, HeaderId::Supported, HeaderId::Require,
                      HeaderId::ProxyRequire, HeaderId::Unsupported, HeaderId::AllowEvents}) {
    sink(m.tokens(id).size());
  }
  for (const auto& h : m.headers())
    sink(m.count(h.name) + m.find(h.name)->value.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sb::sip;
  const std::string input(reinterpret_cast<const char*>(data), size);

  ParserLimits small;
  small.maxHeaders = 16;
  small.maxLineLength = 200;
  small.maxMessageSize = 2048;
  (void)parseMessage(input, small, Framing::Stream);

  ParseResult r = parseMessage(input);
  if (r.message)
    touchAll(*r.message);
  if (!r.ok()) {
    if (r.message && r.message->isRequest()) {
      auto resp = makeErrorResponse(*r.message, *r.error, "fz");
      if (resp)
        sink(resp->serialize().size());
    }
    return 0;
  }
  const Message& m = *r.message;

  // Round trip: what we write parses and writes the same again.
  std::string once = m.serialize();
  ParseResult again = parseMessage(once);
  if (!again.ok())
    __builtin_trap();
  if (again.message->serialize() != once)
    __builtin_trap();
  if (again.message->headers().size() != m.headers().size())
    __builtin_trap();

  // Modifications keep the message valid.
  Message copy = m;
  copy.setHeader("Max-Forwards", "69");
  copy.addHeader("X-Fuzz", "1");
  copy.setBody("body", "text/plain");
  copy.insertBefore(HeaderId::Via, "Via", "SIP/2.0/TCP fuzz.example.com;branch=z9hG4bKf");
  ParseResult modified = parseMessage(copy.serialize(), {}, Framing::Stream);
  if (!modified.ok())
    __builtin_trap();
  if (modified.message->body() != "body")
    __builtin_trap();

  if (m.isRequest()) {
    auto resp = makeResponse(m, 200, "OK", "fz");
    if (!resp)
      __builtin_trap();
    ParseResult rr = parseMessage(resp->serialize(), {}, Framing::Stream);
    if (!rr.ok())
      __builtin_trap();
    if (rr.message->to()->tag().empty())
      __builtin_trap();
  }
  return 0;
}
