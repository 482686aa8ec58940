#pragma once
// In-memory configuration files and a small object type for store tests.

#include <map>
#include <memory>
#include <string>

#include "core/store/object_store.hpp"
#include "core/store/options.hpp"

namespace sb::store::testing {

struct Widget : Object {
  std::string name;
  unsigned size = 0;
  bool shiny = false;
  std::vector<std::string> parts;
  std::string password;
};

inline std::shared_ptr<const ObjectTypeBase> widgetType(std::string file = "widgets.conf") {
  using T = Widget;
  std::vector<Option<T>> options{
      opt::string(&T::name, "name", "plain", "Name."),
      opt::uint(&T::size, "size", "3", "Size.", 1, 10).alias("dimension"),
      opt::boolean(&T::shiny, "shiny", "no", "Shiny."),
      opt::list(&T::parts, "parts", "frame", "Parts."),
      opt::string(&T::password, "password", "", "Secret.").flag(kSensitive),
  };
  return std::make_shared<ObjectType<T>>("widget", "res_widgets", "Widgets.",
                                         Binding{"config", file + ",criteria=type=widget"},
                                         std::move(options), [](const T& w) -> Result<void> {
                                           if (w.shiny && w.size > 5) {
                                             return Error{"shiny widgets are at most 5"};
                                           }
                                           return {};
                                         });
}

/// A LoadRequest over in-memory files.
inline LoadRequest request(std::map<std::string, std::string> files,
                           std::vector<std::shared_ptr<const ObjectTypeBase>> types) {
  LoadRequest out;
  out.types = std::move(types);
  out.reader.configDir = "/etc/test";
  auto shared = std::make_shared<std::map<std::string, std::string>>(std::move(files));
  out.reader.readFile = [shared](const std::filesystem::path& path) -> std::optional<std::string> {
    auto found = shared->find(path.filename().string());
    if (found == shared->end()) {
      return std::nullopt;
    }
    return found->second;
  };
  return out;
}

}  // namespace sb::store::testing
