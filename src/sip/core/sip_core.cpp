#include "sip/core/sip_core.hpp"

#include <algorithm>

#include <strings.h>

#include <set>

#include "sip/message/builder.hpp"

namespace sb::sip {

SipCore::SipCore(boost::asio::io_context& io)
    : timerDriver_(io.get_executor(), wheel_),
      transports_(io, [this](InboundPacket packet) { onPacket(std::move(packet)); }),
      transactions_(wheel_, [this](const Flow& flow, std::string bytes, SendDone done) {
        send(flow, std::move(bytes), std::move(done));
      }) {
  TransactionSettings settings;
  settings.decorateTrying = [this](Message& trying, const Message& request, const Flow& flow) {
    decorateResponse(trying, request, flow);
  };
  transactions_.setSettings(std::move(settings));
}

SipCore::~SipCore() {
  transports_.closeAll();
}

void SipCore::setTimers(TransactionTimers timers) {
  auto settings = transactions_.settings();
  settings.timers = timers;
  transactions_.setSettings(std::move(settings));
}

void SipCore::send(const Flow& flow, std::string bytes, SendDone done) {
  if (tracer_) {
    tracer_(Direction::Out, flow, bytes);
  }
  if (auto listener = transports_.find(flow.listener)) {
    listener->send(flow, std::move(bytes), std::move(done));
  } else if (done) {
    done("transport '" + flow.listener + "' is gone");
  }
}

namespace {

/// Where the request's top via-parm sits in the response's first Via line: at the same
/// offset when the line was copied unchanged (makeResponse always copies it), else parsed.
std::optional<std::string_view> firstViaParm(std::string_view line, const Message& request,
                                             const Via& requestVia) {
  if (const Header* copied = request.find(HeaderId::Via); copied && copied->value == line) {
    const char* from = copied->value.data();
    if (requestVia.raw.data() >= from &&
        requestVia.raw.data() + requestVia.raw.size() <= from + copied->value.size()) {
      return line.substr(static_cast<std::size_t>(requestVia.raw.data() - from),
                         requestVia.raw.size());
    }
  }
  std::vector<Via> parsed;
  if (!parseViaList(line, parsed) || parsed.empty()) {
    return std::nullopt;
  }
  return parsed.front().raw;
}

/// Position just after the name of a valueless rport parameter in parm, or npos.
std::size_t emptyRportEnd(std::string_view parm) {
  for (std::size_t at = parm.find(';'); at != std::string_view::npos; at = parm.find(';', at + 1)) {
    std::size_t name = at + 1;
    while (name < parm.size() && (parm[name] == ' ' || parm[name] == '\t')) {
      ++name;
    }
    std::size_t end = name;
    while (end < parm.size() && parm[end] != ';' && parm[end] != '=' && parm[end] != ' ' &&
           parm[end] != '\t') {
      ++end;
    }
    if (end - name == 5 && strncasecmp(parm.data() + name, "rport", 5) == 0 &&
        (end == parm.size() || parm[end] != '=')) {
      return end;
    }
  }
  return std::string_view::npos;
}

}  // namespace

void stampTopVia(Message& response, const Message& request, const SocketAddress& source) {
  const auto via = request.topVia();
  if (!via) {
    return;
  }
  const std::string sourceHost = addressText(source.address);
  std::string_view host = via->host;
  if (host.size() > 2 && host.front() == '[') {
    host = host.substr(1, host.size() - 2);
  }
  // RFC 3581 4: an empty rport gets the source port, and then received is mandatory.
  const bool fillRport = via->hasRport() && !via->rport();
  const bool addReceived = via->received().empty() && (host != sourceHost || fillRport);
  if (!fillRport && !addReceived) {
    return;
  }
  const auto headers = response.headers();
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (headers[i].id != HeaderId::Via) {
      continue;
    }
    const std::string_view value = headers[i].value;
    const auto raw = firstViaParm(value, request, *via);
    if (!raw) {
      return;
    }
    // Rewrite only the first via-parm of the first Via line; everything else stays as sent.
    const auto begin = static_cast<std::size_t>(raw->data() - value.data());
    const std::size_t rportEnd = fillRport ? emptyRportEnd(*raw) : std::string_view::npos;
    std::string rewritten;
    rewritten.reserve(value.size() + sourceHost.size() + 24);
    rewritten.append(value.substr(0, begin));
    if (rportEnd != std::string_view::npos) {
      rewritten.append(raw->substr(0, rportEnd)).append(1, '=');
      rewritten.append(std::to_string(source.port)).append(raw->substr(rportEnd));
    } else {
      rewritten.append(*raw);
    }
    if (addReceived) {
      rewritten.append(";received=").append(sourceHost);
    }
    rewritten.append(value.substr(begin + raw->size()));
    const std::string name(headers[i].name);
    response.removeHeaderAt(i);
    response.insertHeader(i, name, rewritten);
    return;
  }
}

void SipCore::decorateResponse(Message& response, const Message& request, const Flow& flow) const {
  stampTopVia(response, request, flow.remote);
  if (!settings_.serverHeader.empty() && !response.find(HeaderId::Server)) {
    response.addHeader("Server", settings_.serverHeader);
  }
}

void SipCore::sendResponse(const Flow& flow, const Message& request, Message response) {
  decorateResponse(response, request, flow);
  send(flow, transactions_.wireFor(response, flow));
}

