#include "core/store/backend.hpp"

#include <algorithm>

#include "core/store/option_parsers.hpp"

namespace sb::store {

const config::ConfigFile* LoadContext::file(const std::string& name) {
  auto found = files_.find(name);
  if (found == files_.end()) {
    auto parsed = config::parseConfig(name, reader_);
    for (auto& diagnostic : parsed.diagnostics) {
      if (parsed.found) {
        diagnostics_.push_back(diagnostic);
      }
    }
    found = files_.emplace(name, std::move(parsed)).first;
  }
  return found->second.found ? &found->second.file : nullptr;
}

bool LoadContext::fileExists(const std::string& name) {
  return file(name) != nullptr;
}

namespace {

struct ConfigData {
  std::string file;
  std::string criteriaKey;
  std::string criteriaValue;
  bool singleObject = false;
  std::string explicitName;
  std::string section;  ///< only the section of this name (files without type=, e.g. http.conf)
  std::vector<std::string> excluded;  ///< sections never taken (manager.conf users: not general)
};

Result<ConfigData> parseData(const std::string& data) {
  ConfigData out;
  auto parts = splitList(data);
  if (parts.empty()) {
    return Error{"the config wizard needs a file name"};
  }
  out.file = parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto& part = parts[i];
    const auto eq = part.find('=');
    const std::string key = part.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : part.substr(eq + 1);
    if (key == "criteria") {
      const auto inner = value.find('=');
      if (inner == std::string::npos) {
        return Error{"criteria must be key=value"};
      }
      out.criteriaKey = value.substr(0, inner);
      out.criteriaValue = value.substr(inner + 1);
    } else if (key == "single_object") {
      out.singleObject = parseBoolean(value).value_or(false);
    } else if (key == "explicit_name") {
      out.explicitName = value;
    } else if (key == "section") {
      out.section = value;
    } else if (key == "exclude_section") {
      out.excluded.push_back(value);
    } else {
      return Error{"unknown config wizard setting '" + key + "'"};
    }
  }
  return out;
}

}  // namespace

std::vector<FoundObject> ConfigFileBackend::find(const ObjectTypeBase& type,
                                                 const std::string& data,
                                                 const config::SourceLocation& boundAt,
                                                 LoadContext& context) const {
  std::vector<FoundObject> out;
  auto parsed = parseData(data);
  if (!parsed) {
    context.diagnostics().push_back({config::Diagnostic::Severity::Error, boundAt,
                                     type.name() + ": " + parsed.error().message});
    return out;
  }
  const config::ConfigFile* file = context.file(parsed->file);
  if (file == nullptr) {
    return out;  // an absent file simply has no objects
  }
  for (const auto& section : file->sections) {
    if (section.isTemplate || (!parsed->section.empty() && section.name != parsed->section)) {
      continue;
    }
    if (std::any_of(parsed->excluded.begin(), parsed->excluded.end(), [&](const std::string& name) {
          return equalsIgnoreCase(name, section.name);
        })) {
      continue;
    }
    if (!parsed->criteriaKey.empty()) {
      auto value = section.last(parsed->criteriaKey);
      if (!value || !equalsIgnoreCase(trimmed(*value), parsed->criteriaValue)) {
        continue;
      }
    }
    FoundObject found;
    found.id =
        parsed->singleObject && !parsed->explicitName.empty() ? parsed->explicitName : section.name;
    found.section = &section;
    found.skipKey = parsed->criteriaKey;
    found.file = parsed->file;
    out.push_back(std::move(found));
  }
  return out;
}

}  // namespace sb::store
