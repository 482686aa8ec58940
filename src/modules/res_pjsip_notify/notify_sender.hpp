#pragma once
/// @file
/// Sends out-of-dialog NOTIFY requests (res_pjsip_notify's notify_contact and notify_uri):
/// to every contact of an endpoint's AORs, registered ones over the flow they registered
/// on (with their Path as Route) and static ones to their address, or to one URI. Each
/// request carries `Subscription-State: terminated` and the given content. Answers are only
/// logged, as in Asterisk. Reactor thread only.

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/store/object_store.hpp"
#include "modules/res_pjsip/location/contact_flow.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "modules/res_pjsip_notify/notify_config.hpp"
#include "sip/core/sip_core.hpp"

namespace sb::modules::res_pjsip_notify {

class NotifySender : public std::enable_shared_from_this<NotifySender> {
 public:
  NotifySender(sip::SipCore& core, res_pjsip::LocationService& location,
               const store::ObjectStore& store);

  /// Sends to every contact of `endpoint` and returns how many NOTIFYs went out; nullopt
  /// when there is no such endpoint. An endpoint without AORs or contacts is not an error
  /// for PJSIPNotify (Asterisk logs it and still says "NOTIFY sent").
  std::optional<std::size_t> toEndpoint(const std::string& endpoint, const NotifyContent& content);
  /// Sends to `uri` (its host must be an IP address); false when it cannot be reached.
  bool toUri(const std::string& uri, const NotifyContent& content);

  /// NOTIFYs still waiting for their answer.
  std::size_t pending() const { return inFlight_.size(); }

 private:
  /// Builds and sends one NOTIFY; false when it could not be sent.
  bool send(const std::string& requestUri, const std::string& route,
            const res_pjsip::OutboundFlow& outbound, const std::string& fromUser,
            const std::string& fromDomain, const NotifyContent& content);

  sip::SipCore& core_;
  res_pjsip::LocationService& location_;
  const store::ObjectStore& store_;
  std::unordered_map<std::string, sip::ClientTransactionHandle> inFlight_;  // by branch
};

}  // namespace sb::modules::res_pjsip_notify
