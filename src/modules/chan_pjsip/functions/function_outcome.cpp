#include "modules/chan_pjsip/functions/function_outcome.hpp"

#include "core/log/logger.hpp"

namespace sb::modules::chan_pjsip {

void logOutcome(const Outcome& outcome) {
  if (outcome.message.empty()) {
    return;
  }
  if (outcome.level == Outcome::Level::Error) {
    SB_ERROR("{}", outcome.message);
  } else {
    SB_WARNING("{}", outcome.message);
  }
}

pbx::FunctionRead reader(std::function<Outcome(pbx::Channel*, const std::string& args)> read) {
  return [read = std::move(read)](pbx::PbxService&, pbx::Channel* channel, const std::string& args,
                                  std::string&) -> std::optional<std::string> {
    auto outcome = read(channel, args);
    logOutcome(outcome);
    return std::move(outcome.value);
  };
}

pbx::FunctionWrite writer(
    std::function<Outcome(pbx::Channel*, const std::string& args, const std::string& value)>
        write) {
  return
      [write = std::move(write)](pbx::PbxService&, pbx::Channel* channel, const std::string& args,
                                 const std::string& value, std::string&) {
        const auto outcome = write(channel, args, value);
        logOutcome(outcome);
        return outcome.value.has_value();
      };
}

}  // namespace sb::modules::chan_pjsip
