#pragma once
/// @file
/// Where objects live: a backend ("wizard" in sorcery.conf's words) turns its data string
/// into sections for a type. The config-file backend is the first; SQLite and PostgreSQL
/// backends plug in behind the same interface.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config_file.hpp"
#include "core/store/object_type.hpp"

namespace sb::store {

/// Shared by every backend during one load: parsed files are read once however many types
/// draw from them, and every diagnostic lands in one list.
class LoadContext {
 public:
  explicit LoadContext(config::ReaderOptions reader) : reader_(std::move(reader)) {}

  /// Parses (once) and returns a config file, or nullptr when it does not exist.
  const config::ConfigFile* file(const std::string& name);
  /// True if `name` was asked for and found.
  bool fileExists(const std::string& name);

  Diagnostics& diagnostics() { return diagnostics_; }
  const config::ReaderOptions& reader() const { return reader_; }

 private:
  config::ReaderOptions reader_;
  std::map<std::string, config::ParseResult> files_;
  Diagnostics diagnostics_;
};

/// One section that a backend found for a type.
struct FoundObject {
  std::string id;
  const config::Section* section = nullptr;
  std::string skipKey;  ///< the criteria key the builder must not treat as an option
  std::string file;     ///< the file the backend read (config wizard), for cross-checks
};

class Backend {
 public:
  virtual ~Backend() = default;
  /// Finds the objects of `type` that `data` describes.
  virtual std::vector<FoundObject> find(const ObjectTypeBase& type, const std::string& data,
                                        const config::SourceLocation& boundAt,
                                        LoadContext& context) const = 0;
};

/// The `config` wizard: sections of a file selected by criteria.
/// Data: `file.conf[,criteria=key=value][,section=name][,exclude_section=name]...
/// [,single_object=yes][,explicit_name=name]`. `exclude_section` (repeatable) leaves a section
/// out, e.g. manager.conf users are every section but `general`.
class ConfigFileBackend : public Backend {
 public:
  std::vector<FoundObject> find(const ObjectTypeBase& type, const std::string& data,
                                const config::SourceLocation& boundAt,
                                LoadContext& context) const override;
};

}  // namespace sb::store
