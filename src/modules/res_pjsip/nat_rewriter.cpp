#include "modules/res_pjsip/nat_rewriter.hpp"

#include <fmt/format.h>

#include "media/sdp/connection_rewrite.hpp"
#include "modules/res_pjsip/transport_config.hpp"
#include "sip/message/text.hpp"

namespace sb::modules::res_pjsip {

namespace {

/// Replaces the first header with this id by `value`, in the same place.
void replaceFirst(sip::Message& message, sip::HeaderId id, std::string_view name,
                  const std::string& value) {
  const auto headers = message.headers();
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (headers[i].id == id) {
      message.removeHeaderAt(i);
      message.insertHeader(i, name, value);
      return;
    }
  }
}

bool isSdp(const sip::Message& message) {
  const auto type = message.contentType();
  return type && sip::text::iequals(type->type, "application") &&
         sip::text::iequals(type->subtype, "sdp");
}

}  // namespace

NatRewriter NatRewriter::fromObjects(const store::ObjectSet& objects,
                                     std::vector<std::string>* problems) {
  NatRewriter rewriter;
  for (const auto& [id, object] : objects.all("transport")) {
    const auto& transport = static_cast<const TransportConfig&>(*object);
    if (transport.externalSignalingAddress.empty() && transport.externalMediaAddress.empty()) {
      continue;
    }
    Rule rule;
    if (!transport.externalSignalingAddress.empty()) {
      sip::HostReplacement by{transport.externalSignalingAddress, std::nullopt};
      if (transport.externalSignalingPort != 0 && transport.externalSignalingPort <= 65535) {
        by.port = static_cast<std::uint16_t>(transport.externalSignalingPort);
      }
      rule.signaling = std::move(by);
    }
    rule.media = transport.externalMediaAddress;
    if (!transport.localNet.empty()) {
      // As Asterisk builds it: deny everything, then permit each local network.
      IpAcl acl;
      (void)acl.add(false, "0.0.0.0/0");
      (void)acl.add(false, "::/0");
      for (const std::string& network : transport.localNet) {
        if (auto added = acl.add(true, network); !added && problems != nullptr) {
          problems->push_back(fmt::format("transport '{}': local_net '{}' ignored: {}", id, network,
                                          added.error().message));
        }
      }
      rule.localNet = std::move(acl);
    }
    rewriter.rules_.emplace(id, std::move(rule));
  }
  return rewriter;
}

bool NatRewriter::isLocal(const Rule& rule, const boost::asio::ip::address& address) const {
  return rule.localNet && rule.localNet->allows(address);
}

void NatRewriter::apply(sip::Message& message, const sip::Flow& flow) const {
  const auto it = rules_.find(flow.listener);
  if (it == rules_.end()) {
    return;
  }
  const Rule& rule = it->second;
  if (isLocal(rule, flow.remote.address)) {
    return;  // the peer is on our side of the NAT
  }
  // A REGISTER response's Contacts are the client's own bindings, not addresses of ours
  // (Asterisk rewrites the first one too, which some phones take for a lost binding).
  const auto cseq = message.cseq();
  const bool bindings = message.isResponse() && cseq && cseq->method == sip::Method::Register;
  if (rule.signaling && !bindings) {
    if (auto contact = sip::withUriHost(message.value(sip::HeaderId::Contact), *rule.signaling)) {
      replaceFirst(message, sip::HeaderId::Contact, "Contact", *contact);
    }
    if (message.isRequest()) {
      if (auto via = sip::withViaSentBy(message.value(sip::HeaderId::Via), *rule.signaling)) {
        replaceFirst(message, sip::HeaderId::Via, "Via", *via);
      }
    }
  }
  if (!rule.media.empty() && !message.body().empty() && isSdp(message)) {
    // Only addresses of ours: with local_net, an SDP address outside it is already public.
    const std::string body =
        media::withConnectionAddress(message.body(), rule.media, [&](std::string_view address) {
          if (!rule.localNet) {
            return true;
          }
          boost::system::error_code error;
          const auto parsed = boost::asio::ip::make_address(std::string(address), error);
          return !error && isLocal(rule, parsed);
        });
    if (body != message.body()) {
      message.setBody(body);
    }
  }
}

}  // namespace sb::modules::res_pjsip
