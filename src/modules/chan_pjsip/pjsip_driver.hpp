#pragma once
/// @file
/// The PJSIP (and legacy SIP) channel technology for Dial: resolves dial strings to
/// contacts and creates one outbound session and channel per contact.
///
///   PJSIP/endpoint             every registered and static contact of the endpoint's AORs
///   PJSIP/exten@endpoint       the same, Request-URI user replaced by exten
///   PJSIP/endpoint/sip:uri     that URI, with the endpoint's settings
///   SIP/peer, SIP/exten@peer, SIP/peer/exten   the chan_sip forms, mapped onto the above

#include <memory>

#include "core/store/object_store.hpp"
#include "modules/chan_pjsip/outbound_session.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::modules::chan_pjsip {

class PjsipDriver : public pbx::ChannelDriver {
 public:
  PjsipDriver(SessionContext& context, const store::ObjectStore& store,
              res_pjsip::LocationService& location, std::string tech, bool legacy);

  std::vector<std::shared_ptr<pbx::Channel>> request(const std::string& resource,
                                                     const pbx::Channel* requestor,
                                                     int& cause) override;

 private:
  /// One outgoing channel; an endpoint's outbound_proxy replaces `destination` and becomes
  /// the first Route.
  std::shared_ptr<pbx::Channel> makeLeg(std::shared_ptr<const res_pjsip::EndpointConfig> endpoint,
                                        CallDestination destination, std::string uri,
                                        std::string route, const pbx::Channel* requestor);

  SessionContext& context_;
  const store::ObjectStore& store_;
  res_pjsip::LocationService& location_;
  std::string tech_;
  bool legacy_;
};

/// Replaces the user part of a SIP URI ("sip:bob@h:5060;x" + "200" -> "sip:200@h:5060;x").
std::string withUser(std::string_view uri, std::string_view user);

}  // namespace sb::modules::chan_pjsip
