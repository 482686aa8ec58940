#include "core/config/section_index.hpp"

#include "core/config/text_util.hpp"

namespace sb::config::detail {

SectionIndex::SectionIndex(const std::vector<Section>& sections) : sections_(sections) {}

SectionIndex::ValueKey SectionIndex::valueKey(std::string_view section, std::string_view name,
                                              std::string_view value) {
  // Lines never hold '\n', so it cannot occur inside the parts.
  ValueKey key = toLowerAscii(section);
  key += '\n';
  key += toLowerAscii(name);
  key += '\n';
  key += value;
  return key;
}

void SectionIndex::sectionAdded(std::size_t section) {
  byName_[toLowerAscii(sections_[section].name)].push_back(section);
  lastByName_.emplace_back();
}

void SectionIndex::variableStored(std::size_t section, std::size_t variable) {
  if (auto& names = lastByName_[section]) {
    (*names)[sections_[section].variables[variable].name] = variable;
  }
  if (byValue_) {
    indexValue(section, variable);
  }
}

void SectionIndex::valueChanged(std::size_t section, std::size_t variable) {
  if (byValue_) {
    changed_.emplace(section, variable);
  }
}

void SectionIndex::indexValue(std::size_t section, std::size_t variable) {
  const Variable& stored = sections_[section].variables[variable];
  (*byValue_)[valueKey(sections_[section].name, stored.name, stored.value)].insert(section);
}

std::optional<std::size_t> SectionIndex::latest(std::string_view name) const {
  const auto found = byName_.find(toLowerAscii(name));
  if (found == byName_.end()) {
    return std::nullopt;
  }
  return found->second.back();
}

bool SectionIndex::matches(const Section& section, const Filters& filters) const {
  for (const auto& [key, value] : filters) {
    bool matched = false;
    for (const Variable& variable : section.variables) {
      if (variable.value == value && equalsIgnoreCase(variable.name, key)) {
        matched = true;
        break;
      }
    }
    if (!matched) {
      return false;
    }
  }
  return true;
}

std::optional<std::size_t> SectionIndex::latestMatching(std::string_view name,
                                                        const Filters& filters) {
  if (filters.empty()) {
    return latest(name);
  }
  if (!byValue_) {
    byValue_ = std::make_unique<std::unordered_map<ValueKey, std::set<std::size_t>>>();
    for (std::size_t s = 0; s < sections_.size(); ++s) {
      for (std::size_t v = 0; v < sections_[s].variables.size(); ++v) {
        indexValue(s, v);
      }
    }
  }
  for (const auto& [section, variable] : changed_) {
    indexValue(section, variable);
  }
  changed_.clear();
  // Walk the rarest condition's sections, newest first, checking the others on each.
  const std::set<std::size_t>* fewest = nullptr;
  for (const auto& [key, value] : filters) {
    const auto found = byValue_->find(valueKey(name, key, value));
    if (found == byValue_->end()) {
      return std::nullopt;
    }
    if (!fewest || found->second.size() < fewest->size()) {
      fewest = &found->second;
    }
  }
  for (auto it = fewest->rbegin(); it != fewest->rend(); ++it) {
    if (matches(sections_[*it], filters)) {
      return *it;
    }
  }
  return std::nullopt;
}

std::optional<std::size_t> SectionIndex::lastVariable(std::size_t section,
                                                      const std::string& name) {
  auto& names = lastByName_[section];
  if (!names) {
    names = std::make_unique<std::unordered_map<std::string, std::size_t>>();
    const std::vector<Variable>& variables = sections_[section].variables;
    for (std::size_t v = 0; v < variables.size(); ++v) {
      (*names)[variables[v].name] = v;
    }
  }
  const auto found = names->find(name);
  if (found == names->end()) {
    return std::nullopt;
  }
  return found->second;
}

}  // namespace sb::config::detail
