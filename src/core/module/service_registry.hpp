#pragma once
/// @file
/// Services that modules offer each other (res_pjsip's SIP service and contact location to
/// the registrar, later the event bus to AMI), found by type. A module publishes a service in
/// load() and the returned Registration withdraws it on unload; dependents find it through
/// the same ModuleContext. Reactor thread only.

#include <memory>
#include <typeindex>
#include <unordered_map>

#include "core/util/registration.hpp"

namespace sb {

class ServiceRegistry {
 public:
  /// Publishes `service` under its type; a second provider of the same type replaces the
  /// first until it is withdrawn.
  template <class T>
  [[nodiscard]] Registration provide(std::shared_ptr<T> service) {
    const std::type_index key(typeid(T));
    services_[key] = service;
    return Registration([this, key, raw = service.get()] {
      auto found = services_.find(key);
      if (found != services_.end() && found->second.get() == raw) {
        services_.erase(found);
      }
    });
  }

  /// The service of type T, or nullptr when no loaded module offers it.
  template <class T>
  std::shared_ptr<T> find() const {
    auto found = services_.find(std::type_index(typeid(T)));
    return found == services_.end() ? nullptr : std::static_pointer_cast<T>(found->second);
  }

 private:
  std::unordered_map<std::type_index, std::shared_ptr<void>> services_;
};

}  // namespace sb
