#include "modules/res_pjsip/location/destination.hpp"

#include <fmt/format.h>

#include "sip/dns/locator.hpp"

namespace sb::modules::res_pjsip {
namespace {

sip::TransportKind kindOf(sip::dns::Transport transport) {
  switch (transport) {
    case sip::dns::Transport::tcp:
      return sip::TransportKind::Tcp;
    case sip::dns::Transport::tls:
      return sip::TransportKind::Tls;
    case sip::dns::Transport::udp:
      break;
  }
  return sip::TransportKind::Udp;
}

bool sameLetters(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (static_cast<char>(text[i] | 0x20) != lower[i]) {
      return false;
    }
  }
  return true;
}

std::optional<sip::dns::Transport> dnsTransport(std::string_view name) {
  if (sameLetters(name, "udp")) {
    return sip::dns::Transport::udp;
  }
  if (sameLetters(name, "tcp")) {
    return sip::dns::Transport::tcp;
  }
  if (sameLetters(name, "tls")) {
    return sip::dns::Transport::tls;
  }
  return std::nullopt;
}

}  // namespace

void locateDestinations(sip::SipCore& core, sip::dns::Resolver& resolver, const sip::Uri& uri,
                        std::function<void(Destinations)> done) {
  if (!uri.isSip()) {
    done({{}, "not a SIP URI"});
    return;
  }
  if (uri.hostType == sip::HostType::IPv4 || uri.hostType == sip::HostType::IPv6) {
    auto flow = flowToUri(core, uri);
    if (!flow) {
      done({{}, "no transport reaches " + std::string(uri.hostAddress())});
      return;
    }
    done({{std::move(*flow)}, ""});
    return;
  }
  sip::dns::LocateRequest request;
  request.host = std::string(uri.hostAddress());
  if (uri.hasPort) {
    request.port = uri.port;
  }
  request.transport = dnsTransport(uri.transport());
  request.secure = uri.scheme == sip::UriScheme::Sips;
  std::string host = request.host;
  sip::dns::Locator locator(resolver);
  locator.locate(std::move(request), [&core, host = std::move(host),
                                      done = std::move(done)](sip::dns::TargetList list) {
    Destinations out;
    for (const auto& target : list.targets) {
      auto flow = flowToAddress(core, kindOf(target.transport),
                                sip::SocketAddress{target.address, target.port});
      if (flow) {
        out.flows.push_back(std::move(*flow));
      }
    }
    if (out.flows.empty()) {
      out.error =
          list.targets.empty()
              ? fmt::format("cannot resolve {}: {}", host,
                            list.error.empty() ? std::string(toString(list.status)) : list.error)
              : "no transport reaches " + host;
    }
    done(std::move(out));
  });
}

}  // namespace sb::modules::res_pjsip
