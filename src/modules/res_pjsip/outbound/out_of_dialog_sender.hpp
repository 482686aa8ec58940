#pragma once
/// @file
/// Sends out-of-dialog requests (res_pjsip_notify's NOTIFYs, res_pjsip_messaging's MESSAGEs)
/// and looks after them until their final answer: over a known flow (a registered contact's,
/// with its Path as Route), or to a URI located first (RFC 3263; an IP literal at once, a
/// host name through DNS). A 401/407 is answered once with the outbound_auth of the
/// request's endpoint; every other answer, a timeout or a transport error is only logged.
/// Reactor thread only.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/store/object_store.hpp"
#include "modules/res_pjsip/location/contact_flow.hpp"
#include "modules/res_pjsip/outbound/out_of_dialog_request.hpp"
#include "sip/core/sip_core.hpp"
#include "sip/dns/resolver.hpp"

namespace sb::modules::res_pjsip {

class OutOfDialogSender : public std::enable_shared_from_this<OutOfDialogSender> {
 public:
  /// After `locateAndSend`: whether the request went out, and why not.
  using Located = std::function<void(bool sent, const std::string& error)>;

  OutOfDialogSender(sip::SipCore& core, sip::dns::Resolver& resolver,
                    const store::ObjectStore& store);
  ~OutOfDialogSender();

  /// Sends over `outbound`; false when the request could not be built or sent.
  bool send(const OutOfDialogRequest& request, const OutboundFlow& outbound);
  /// Sends to a registered contact over the flow it registered on, with its Path as Route;
  /// false when no transport fits or the request could not be sent.
  bool toContact(OutOfDialogRequest request, const StoredContact& contact);
  /// Locates the Request-URI and sends to its first destination. `done` runs once: before
  /// this returns for an IP literal or an unusable URI, later for a host name (and never if
  /// the sender is gone by then).
  void locateAndSend(OutOfDialogRequest request, Located done);

  /// Requests still waiting for their final answer.
  std::size_t pending() const { return inFlight_.size(); }

 private:
  struct InFlight;
  void onFinal(const std::string& key, const sip::Message& response);
  sip::ClientCallbacks callbacksFor(const std::string& key, const std::string& method,
                                    const std::string& requestUri);

  sip::SipCore& core_;
  sip::dns::Resolver& resolver_;
  const store::ObjectStore& store_;
  std::unordered_map<std::string, std::unique_ptr<InFlight>> inFlight_;  // by first branch
};

}  // namespace sb::modules::res_pjsip
