#pragma once
/// @file
/// What a dialplan function of chan_pjsip gives back: a value, or nothing with the log line
/// Asterisk writes in that case (its level and words). The functions' logic returns
/// outcomes so that it can be tested without a running server; `reader` and `writer` adapt
/// it to the PBX core and log the line.

#include <functional>
#include <optional>
#include <string>

#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::chan_pjsip {

struct Outcome {
  enum class Level { Warning, Error };
  std::optional<std::string> value;  ///< nullopt: the function failed (Asterisk's -1)
  Level level = Level::Warning;
  std::string message;  ///< logged when not empty, also beside a value

  static Outcome ok(std::string value) { return {std::move(value), Level::Warning, {}}; }
  static Outcome warning(std::string message) {
    return {std::nullopt, Level::Warning, std::move(message)};
  }
  static Outcome error(std::string message) {
    return {std::nullopt, Level::Error, std::move(message)};
  }
};

/// Logs an outcome's message at its level.
void logOutcome(const Outcome& outcome);

/// A read callback for the PBX core from outcome-returning logic.
pbx::FunctionRead reader(std::function<Outcome(pbx::Channel*, const std::string& args)> read);

/// A write callback for the PBX core: the logic returns an outcome whose value is ignored;
/// a failure is logged here (and not reported again by the core).
pbx::FunctionWrite writer(
    std::function<Outcome(pbx::Channel*, const std::string& args, const std::string& value)> write);

}  // namespace sb::modules::chan_pjsip
