#include "sip/message/replaces.hpp"

#include "sip/message/params.hpp"
#include "sip/message/text.hpp"

namespace sb::sip {

std::string Replaces::str() const {
  std::string out = callId + ";to-tag=" + toTag + ";from-tag=" + fromTag;
  if (earlyOnly) {
    out += ";early-only";
  }
  return out;
}

std::optional<Replaces> parseReplaces(std::string_view value) {
  value = text::trim(value);
  const auto semicolon = value.find(';');
  Replaces out;
  out.callId = std::string(text::trim(value.substr(0, semicolon)));
  if (out.callId.empty() || semicolon == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view params = value.substr(semicolon);
  const auto length = scanParams(params);
  if (!length || *length != params.size()) {
    return std::nullopt;
  }
  bool hasTo = false;
  bool hasFrom = false;
  ParamList(params).forEach([&](const Param& param) {
    if (text::iequals(param.name, "to-tag")) {
      out.toTag = std::string(param.value);
      hasTo = true;
    } else if (text::iequals(param.name, "from-tag")) {
      out.fromTag = std::string(param.value);
      hasFrom = true;
    } else if (text::iequals(param.name, "early-only")) {
      out.earlyOnly = true;
    }
  });
  if (!hasTo || !hasFrom || out.toTag.empty() || out.fromTag.empty()) {
    return std::nullopt;
  }
  return out;
}

}  // namespace sb::sip
