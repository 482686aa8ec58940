#pragma once
/// @file
/// Loads, unloads and reloads modules: modules.conf decides which, `requires` decides the
/// order, and each module's object types are loaded from their backends before it starts.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config_file.hpp"
#include "core/module/module.hpp"
#include "core/store/object_store.hpp"

namespace sb {

/// One line of `module show`.
struct ModuleStatus {
  std::string name;
  std::string description;
  bool running = false;
  SupportLevel support = SupportLevel::Core;
};

std::string_view supportLevelName(SupportLevel level);

class ModuleManager {
 public:
  ModuleManager(ModuleContext& context, std::vector<const ModuleDescriptor*> available);
  ~ModuleManager();

  /// Which modules modules.conf asks for, in dependency order. Names of Asterisk modules this
  /// build doesn't have are accepted with a notice (returned as warnings).
  struct Plan {
    std::vector<const ModuleDescriptor*> modules;
    store::Diagnostics diagnostics;
    store::Diagnostics notices;  ///< Asterisk module names this build doesn't have
  };
  Plan plan(const config::ConfigFile* modulesConf) const;

  /// Start-up: loads the planned modules and all their objects in one go on the calling
  /// thread (nothing else runs yet). Object errors are returned; the bad objects are
  /// skipped, as Asterisk does, and everything valid is loaded.
  store::Diagnostics startUp(const std::vector<const ModuleDescriptor*>& modules);

  /// Builds the LoadRequest for `types` with sorcery.conf re-read (for --check-config too).
  store::LoadRequest loadRequest(
      const std::vector<std::shared_ptr<const store::ObjectTypeBase>>& types,
      store::Diagnostics& diagnostics) const;

  using Done = std::function<void(bool ok, std::vector<std::string> messages)>;
  /// Loads one module at run time (objects read on a worker). `done` runs on the reactor.
  void load(const std::string& name, Done done);
  /// Unloads a module unless another loaded module requires it.
  Result<void> unload(const std::string& name);
  /// Re-reads the objects of one module (or of every loaded module when `name` is empty) on
  /// a worker and swaps them in only if there is no error at all.
  void reload(const std::string& name, Done done);
  /// Unloads everything in reverse load order.
  void unloadAll();

  const ModuleDescriptor* find(std::string_view name) const;
  bool isLoaded(std::string_view name) const;
  std::vector<ModuleStatus> status() const;
  /// Every object type of every built-in module (for the reference and --check-config).
  std::vector<std::shared_ptr<const store::ObjectTypeBase>> allTypes() const;

 private:
  struct Loaded;
  Result<void> activate(const ModuleDescriptor& module,
                        std::vector<std::shared_ptr<const store::ObjectTypeBase>> types);
  std::vector<std::shared_ptr<const store::ObjectTypeBase>> typesOf(
      const ModuleDescriptor& module) const;

  ModuleContext& context_;
  std::vector<const ModuleDescriptor*> available_;
  std::vector<std::unique_ptr<Loaded>> loaded_;  ///< in load order
  std::map<std::string, std::vector<std::shared_ptr<const store::ObjectTypeBase>>> typeCache_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

/// Strips a trailing ".so" (modules.conf and CLI use Asterisk's file names).
std::string moduleBaseName(std::string_view name);

}  // namespace sb
