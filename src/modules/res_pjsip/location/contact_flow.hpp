#pragma once
/// @file
/// How to reach a UA: the flow a registered contact's REGISTER came on (so requests go back
/// through the same NAT binding or connection), or the address in a URI, and the local
/// address our Via and Contact must carry on that flow.

#include <optional>
#include <string_view>
#include <utility>

#include "modules/res_pjsip/location/stored_contact.hpp"
#include "sip/core/sip_core.hpp"
#include "sip/message/uri.hpp"

namespace sb::modules::res_pjsip {

/// "udp:192.0.2.1:5060" -> kind and address.
std::optional<std::pair<sip::TransportKind, sip::SocketAddress>> parseSource(
    std::string_view source);

/// The address our packets to `remote` leave from: the bound address, or for a wildcard
/// bind the one the kernel routes through.
boost::asio::ip::address localAddressFor(const sip::SocketAddress& bound,
                                         const sip::SocketAddress& remote);

struct OutboundFlow {
  sip::Flow flow;
  sip::SocketAddress local;  ///< what Via sent-by and Contact say
};

/// Back over the flow the contact registered on; std::nullopt when no transport fits.
std::optional<OutboundFlow> flowToContact(sip::SipCore& core, const StoredContact& contact);
/// To the host and port of a SIP URI whose host is an IP literal (transport parameter
/// honoured, default port 5060/5061); std::nullopt otherwise.
std::optional<OutboundFlow> flowToUri(sip::SipCore& core, const sip::Uri& uri);
/// To `remote` over a transport of `kind` (e.g. a DNS target); std::nullopt when no
/// listener of that kind can reach it.
std::optional<OutboundFlow> flowToAddress(sip::SipCore& core, sip::TransportKind kind,
                                          const sip::SocketAddress& remote);

}  // namespace sb::modules::res_pjsip
