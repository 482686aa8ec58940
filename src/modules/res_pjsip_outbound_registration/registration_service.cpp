#include "modules/res_pjsip_outbound_registration/registration_service.hpp"

#include <random>

#include "core/store/object_set.hpp"

namespace sb::modules::res_pjsip_outbound_registration {

RegistrationService::RegistrationService(RegistrationClient::Deps deps) : deps_(deps) {}

RegistrationService::~RegistrationService() {
  stopAll();
}

void RegistrationService::start() {
  sync(*deps_.objects.current(), true);
  // The store outlives this service; the observer is dropped in stopAll().
  observer_ = deps_.objects.observe(
      [this](const store::ObjectSet&, const store::ObjectSet& after) { sync(after, false); });
}

void RegistrationService::stopAll() {
  observer_.reset();
  for (auto& [id, client] : clients_) {
    client->stop();
  }
  clients_.clear();
  fingerprints_.clear();
}

std::shared_ptr<RegistrationClient> RegistrationService::find(const std::string& id) const {
  const auto found = clients_.find(id);
  return found == clients_.end() ? nullptr : found->second;
}

std::string RegistrationService::fingerprint(const store::ObjectSet& objects,
                                             const RegistrationConfig& config) const {
  std::string out;
  auto add = [&out](const store::ObjectTypeBase& type, const store::Object& object) {
    for (const auto& [name, value] : type.describe(object)) {
      out += name + "=" + value + "\n";
    }
  };
  if (const auto type = deps_.objects.findType("registration")) {
    add(*type, config);
  }
  if (const auto type = deps_.objects.findType("auth")) {
    for (const auto& name : config.outboundAuth) {
      if (const auto auth = objects.find("auth", name)) {
        add(*type, *auth);
      }
    }
  }
  return out;
}

void RegistrationService::sync(const store::ObjectSet& objects, bool initial) {
  static thread_local std::mt19937 rng{std::random_device{}()};
  std::map<std::string, std::shared_ptr<RegistrationClient>> next;
  std::map<std::string, std::string> prints;
  for (const auto& [id, object] : objects.all("registration")) {
    auto config = std::static_pointer_cast<const RegistrationConfig>(object);
    auto print = fingerprint(objects, *config);
    const auto existing = clients_.find(id);
    if (existing != clients_.end() && fingerprints_[id] == print) {
      next[id] = existing->second;
    } else {
      if (existing != clients_.end()) {
        existing->second->stop();
      }
      auto client = std::make_shared<RegistrationClient>(deps_, config);
      // Asterisk spreads the first REGISTERs over max_random_initial_delay seconds.
      const unsigned spread = config->maxRandomInitialDelay;
      const double delay =
          spread == 0 ? 0.0 : std::uniform_real_distribution<double>(0.0, spread)(rng);
      client->start(initial || existing == clients_.end() ? delay : 0.0);
      next[id] = std::move(client);
    }
    prints[id] = std::move(print);
  }
  for (auto& [id, client] : clients_) {
    if (!next.contains(id)) {
      client->stop();
    }
  }
  clients_ = std::move(next);
  fingerprints_ = std::move(prints);
}

}  // namespace sb::modules::res_pjsip_outbound_registration
