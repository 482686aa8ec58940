#include "core/store/object_store.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/store/option_parsers.hpp"

namespace sb::store {
namespace {

using Severity = config::Diagnostic::Severity;

const Backend* backendFor(std::string_view wizard) {
  static const ConfigFileBackend config;
  if (wizard == "config") {
    return &config;
  }
  return nullptr;
}

// Wizards Asterisk has that Switchboard does not (yet): named so the error is precise.
bool isKnownAsteriskWizard(std::string_view wizard) {
  return wizard == "realtime" || wizard == "astdb" || wizard == "memory" ||
         wizard == "memory_cache";
}

}  // namespace

bool LoadResult::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const config::Diagnostic& d) { return d.severity == Severity::Error; });
}

BindingOverrides parseSorceryConf(const config::ConfigFile& file, Diagnostics& out) {
  BindingOverrides overrides;
  for (const auto& section : file.sections) {
    if (section.isTemplate) {
      continue;
    }
    for (const auto& variable : section.variables) {
      std::string type = variable.name;
      if (const auto slash = type.find('/'); slash != std::string::npos) {
        type.resize(slash);  // "contact/cache": caches are not needed with in-memory snapshots
      }
      const auto comma = variable.value.find(',');
      Binding binding;
      binding.wizard = std::string(trimmed(variable.value.substr(0, comma)));
      binding.data =
          comma == std::string::npos ? "" : std::string(trimmed(variable.value.substr(comma + 1)));
      if (backendFor(binding.wizard) == nullptr) {
        out.push_back(
            {Severity::Error, variable.where,
             isKnownAsteriskWizard(binding.wizard)
                 ? "sorcery wizard '" + binding.wizard + "' is not available in this build"
                 : "unknown sorcery wizard '" + binding.wizard + "'"});
        continue;
      }
      overrides[section.name + "/" + type].push_back({std::move(binding), variable.where});
    }
  }
  return overrides;
}

ObjectStore::ObjectStore() : current_(std::make_shared<ObjectSet>()) {}

Registration ObjectStore::registerType(std::shared_ptr<const ObjectTypeBase> type) {
  const std::string name = type->name();
  if (!types_.emplace(name, std::move(type)).second) {
    throw std::invalid_argument("object type '" + name + "' is already registered");
  }
  return Registration([this, name, alive = std::weak_ptr<bool>(alive_)] {
    if (alive.lock()) {
      types_.erase(name);
    }
  });
}

std::shared_ptr<const ObjectTypeBase> ObjectStore::findType(std::string_view name) const {
  auto found = types_.find(name);
  return found == types_.end() ? nullptr : found->second;
}

std::vector<std::shared_ptr<const ObjectTypeBase>> ObjectStore::types() const {
  std::vector<std::shared_ptr<const ObjectTypeBase>> out;
  for (const auto& [name, type] : types_) {
    out.push_back(type);
  }
  return out;
}

LoadResult ObjectStore::load(const LoadRequest& request) {
  LoadResult result;
  result.objects = std::make_shared<ObjectSet>();
  LoadContext context(request.reader);
  std::set<std::string> criteriaFiles;
  std::map<std::string, config::SourceLocation> firstSeen;

  for (const auto& type : request.types) {
    std::vector<BindingOverride> bindings;
    auto overridden = request.overrides.find(type->sorcerySection() + "/" + type->name());
    if (overridden != request.overrides.end()) {
      bindings = overridden->second;
    } else {
      bindings.push_back({type->defaultBinding(), {}});
    }
    for (const auto& [binding, where] : bindings) {
      const Backend* backend = backendFor(binding.wizard);
      if (backend == nullptr) {
        continue;  // reported by parseSorceryConf
      }
      if (binding.wizard == "config" && binding.data.find("criteria=type=") != std::string::npos) {
        criteriaFiles.insert(splitList(binding.data).front());
      }
      for (const auto& found : backend->find(*type, binding.data, where, context)) {
        auto object = type->build(found.id, *found.section, found.skipKey, context.diagnostics());
        if (!object) {
          continue;
        }
        const std::string key = type->name() + "/" + found.id;
        auto [first, inserted] = firstSeen.emplace(key, found.section->where);
        if (!inserted || !result.objects->add(object)) {
          context.diagnostics().push_back({Severity::Error, found.section->where,
                                           "duplicate " + type->name() + " '" + found.id +
                                               "' (first defined at " + first->second.str() + ")"});
        }
      }
    }
  }

  // Sections claiming a type nobody knows are most likely typos; say so without failing,
  // since real Asterisk files carry types this build does not implement.
  std::set<std::string> known(request.knownTypeNames.begin(), request.knownTypeNames.end());
  for (const auto& type : request.types) {
    known.insert(type->name());
  }
  for (const auto& name : criteriaFiles) {
    const config::ConfigFile* file = context.file(name);
    if (file == nullptr) {
      continue;
    }
    for (const auto& section : file->sections) {
      if (section.isTemplate) {
        continue;
      }
      auto type = section.last("type");
      if (!type) {
        context.diagnostics().push_back(
            {Severity::Warning, section.where,
             "section [" + section.name + "] has no type= and is ignored"});
      } else if (known.count(std::string(trimmed(*type))) == 0) {
        context.diagnostics().push_back({Severity::Warning, section.where,
                                         "section [" + section.name + "] has unknown type '" +
                                             std::string(*type) + "' and is ignored"});
      }
    }
  }
  result.diagnostics = std::move(context.diagnostics());
  return result;
}

void ObjectStore::install(std::shared_ptr<const ObjectSet> objects) {
  auto before = std::exchange(current_, std::move(objects));
  auto observers = observers_;  // an observer may unregister itself
  for (const auto& [id, observer] : observers) {
    observer(*before, *current_);
  }
}

std::shared_ptr<ObjectSet> ObjectStore::merged(
    const ObjectSet& loaded,
    const std::vector<std::shared_ptr<const ObjectTypeBase>>& types) const {
  auto out = std::make_shared<ObjectSet>(*current_);
  for (const auto& type : types) {
    out->replaceType(type->name(), loaded);
  }
  return out;
}

Registration ObjectStore::observe(Observer observer) {
  const int id = nextObserver_++;
  observers_.emplace(id, std::move(observer));
  return Registration([this, id, alive = std::weak_ptr<bool>(alive_)] {
    if (alive.lock()) {
      observers_.erase(id);
    }
  });
}

}  // namespace sb::store
