#pragma once
/// @file
/// What a module is: a descriptor with a name, dependencies, its object types and a load
/// function returning one RAII bundle of everything it registered.
///
/// A module lives in its own folder under src/modules/<name>/ and defines
/// `const sb::ModuleDescriptor& sb::modules::<name>::descriptor();` — the build generates the
/// list of built-in modules from the folders (no static initializers).

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/events/event_bus.hpp"
#include "core/module/service_registry.hpp"
#include "core/store/object_type.hpp"
#include "core/util/registration.hpp"
#include "core/util/result.hpp"

namespace sb {

namespace core {
class Reactor;
class WorkerPool;
class ActivityTracker;
}  // namespace core
namespace cli {
class CommandRegistry;
}
namespace store {
class ObjectStore;
class ObjectSet;
}  // namespace store
struct Paths;

/// What a module can reach while loading and running. Everything here outlives modules.
struct ModuleContext {
  core::Reactor& reactor;
  core::WorkerPool& workers;
  cli::CommandRegistry& commands;
  store::ObjectStore& objects;
  core::ActivityTracker& activity;
  const Paths& paths;
  /// Services modules publish for each other (see service_registry.hpp).
  ServiceRegistry& services;
  /// Events for AMI and other consumers.
  events::EventBus& events;
};

/// How much a module is to be relied on (Asterisk's "support level" column).
enum class SupportLevel { Core, Extended, Deprecated, Test };

struct ModuleDescriptor {
  std::string name;         ///< Asterisk-style name without ".so", e.g. "res_pjsip_registrar"
  std::string description;  ///< one line, shown by `module show`
  std::vector<std::string>
      dependencies;  ///< modules that must be loaded first (Asterisk: requires)
  SupportLevel support = SupportLevel::Core;
  bool autoload = true;  ///< loaded by `autoload=yes` (test modules say no)
  /// The object types this module owns. The module manager registers them before load()
  /// and loads their objects from the backends.
  std::function<std::vector<std::shared_ptr<const store::ObjectTypeBase>>()> objectTypes;
  /// Registers handlers, commands and so on. Runs on the reactor thread after the module's
  /// objects are in the store.
  std::function<Result<Registrations>(ModuleContext&)> load;
};

}  // namespace sb
