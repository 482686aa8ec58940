#pragma once
/// @file
/// res_pjsip's OutboundRegistry view (legacy `sip show registry`, AMI) over the
/// RegistrationService.

#include <memory>

#include "modules/res_pjsip/outbound_registry.hpp"
#include "modules/res_pjsip_outbound_registration/registration_service.hpp"

namespace sb::modules::res_pjsip_outbound_registration {

class RegistryAdapter : public res_pjsip::OutboundRegistry {
 public:
  explicit RegistryAdapter(std::shared_ptr<RegistrationService> service)
      : service_(std::move(service)) {}
  std::vector<res_pjsip::OutboundRegistryEntry> entries() const override;
  bool registerNow(const std::string& id) override;
  bool unregister(const std::string& id) override;
  std::string endpointForLine(std::string_view line) const override;

 private:
  std::shared_ptr<RegistrationService> service_;
};

/// chan_sip's word for a state: Registered, Unregistered, Rejected, Failed, Request Sent.
std::string chanSipState(const RegistrationStatus& status);

}  // namespace sb::modules::res_pjsip_outbound_registration
