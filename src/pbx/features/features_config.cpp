#include "pbx/features/features_config.hpp"

#include <fmt/format.h>

#include <charconv>
#include <functional>
#include <map>
#include <optional>

#include "core/config/text_util.hpp"

namespace sb::pbx {
namespace {

using config::detail::equalsIgnoreCase;
using config::detail::toLowerAscii;
using config::detail::trim;

std::optional<unsigned> parseUnsigned(std::string_view text) {
  text = trim(text);
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

/// ast_true: anything else is false.
bool isTrue(std::string_view text) {
  text = trim(text);
  for (const char* yes : {"yes", "true", "y", "t", "1", "on"}) {
    if (equalsIgnoreCase(text, yes)) {
      return true;
    }
  }
  return false;
}

bool isDtmfCode(std::string_view code) {
  for (char c : code) {
    const bool ok = (c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D') ||
                    (c >= 'a' && c <= 'd');
    if (!ok) {
      return false;
    }
  }
  return true;
}

/// Applies one option; false (with `problem` set) when the value is unusable.
using Setter = std::function<bool(FeaturesConfig&, std::string_view, std::string& problem)>;

Setter text(std::string FeaturesConfig::*field) {
  return [field](FeaturesConfig& config, std::string_view value, std::string&) {
    config.*field = std::string(trim(value));
    return true;
  };
}

Setter number(unsigned FeaturesConfig::*field) {
  return [field](FeaturesConfig& config, std::string_view value, std::string& problem) {
    auto parsed = parseUnsigned(value);
    if (!parsed) {
      problem = "is not a number";
      return false;
    }
    config.*field = *parsed;
    return true;
  };
}

Setter code(std::string FeaturesConfig::*field) {
  return [field](FeaturesConfig& config, std::string_view value, std::string& problem) {
    const std::string_view digits = trim(value);
    if (!isDtmfCode(digits)) {
      problem = "is not a DTMF sequence (0-9, *, #, A-D)";
      return false;
    }
    std::string upper(digits);
    for (char& c : upper) {
      c = (c >= 'a' && c <= 'd') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    config.*field = std::move(upper);
    return true;
  };
}

const std::map<std::string, Setter>& generalOptions() {
  static const std::map<std::string, Setter> options{
      {"featuredigittimeout",
       [](FeaturesConfig& config, std::string_view value, std::string& problem) {
         auto parsed = parseUnsigned(value);
         if (!parsed) {
           problem = "is not a number";
           return false;
         }
         config.featureDigitTimeout = std::chrono::milliseconds(*parsed);
         return true;
       }},
      {"courtesytone", text(&FeaturesConfig::courtesyTone)},
      {"recordingfailsound", text(&FeaturesConfig::recordingFailSound)},
      {"transferdigittimeout", number(&FeaturesConfig::transferDigitTimeout)},
      {"atxfernoanswertimeout", number(&FeaturesConfig::atxferNoAnswerTimeout)},
      {"atxferdropcall",
       [](FeaturesConfig& config, std::string_view value, std::string&) {
         config.atxferDropCall = isTrue(value);
         return true;
       }},
      {"atxferloopdelay", number(&FeaturesConfig::atxferLoopDelay)},
      {"atxfercallbackretries", number(&FeaturesConfig::atxferCallbackRetries)},
      {"xfersound", text(&FeaturesConfig::xferSound)},
      {"xferfailsound", text(&FeaturesConfig::xferFailSound)},
      {"atxferabort", code(&FeaturesConfig::atxferAbort)},
      {"atxfercomplete", code(&FeaturesConfig::atxferComplete)},
      {"atxferthreeway", code(&FeaturesConfig::atxferThreeway)},
      {"atxferswap", code(&FeaturesConfig::atxferSwap)},
      {"transferdialattempts", number(&FeaturesConfig::transferDialAttempts)},
      {"transferretrysound", text(&FeaturesConfig::transferRetrySound)},
      {"transferinvalidsound", text(&FeaturesConfig::transferInvalidSound)},
      {"transferannouncesound", text(&FeaturesConfig::transferAnnounceSound)},
      {"pickupexten", text(&FeaturesConfig::pickupExten)},
      {"pickupsound", text(&FeaturesConfig::pickupSound)},
      {"pickupfailsound", text(&FeaturesConfig::pickupFailSound)},
  };
  return options;
}

const std::map<std::string, Setter>& featuremapOptions() {
  static const std::map<std::string, Setter> options{
      {"blindxfer", code(&FeaturesConfig::blindXfer)},
      {"disconnect", code(&FeaturesConfig::disconnect)},
      {"atxfer", code(&FeaturesConfig::atxfer)},
      {"parkcall", code(&FeaturesConfig::parkCall)},
      {"automixmon", code(&FeaturesConfig::autoMixMon)},
      {"automon", code(&FeaturesConfig::autoMon)},
  };
  return options;
}

config::Diagnostic warning(const config::SourceLocation& where, std::string message) {
  return {config::Diagnostic::Severity::Warning, where, std::move(message)};
}

}  // namespace

FeaturesConfig parseFeaturesConf(const config::ConfigFile& file,
                                 std::vector<config::Diagnostic>& diagnostics) {
  FeaturesConfig out;
  for (const auto& section : file.sections) {
    const std::map<std::string, Setter>* options = nullptr;
    if (equalsIgnoreCase(section.name, "general")) {
      options = &generalOptions();
    } else if (equalsIgnoreCase(section.name, "featuremap")) {
      options = &featuremapOptions();
    } else {
      diagnostics.push_back(warning(
          section.where, fmt::format("features.conf section [{}] is not supported (application "
                                     "map and feature groups): ignored",
                                     section.name)));
      continue;
    }
    for (const auto& variable : section.variables) {
      auto found = options->find(toLowerAscii(variable.name));
      if (found == options->end()) {
        diagnostics.push_back(warning(
            variable.where,
            fmt::format("unknown option '{}' in [{}]: ignored", variable.name, section.name)));
        continue;
      }
      std::string problem;
      if (!found->second(out, variable.value, problem)) {
        diagnostics.push_back(
            warning(variable.where, fmt::format("{} value '{}' {}: the default is kept",
                                                variable.name, variable.value, problem)));
      }
    }
  }
  return out;
}

std::string formatFeaturesShow(const FeaturesConfig& config) {
  const FeaturesConfig defaults;
  std::string out;
  auto row = [&out](std::string_view name, std::string_view standard, std::string_view current) {
    out += fmt::format("{:<25} {:<7} {:<7}\n", name, standard, current);
  };
  row("Builtin Feature", "Default", "Current");
  row("---------------", "-------", "-------");
  row("Pickup", defaults.pickupExten, config.pickupExten);
  row("Blind Transfer", defaults.blindXfer, config.blindXfer);
  row("Attended Transfer", defaults.atxfer, config.atxfer);
  row("Disconnect Call", defaults.disconnect, config.disconnect);
  row("Park Call", defaults.parkCall, config.parkCall);
  row("One Touch MixMonitor", defaults.autoMixMon, config.autoMixMon);
  out += "\n";
  row("Dynamic Feature", "Default", "Current");
  row("---------------", "-------", "-------");
  out += "(none)\n";
  out += "\nFeature Groups:\n---------------\n(none)\n";
  return out;
}

}  // namespace sb::pbx
