#include "core/cli/command_registry.hpp"
#include "core/cli/text_util.hpp"

namespace sb::cli {

std::optional<std::string> Arguments::get(std::string_view name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) {
    return std::nullopt;
  }
  return detail::joinWords(it->second, it->second.size());
}

bool Arguments::has(std::string_view name) const {
  return values_.find(name) != values_.end();
}

std::optional<std::int64_t> Arguments::integer(std::string_view name) const {
  const auto value = get(name);
  if (!value) {
    return std::nullopt;
  }
  return detail::parseInteger(*value, true);
}

std::vector<std::string> Arguments::list(std::string_view name) const {
  const auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

void Arguments::set(std::string name, std::vector<std::string> values) {
  values_.insert_or_assign(std::move(name), std::move(values));
}

}  // namespace sb::cli
