#pragma once
/// @file
/// The object store ("sorcery"): object types registered by modules, bound to backends
/// (sorcery.conf can rebind them), loaded into immutable ObjectSet snapshots.
///
/// Threads: register, install and current() belong to the reactor thread. load() is a pure
/// function of its LoadRequest and runs on a worker, so reading files never blocks the reactor.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/config/config_file.hpp"
#include "core/store/backend.hpp"
#include "core/store/object_set.hpp"
#include "core/store/object_type.hpp"
#include "core/util/registration.hpp"

namespace sb::store {

/// A sorcery.conf line: `[section]` `type = wizard,data`.
struct BindingOverride {
  Binding binding;
  config::SourceLocation where;
};
/// Keyed by "section/type".
using BindingOverrides = std::map<std::string, std::vector<BindingOverride>>;

/// Reads sorcery.conf. Unknown wizards are reported with file:line.
BindingOverrides parseSorceryConf(const config::ConfigFile& file, Diagnostics& out);

/// Everything a load needs, copied so that it can run on another thread.
struct LoadRequest {
  std::vector<std::shared_ptr<const ObjectTypeBase>> types;  ///< the types to load
  std::vector<std::string> knownTypeNames;  ///< every type any built-in module could register
  BindingOverrides overrides;
  config::ReaderOptions reader;
};

struct LoadResult {
  std::shared_ptr<ObjectSet> objects;  ///< every object that built without error
  Diagnostics diagnostics;
  std::vector<std::string> files;  ///< config files consulted

  bool ok() const;  ///< no Error diagnostics
};

class ObjectStore {
 public:
  ObjectStore();

  /// Makes a type known. Throws std::invalid_argument if the name is taken.
  Registration registerType(std::shared_ptr<const ObjectTypeBase> type);
  std::shared_ptr<const ObjectTypeBase> findType(std::string_view name) const;
  std::vector<std::shared_ptr<const ObjectTypeBase>> types() const;

  /// Builds a set from backends. Blocking I/O: call it from a worker.
  static LoadResult load(const LoadRequest& request);

  /// The current snapshot (never null).
  std::shared_ptr<const ObjectSet> current() const { return current_; }
  /// Swaps in a new snapshot and tells observers.
  void install(std::shared_ptr<const ObjectSet> objects);
  /// A copy of the current set with `types` taken from `loaded` (a partial reload).
  std::shared_ptr<ObjectSet> merged(
      const ObjectSet& loaded,
      const std::vector<std::shared_ptr<const ObjectTypeBase>>& types) const;

  /// Called on the reactor after each install with the old and new snapshots.
  using Observer = std::function<void(const ObjectSet& before, const ObjectSet& after)>;
  Registration observe(Observer observer);

 private:
  std::map<std::string, std::shared_ptr<const ObjectTypeBase>, std::less<>> types_;
  std::shared_ptr<const ObjectSet> current_;
  std::map<int, Observer> observers_;
  int nextObserver_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace sb::store
