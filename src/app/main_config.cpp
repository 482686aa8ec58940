#include "app/main_config.hpp"

#include <algorithm>

#include "core/store/option_parsers.hpp"

#ifndef SB_DEFAULT_CONFIG_DIR
#define SB_DEFAULT_CONFIG_DIR "/etc/switchboard"
#endif

namespace sb::app {
namespace {

using Severity = config::Diagnostic::Severity;

constexpr std::string_view kDirectoryKeys[] = {
    "astetcdir", "astmoddir",   "astvarlibdir", "astdbdir",  "astkeydir",  "astdatadir",
    "astagidir", "astspooldir", "astrundir",    "astlogdir", "astsbindir", "astcachedir"};

// asterisk.conf [options] keys: accepted so real files load; most have no effect here.
constexpr std::string_view kOptionKeys[] = {"verbose",
                                            "debug",
                                            "trace",
                                            "refdebug",
                                            "alwaysfork",
                                            "nofork",
                                            "quiet",
                                            "timestamp",
                                            "execincludes",
                                            "console",
                                            "highpriority",
                                            "initcrypto",
                                            "nocolor",
                                            "dontwarn",
                                            "dumpcore",
                                            "languageprefix",
                                            "systemname",
                                            "autosystemname",
                                            "maxcalls",
                                            "maxload",
                                            "maxfiles",
                                            "minmemfree",
                                            "cache_record_files",
                                            "record_cache_dir",
                                            "transmit_silence",
                                            "transcode_via_sln",
                                            "runuser",
                                            "rungroup",
                                            "lightbackground",
                                            "forceblackbackground",
                                            "defaultlanguage",
                                            "documentation_language",
                                            "hideconnect",
                                            "lockconfdir",
                                            "stdexten",
                                            "live_dangerously",
                                            "entityid",
                                            "rtp_use_dynamic",
                                            "rtp_pt_dynamic",
                                            "sounds_search_custom_dir",
                                            "disable_remote_console_shell",
                                            "mindtmfduration",
                                            "cache_media_frames",
                                            "hide_messaging_ami_events",
                                            "sendfullybooted",
                                            "channel_storage_backend",
                                            "internal_timing",
                                            "testevents",
                                            "debug_module_list",
                                            "logger_queue_limit",
                                            "sysname",
                                            "transcode_via_sln"};

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view key) {
  return std::find(std::begin(list), std::end(list), key) != std::end(list);
}

std::filesystem::path resolve(const std::filesystem::path& base, std::string_view value) {
  std::filesystem::path path(store::trimmed(value));
  auto resolved = (path.is_absolute() ? path : base / path).lexically_normal();
  if (resolved.has_parent_path() && resolved.filename().empty()) {
    resolved = resolved.parent_path();  // "dir/." normalizes to "dir/"
  }
  return resolved;
}

}  // namespace

std::filesystem::path defaultMainConfigPath() {
  return std::filesystem::path(SB_DEFAULT_CONFIG_DIR) / "switchboard.conf";
}

MainConfig loadMainConfig(const std::filesystem::path& file) {
  MainConfig out;
  const auto absolute = std::filesystem::absolute(file).lexically_normal();
  const auto base = absolute.parent_path();
  out.paths.mainConfig = absolute;
  out.paths.etc = base;
  out.paths.varLib = "/var/lib/switchboard";
  out.paths.log = "/var/log/switchboard";
  out.paths.run = "/var/run/switchboard";
  out.paths.data = "/usr/share/switchboard";
  out.paths.spool = "/var/spool/switchboard";

  config::ReaderOptions reader;
  reader.configDir = base;
  auto parsed = config::parseConfig(absolute.filename().string(), reader);
  out.found = parsed.found;
  if (!parsed.found) {
    return out;
  }
  out.diagnostics = parsed.diagnostics;
  for (const auto& section : parsed.file.sections) {
    if (section.isTemplate) {
      continue;
    }
    for (const auto& variable : section.variables) {
      const std::string& key = variable.name;
      auto warn = [&](std::string message) {
        out.diagnostics.push_back({Severity::Warning, variable.where, std::move(message)});
      };
      if (section.name == "directories") {
        if (key == "astetcdir") {
          out.paths.etc = resolve(base, variable.value);
        } else if (key == "astvarlibdir") {
          out.paths.varLib = resolve(base, variable.value);
        } else if (key == "astlogdir") {
          out.paths.log = resolve(base, variable.value);
        } else if (key == "astrundir") {
          out.paths.run = resolve(base, variable.value);
        } else if (key == "astdatadir") {
          out.paths.data = resolve(base, variable.value);
        } else if (key == "astspooldir") {
          out.paths.spool = resolve(base, variable.value);
        } else if (!contains(kDirectoryKeys, key)) {
          warn("unknown [directories] option '" + key + "'");
        }
      } else if (section.name == "options") {
        if (key == "verbose" || key == "debug") {
          auto level = store::parseUnsigned(variable.value, 0, 1000);
          if (!level) {
            out.diagnostics.push_back({Severity::Error, variable.where,
                                       "invalid value '" + variable.value + "' for " + key + ": " +
                                           level.error().message});
          } else {
            (key == "verbose" ? out.verbose : out.debug) = static_cast<int>(*level);
          }
        } else if (key == "systemname") {
          out.systemName = std::string(store::trimmed(variable.value));
        } else if (key == "testevents") {
          out.testEvents = store::parseBoolean(variable.value).value_or(false);
        } else if (!contains(kOptionKeys, key)) {
          warn("unknown [options] option '" + key + "'");
        }
      } else if (section.name != "files" && section.name != "compat") {
        out.diagnostics.push_back(
            {Severity::Warning, section.where, "unknown section [" + section.name + "]"});
        break;
      }
    }
  }
  return out;
}

}  // namespace sb::app
