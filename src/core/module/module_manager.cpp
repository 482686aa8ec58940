#include "core/module/module_manager.hpp"

#include <algorithm>
#include <set>

#include "core/cli/command_registry.hpp"
#include "core/log/logger.hpp"
#include "core/reactor/reactor.hpp"
#include "core/reactor/worker_pool.hpp"
#include "core/store/option_parsers.hpp"
#include "core/util/memory_release.hpp"
#include "core/util/paths.hpp"

namespace sb {

using Severity = config::Diagnostic::Severity;

struct ModuleManager::Loaded {
  const ModuleDescriptor* module = nullptr;
  Registrations types;
  Registrations registrations;
};

std::string_view supportLevelName(SupportLevel level) {
  switch (level) {
    case SupportLevel::Core:
      return "core";
    case SupportLevel::Extended:
      return "extended";
    case SupportLevel::Deprecated:
      return "deprecated";
    case SupportLevel::Test:
      return "test";
  }
  return "unknown";
}

std::string moduleBaseName(std::string_view name) {
  name = store::trimmed(name);
  if (name.size() > 3 && name.substr(name.size() - 3) == ".so") {
    name.remove_suffix(3);
  }
  return std::string(name);
}

ModuleManager::ModuleManager(ModuleContext& context, std::vector<const ModuleDescriptor*> available)
    : context_(context), available_(std::move(available)) {}

ModuleManager::~ModuleManager() {
  unloadAll();
}

const ModuleDescriptor* ModuleManager::find(std::string_view name) const {
  const std::string base = moduleBaseName(name);
  for (const auto* module : available_) {
    if (module->name == base) {
      return module;
    }
  }
  return nullptr;
}

bool ModuleManager::isLoaded(std::string_view name) const {
  const std::string base = moduleBaseName(name);
  return std::any_of(loaded_.begin(), loaded_.end(),
                     [&](const auto& loaded) { return loaded->module->name == base; });
}

std::vector<std::shared_ptr<const store::ObjectTypeBase>> ModuleManager::typesOf(
    const ModuleDescriptor& module) const {
  auto cached = typeCache_.find(module.name);
  if (cached != typeCache_.end()) {
    return cached->second;
  }
  auto types = module.objectTypes ? module.objectTypes()
                                  : std::vector<std::shared_ptr<const store::ObjectTypeBase>>{};
  const_cast<ModuleManager*>(this)->typeCache_.emplace(module.name, types);
  return types;
}

std::vector<std::shared_ptr<const store::ObjectTypeBase>> ModuleManager::allTypes() const {
  std::vector<std::shared_ptr<const store::ObjectTypeBase>> out;
  for (const auto* module : available_) {
    auto types = typesOf(*module);
    out.insert(out.end(), types.begin(), types.end());
  }
  return out;
}

ModuleManager::Plan ModuleManager::plan(const config::ConfigFile* modulesConf) const {
  Plan plan;
  bool autoload = true;
  std::set<std::string> wanted;
  std::set<std::string> refused;
  if (modulesConf != nullptr) {
    for (const auto& section : modulesConf->sections) {
      if (section.isTemplate || section.name != "modules") {
        continue;
      }
      for (const auto& variable : section.variables) {
        const std::string key = variable.name;
        if (key == "autoload") {
          autoload = store::parseBoolean(variable.value).value_or(true);
          continue;
        }
        if (key != "load" && key != "noload" && key != "preload" && key != "require" &&
            key != "preload-require") {
          plan.diagnostics.push_back(
              {Severity::Warning, variable.where, "unknown modules.conf option '" + key + "'"});
          continue;
        }
        const std::string name = moduleBaseName(variable.value);
        if (find(name) == nullptr) {
          plan.notices.push_back(
              {Severity::Warning, variable.where,
               "module '" + variable.value + "' is not part of Switchboard; ignored"});
          continue;
        }
        if (key == "noload") {
          refused.insert(name);
        } else {
          wanted.insert(name);
        }
      }
    }
  }
  for (const auto* module : available_) {
    if ((autoload && module->autoload) || wanted.count(module->name)) {
      if (!refused.count(module->name)) {
        wanted.insert(module->name);
        continue;
      }
    }
    wanted.erase(module->name);
  }
  // Order by `requires` (depth first); a missing or refused requirement drops the module.
  std::set<std::string> placed;
  std::set<std::string> visiting;
  std::function<bool(const ModuleDescriptor*)> place = [&](const ModuleDescriptor* module) {
    if (placed.count(module->name)) {
      return true;
    }
    if (!visiting.insert(module->name).second) {
      plan.diagnostics.push_back(
          {Severity::Error, {}, "module dependency cycle at " + module->name});
      return false;
    }
    for (const auto& required : module->dependencies) {
      const auto* dependency = find(required);
      if (dependency == nullptr || !wanted.count(dependency->name) || !place(dependency)) {
        plan.diagnostics.push_back(
            {Severity::Warning,
             {},
             "module '" + module->name + "' not loaded: it requires '" + required + "'"});
        return false;
      }
    }
    placed.insert(module->name);
    plan.modules.push_back(module);
    return true;
  };
  for (const auto* module : available_) {
    if (wanted.count(module->name)) {
      place(module);
    }
  }
  return plan;
}

store::LoadRequest ModuleManager::loadRequest(
    const std::vector<std::shared_ptr<const store::ObjectTypeBase>>& types,
    store::Diagnostics& diagnostics) const {
  store::LoadRequest request;
  request.types = types;
  for (const auto& type : allTypes()) {
    request.knownTypeNames.push_back(type->name());
  }
  request.reader.configDir = context_.paths.etc;
  auto sorcery = config::parseConfig("sorcery.conf", request.reader);
  if (sorcery.found) {
    diagnostics.insert(diagnostics.end(), sorcery.diagnostics.begin(), sorcery.diagnostics.end());
    request.overrides = store::parseSorceryConf(sorcery.file, diagnostics);
  }
  return request;
}

Result<void> ModuleManager::activate(
    const ModuleDescriptor& module,
    std::vector<std::shared_ptr<const store::ObjectTypeBase>> types) {
  auto loaded = std::make_unique<Loaded>();
  loaded->module = &module;
  try {
    for (auto& type : types) {
      loaded->types += context_.objects.registerType(type);
    }
  } catch (const std::exception& error) {
    return Error{error.what()};
  }
  if (module.load) {
    auto registrations = module.load(context_);
    if (!registrations) {
      return registrations.error();
    }
    loaded->registrations = std::move(*registrations);
  }
  loaded_.push_back(std::move(loaded));
  return {};
}

store::Diagnostics ModuleManager::startUp(const std::vector<const ModuleDescriptor*>& modules) {
  std::vector<std::shared_ptr<const store::ObjectTypeBase>> types;
  for (const auto* module : modules) {
    auto own = typesOf(*module);
    types.insert(types.end(), own.begin(), own.end());
  }
  store::Diagnostics diagnostics;
  auto request = loadRequest(types, diagnostics);
  auto result = store::ObjectStore::load(request);
  diagnostics.insert(diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
  context_.objects.install(result.objects);
  util::releaseFreeMemory();  // the parse's temporary memory is gone; return it
  for (const auto* module : modules) {
    if (auto activated = activate(*module, typesOf(*module)); !activated) {
      diagnostics.push_back(
          {Severity::Error,
           {},
           "module '" + module->name + "' failed to load: " + activated.error().message});
    }
  }
  return diagnostics;
}

void ModuleManager::load(const std::string& name, Done done) {
  const ModuleDescriptor* module = find(name);
  if (module == nullptr) {
    done(false, {"Unable to load module " + name + ": no such module"});
    return;
  }
  if (isLoaded(module->name)) {
    done(false, {"Module '" + module->name + "' is already loaded"});
    return;
  }
  for (const auto& required : module->dependencies) {
    if (!isLoaded(required)) {
      done(false, {"Unable to load module " + module->name + ": it requires " + required});
      return;
    }
  }
  auto types = typesOf(*module);
  store::Diagnostics diagnostics;
  auto request = loadRequest(types, diagnostics);
  context_.workers.offload(
      context_.reactor,
      [request = std::move(request)] { return store::ObjectStore::load(request); },
      [this, module, types, diagnostics, done,
       alive = std::weak_ptr<bool>(alive_)](store::LoadResult result) mutable {
        if (!alive.lock()) {
          return;
        }
        std::vector<std::string> messages;
        for (const auto& d : diagnostics) {
          messages.push_back(d.str());
        }
        for (const auto& d : result.diagnostics) {
          messages.push_back(d.str());
        }
        if (isLoaded(module->name)) {
          done(false, {"Module '" + module->name + "' is already loaded"});
          return;
        }
        context_.objects.install(context_.objects.merged(*result.objects, types));
        if (auto activated = activate(*module, types); !activated) {
          messages.push_back("Unable to load module " + module->name + ": " +
                             activated.error().message);
          done(false, std::move(messages));
          return;
        }
        messages.push_back("Loaded " + module->name);
        done(true, std::move(messages));
      });
}

Result<void> ModuleManager::unload(const std::string& name) {
  const std::string base = moduleBaseName(name);
  auto it = std::find_if(loaded_.begin(), loaded_.end(),
                         [&](const auto& loaded) { return loaded->module->name == base; });
  if (it == loaded_.end()) {
    return Error{"Unable to unload resource " + base + ": not loaded"};
  }
  for (const auto& other : loaded_) {
    const auto& dependencies = other->module->dependencies;
    if (std::find(dependencies.begin(), dependencies.end(), base) != dependencies.end()) {
      return Error{"Unable to unload resource " + base + ": in use by " + other->module->name};
    }
  }
  auto types = typesOf(*(*it)->module);
  loaded_.erase(it);  // registrations undo themselves, newest first
  store::ObjectSet empty;
  context_.objects.install(context_.objects.merged(empty, types));
  return {};
}

namespace {

/// Asterisk's ast_module_reload_result, the Status of a Reload event.
enum class ReloadStatus { Success = 0, NotFound = 2, Error = 3, Uninitialized = 5 };

/// Publishes Asterisk's `Event: Reload` (class system): Module as the user named it, or "All".
void publishReload(events::EventBus& bus, const std::string& name, ReloadStatus status) {
  if (!bus.wants(events::kSystem)) {
    return;
  }
  events::Event event;
  event.name = "Reload";
  event.classes = events::kSystem;
  event.fields = {{"Module", name.empty() ? std::string("All") : name},
                  {"Status", std::to_string(static_cast<int>(status))}};
  bus.publish(std::move(event));
}

}  // namespace

void ModuleManager::reload(const std::string& name, Done userDone) {
  std::vector<std::shared_ptr<const store::ObjectTypeBase>> types;
  if (name.empty()) {
    for (const auto& loaded : loaded_) {
      auto own = typesOf(*loaded->module);
      types.insert(types.end(), own.begin(), own.end());
    }
  } else {
    const ModuleDescriptor* module = find(name);
    if (module == nullptr || !isLoaded(module->name)) {
      publishReload(context_.events, name,
                    module == nullptr ? ReloadStatus::NotFound : ReloadStatus::Uninitialized);
      userDone(false, {"The module '" + name +
                       "' was not properly initialized.  Before reloading the "
                       "module, you must run \"module load " +
                       name +
                       "\" and fix whatever is preventing "
                       "the module from being initialized."});
      return;
    }
    types = typesOf(*module);
  }
  // Every outcome is also told to AMI as a Reload event.
  Done done = [this, name, userDone = std::move(userDone), alive = std::weak_ptr<bool>(alive_)](
                  bool ok, std::vector<std::string> messages) {
    if (alive.lock()) {
      publishReload(context_.events, name, ok ? ReloadStatus::Success : ReloadStatus::Error);
    }
    userDone(ok, std::move(messages));
  };
  store::Diagnostics diagnostics;
  auto request = loadRequest(types, diagnostics);
  context_.workers.offload(
      context_.reactor,
      [request = std::move(request)] { return store::ObjectStore::load(request); },
      [this, types, diagnostics, done,
       alive = std::weak_ptr<bool>(alive_)](store::LoadResult result) {
        if (!alive.lock()) {
          return;
        }
        std::vector<std::string> messages;
        bool ok = result.ok();
        for (const auto& d : diagnostics) {
          messages.push_back(d.str());
          ok = ok && d.severity != Severity::Error;
        }
        for (const auto& d : result.diagnostics) {
          messages.push_back(d.str());
        }
        if (!ok) {
          done(false, std::move(messages));
          return;
        }
        context_.objects.install(context_.objects.merged(*result.objects, types));
        // The old snapshot was built on a worker thread's malloc arena; give its pages back
        // instead of letting every arena keep a copy's worth of memory.
        util::releaseFreeMemory();
        done(true, std::move(messages));
      });
}

void ModuleManager::unloadAll() {
  while (!loaded_.empty()) {
    loaded_.pop_back();
  }
}

std::vector<ModuleStatus> ModuleManager::status() const {
  std::vector<ModuleStatus> out;
  for (const auto* module : available_) {
    out.push_back({module->name, module->description, isLoaded(module->name), module->support});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

}  // namespace sb
