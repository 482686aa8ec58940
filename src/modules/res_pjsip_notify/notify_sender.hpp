#pragma once
/// @file
/// Sends out-of-dialog NOTIFY requests (res_pjsip_notify's notify_contact and notify_uri):
/// to every contact of an endpoint's AORs, registered ones over the flow they registered
/// on (with their Path as Route) and static ones to their address, or to one URI. Each
/// request carries `Subscription-State: terminated` and the given content. A 401/407 is
/// answered once with the endpoint's outbound_auth; other answers are only logged, as in
/// Asterisk. Static contacts and URIs with host names are located (RFC 3263) first.
/// Reactor thread only.

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/store/object_store.hpp"
#include "modules/res_pjsip/location/contact_flow.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "modules/res_pjsip_notify/notify_config.hpp"
#include "sip/core/sip_core.hpp"
#include "sip/dns/resolver.hpp"

namespace sb::modules::res_pjsip_notify {

class NotifySender : public std::enable_shared_from_this<NotifySender> {
 public:
  NotifySender(sip::SipCore& core, sip::dns::Resolver& resolver,
               res_pjsip::LocationService& location, const store::ObjectStore& store);
  ~NotifySender();

  /// Sends to every contact of `endpoint` and returns how many NOTIFYs went out; nullopt
  /// when there is no such endpoint. An endpoint without AORs or contacts is not an error
  /// for PJSIPNotify (Asterisk logs it and still says "NOTIFY sent").
  std::optional<std::size_t> toEndpoint(const std::string& endpoint, const NotifyContent& content);
  /// Sends to `uri` (located when its host is a name); false when it is unusable.
  bool toUri(const std::string& uri, const NotifyContent& content);

  /// NOTIFYs still waiting for their answer.
  std::size_t pending() const { return inFlight_.size(); }

 private:
  /// Who gets one NOTIFY.
  struct Recipient {
    std::string requestUri;
    std::string route;
    std::string fromUser;
    std::string fromDomain;
    std::string endpoint;  ///< whose outbound_auth answers a challenge ("" for none)
  };
  /// Locates `recipient.requestUri`, then sends.
  void locateAndSend(Recipient recipient, const NotifyContent& content);
  /// Builds and sends one NOTIFY; false when it could not be sent.
  bool send(const Recipient& recipient, const res_pjsip::OutboundFlow& outbound,
            const NotifyContent& content);
  struct InFlight;
  void onFinal(const std::string& key, const sip::Message& response);
  sip::ClientCallbacks callbacksFor(const std::string& key, const std::string& requestUri);

  sip::SipCore& core_;
  sip::dns::Resolver& resolver_;
  res_pjsip::LocationService& location_;
  const store::ObjectStore& store_;
  std::unordered_map<std::string, std::unique_ptr<InFlight>> inFlight_;  // by first branch
};

}  // namespace sb::modules::res_pjsip_notify
