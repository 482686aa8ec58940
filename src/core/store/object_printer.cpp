#include "core/store/object_printer.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sb::store {

std::string formatObjectDetail(const ObjectTypeBase& type, const Object& object) {
  const auto fields = type.describe(object);
  std::size_t width = std::string_view("ParameterName").size();
  for (const auto& [name, value] : fields) {
    width = std::max(width, name.size());
  }
  std::string out = fmt::format("\n {:<{}} : ParameterValue\n", "ParameterName", width);
  out += " " + std::string(width + 17, '=') + "\n";
  for (const auto& [name, value] : fields) {
    out += fmt::format(" {:<{}} : {}\n", name, width, value);
  }
  return out;
}

}  // namespace sb::store
