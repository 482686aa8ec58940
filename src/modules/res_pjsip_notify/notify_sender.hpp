#pragma once
/// @file
/// Sends out-of-dialog NOTIFY requests (res_pjsip_notify's notify_contact and notify_uri):
/// to every contact of an endpoint's AORs, registered ones over the flow they registered
/// on (with their Path as Route) and static ones to their address, or to one URI. Each
/// request carries `Subscription-State: terminated` and the given content. Sending,
/// locating and answering 401/407 with the endpoint's outbound_auth are res_pjsip's
/// `OutOfDialogSender`. Reactor thread only.

#include <memory>
#include <optional>
#include <string>

#include "core/store/object_store.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "modules/res_pjsip/outbound/out_of_dialog_sender.hpp"
#include "modules/res_pjsip_notify/notify_config.hpp"

namespace sb::modules::res_pjsip_notify {

class NotifySender {
 public:
  NotifySender(std::shared_ptr<res_pjsip::OutOfDialogSender> sender,
               res_pjsip::LocationService& location, const store::ObjectStore& store);

  /// Sends to every contact of `endpoint` and returns how many NOTIFYs went out; nullopt
  /// when there is no such endpoint. An endpoint without AORs or contacts is not an error
  /// for PJSIPNotify (Asterisk logs it and still says "NOTIFY sent").
  std::optional<std::size_t> toEndpoint(const std::string& endpoint, const NotifyContent& content);
  /// Sends to `uri` (located when its host is a name); false when it is unusable.
  bool toUri(const std::string& uri, const NotifyContent& content);

  /// NOTIFYs still waiting for their answer.
  std::size_t pending() const { return sender_->pending(); }

 private:
  /// Locates `request`'s Request-URI, then sends; failures are logged.
  void locateAndSend(res_pjsip::OutOfDialogRequest request);

  std::shared_ptr<res_pjsip::OutOfDialogSender> sender_;
  res_pjsip::LocationService& location_;
  const store::ObjectStore& store_;
};

}  // namespace sb::modules::res_pjsip_notify