std::string SipCore::allowedMethods() const {
  std::set<std::string> methods{"OPTIONS"};
  for (const auto& entry : pipeline_.entries()) {
    if (entry.stage == Stage::Handle && entry.method) {
      methods.insert(std::string(methodName(*entry.method)));
    }
  }
  if (methods.count("INVITE")) {
    // A session layer that takes INVITE answers these within its dialogs.
    for (const char* method : {"ACK", "BYE", "CANCEL", "UPDATE", "INFO", "REFER"}) {
      methods.insert(method);
    }
  }
  // In the order Asterisk lists them; anything else after, alphabetically.
  static constexpr const char* kOrder[] = {"OPTIONS", "REGISTER", "SUBSCRIBE", "NOTIFY", "PUBLISH",
                                           "INVITE",  "ACK",      "BYE",       "CANCEL", "UPDATE",
                                           "PRACK",   "INFO",     "MESSAGE",   "REFER"};
  std::string out;
  for (const char* method : kOrder) {
    if (methods.erase(method)) {
      out += (out.empty() ? "" : ", ") + std::string(method);
    }
  }
  for (const auto& method : methods) {
    out += (out.empty() ? "" : ", ") + method;
  }
  return out;
}

void SipCore::onPacket(InboundPacket packet) {
  ++stats_.packets;
  if (tracer_) {
    tracer_(Direction::In, packet.flow, packet.data);
  }
  const Framing framing = isStream(packet.flow.kind) ? Framing::Stream : Framing::Datagram;
  auto parsed = parseMessage(std::move(packet.data), settings_.limits, framing);
  if (!parsed.ok()) {
    ++stats_.rejected;
    // Only requests are answered; a broken response is dropped (RFC 3261 16.7 spirit).
    if (parsed.message && parsed.message->isRequest() && parsed.message->method() != Method::Ack &&
        parsed.error) {
      if (auto response = makeErrorResponse(*parsed.message, *parsed.error)) {
        sendResponse(packet.flow, *parsed.message, std::move(*response));
      }
    }
    return;
  }
  if (parsed.message->isResponse()) {
    ++stats_.responses;
    // Unmatched responses (stray 2xx) belong to the dialog layer, which is not there yet.
    (void)transactions_.onResponse(*parsed.message, packet.flow);
    return;
  }
  ++stats_.requests;
  auto matched = transactions_.onRequest(*parsed.message, packet.flow);
  switch (matched.disposition) {
    case RequestDisposition::Absorbed:
      ++stats_.absorbed;
      return;
    case RequestDisposition::PassToTu:
    case RequestDisposition::NewTransaction:
      handleRequest(std::move(*parsed.message), packet.flow, matched.transaction);
      return;
  }
}

void SipCore::handleRequest(Message message, const Flow& flow,
                            ServerTransactionHandle transaction) {
  const Method method = message.method();
  auto shared = std::make_shared<IncomingRequest>(
      std::move(message), flow,
      [this, flow, transaction](const Message& request, Message response, bool stateless) {
        decorateResponse(response, request, flow);
        // The transaction keeps the response for retransmissions; without one (nothing
        // usable to match on) it goes out statelessly.
        const bool sent =
            stateless ? transaction.respondStatelessly(response) : transaction.respond(response);
        if (!sent) {
          send(flow, transactions_.wireFor(response, flow));
        }
      });
  IncomingRequest& request = *shared;
  request.setTransaction(transaction);

  // A UAS is not a proxy: it forwards nothing, so Max-Forwards 0 only matters to requests
  // that would be routed on. OPTIONS is answered regardless (RFC 3261 11).
  if (request.message().maxForwards() == std::uint32_t{0} && method != Method::Options &&
      method != Method::Ack) {
    request.respond(483, "Too Many Hops");
    return;
  }
  // RFC 3261 8.2.2.3: an extension we do not implement is refused, naming it.
  if (method != Method::Ack && method != Method::Cancel) {
    std::string unsupported;
    for (auto tag : request.message().tokens(HeaderId::Require)) {
      const bool known = std::any_of(
          settings_.supported.begin(), settings_.supported.end(), [&](const std::string& ours) {
            return std::equal(ours.begin(), ours.end(), tag.begin(), tag.end(),
                              [](char a, char b) { return (a | 0x20) == (b | 0x20); });
          });
      if (!known) {
        unsupported += (unsupported.empty() ? "" : ", ") + std::string(tag);
      }
    }
    if (!unsupported.empty()) {
      request.respond(420, "Bad Extension", {{"Unsupported", unsupported}});
      return;
    }
  }
  const Verdict verdict = pipeline_.run(request);
  if (verdict != Verdict::Continue || request.answered() || method == Method::Ack) {
    return;
  }
  const std::string allow = allowedMethods();
  if (method == Method::Options) {
    HeaderList headers{{"Allow", allow}};
    std::string accept;
    for (const auto& type : settings_.accept) {
      accept += (accept.empty() ? "" : ", ") + type;
    }
    headers.emplace_back("Accept", accept);
    if (!settings_.supported.empty()) {
      std::string supported;
      for (const auto& tag : settings_.supported) {
        supported += (supported.empty() ? "" : ", ") + tag;
      }
      headers.emplace_back("Supported", supported);
    }
    headers.emplace_back("Accept-Language", "en");
    request.respond(200, "OK", headers);
    return;
  }
  if (method == Method::Unknown) {
    request.respond(501, "Not Implemented", {{"Allow", allow}});
    return;
  }
  request.respond(405, "Method Not Allowed", {{"Allow", allow}});
}

}  // namespace sb::sip
