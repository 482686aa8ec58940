#pragma once
/// @file
/// What Asterisk's res_pjsip_nat does to messages leaving through a transport that has an
/// external address: towards a destination outside the transport's local_net (any destination
/// when it has none), the Contact and, in requests, the top Via show
/// external_signaling_address (and external_signaling_port when set), and the SDP's
/// connection addresses that are ours show external_media_address. Unlike Asterisk, the
/// Contacts of a REGISTER response (the client's bindings) are left alone.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/store/object_set.hpp"
#include "modules/res_pjsip/ip_acl.hpp"
#include "sip/message/host_rewrite.hpp"
#include "sip/message/message.hpp"
#include "sip/transport/packet.hpp"

namespace sb::modules::res_pjsip {

class NatRewriter {
 public:
  /// The rules of every transport in `objects` with an external address. Unusable local_net
  /// values are reported in `problems` (and ignored).
  static NatRewriter fromObjects(const store::ObjectSet& objects,
                                 std::vector<std::string>* problems = nullptr);

  /// True when no transport has an external address: nothing to rewrite.
  bool empty() const { return rules_.empty(); }

  /// Rewrites `message` about to leave on `flow` (a no-op for other transports).
  void apply(sip::Message& message, const sip::Flow& flow) const;

 private:
  struct Rule {
    std::optional<sip::HostReplacement> signaling;
    std::string media;
    std::optional<IpAcl> localNet;  ///< allows exactly the local networks
  };

  bool isLocal(const Rule& rule, const boost::asio::ip::address& address) const;

  std::map<std::string, Rule, std::less<>> rules_;  // by transport name
};

}  // namespace sb::modules::res_pjsip
