#pragma once
/// @file
/// All outbound registrations: one RegistrationClient per `type=registration` object, kept
/// in step with configuration reloads (a changed registration, or a change to its auth
/// objects, restarts it; an unchanged one keeps running). Published as a service so the
/// legacy commands and AMI can read the states. Reactor thread only.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/util/registration.hpp"
#include "modules/res_pjsip_outbound_registration/registration_client.hpp"

namespace sb::modules::res_pjsip_outbound_registration {

class RegistrationService {
 public:
  explicit RegistrationService(RegistrationClient::Deps deps);
  ~RegistrationService();
  RegistrationService(const RegistrationService&) = delete;
  RegistrationService& operator=(const RegistrationService&) = delete;

  /// Creates clients for the current configuration and follows reloads.
  void start();
  /// Stops every client (unregistering those registered) and stops following reloads.
  void stopAll();

  /// Every client, by registration id.
  const std::map<std::string, std::shared_ptr<RegistrationClient>>& clients() const {
    return clients_;
  }
  std::shared_ptr<RegistrationClient> find(const std::string& id) const;

 private:
  void sync(const store::ObjectSet& objects, bool initial);
  /// What must be equal for a running client to be kept across a reload.
  std::string fingerprint(const store::ObjectSet& objects, const RegistrationConfig& config) const;

  RegistrationClient::Deps deps_;
  std::map<std::string, std::shared_ptr<RegistrationClient>> clients_;
  std::map<std::string, std::string> fingerprints_;
  Registration observer_;
};

}  // namespace sb::modules::res_pjsip_outbound_registration
