// Small accessors of the parsed configuration model.

#include "core/config/config_file.hpp"

#include "core/config/text_util.hpp"

namespace sb::config {

std::string SourceLocation::str() const {
  return file + ":" + std::to_string(line);
}

std::optional<std::string_view> Section::last(std::string_view key) const {
  for (auto it = variables.rbegin(); it != variables.rend(); ++it) {
    if (detail::equalsIgnoreCase(it->name, key)) {
      return std::string_view(it->value);
    }
  }
  return std::nullopt;
}

std::vector<std::string_view> Section::all(std::string_view key) const {
  std::vector<std::string_view> values;
  for (const Variable& variable : variables) {
    if (detail::equalsIgnoreCase(variable.name, key)) {
      values.emplace_back(variable.value);
    }
  }
  return values;
}

std::string Diagnostic::str() const {
  return where.str() + (severity == Severity::Error ? ": error: " : ": warning: ") + message;
}

std::vector<const Section*> ConfigFile::find(std::string_view sectionName) const {
  std::vector<const Section*> found;
  for (const Section& section : sections) {
    if (detail::equalsIgnoreCase(section.name, sectionName)) {
      found.push_back(&section);
    }
  }
  return found;
}

bool ParseResult::ok() const {
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.severity == Diagnostic::Severity::Error) {
      return false;
    }
  }
  return true;
}

}  // namespace sb::config
