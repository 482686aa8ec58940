#include "modules/res_pjsip/location/transport_param.hpp"

#include "sip/message/uri.hpp"

namespace sb::modules::res_pjsip {
namespace {

/// Where the x-ast-txp parameter sits in `uri` (from its ';' to the end of its value), or
/// npos when the URI has none or is not a SIP URI.
std::pair<std::size_t, std::size_t> paramSpan(std::string_view uri) {
  const auto parsed = sip::parseUri(uri);
  if (!parsed || !parsed->isSip()) {
    return {std::string_view::npos, 0};
  }
  const auto param = parsed->params.find(kTransportParam);
  if (!param) {
    return {std::string_view::npos, 0};
  }
  // The views point into `uri`: the ';' precedes the name.
  const auto begin = static_cast<std::size_t>(param->name.data() - uri.data()) - 1;
  const auto& last = param->hasValue ? param->value : param->name;
  const auto end = static_cast<std::size_t>(last.data() - uri.data()) + last.size();
  return {begin, end};
}

}  // namespace

std::string withoutTransportParam(std::string_view uri) {
  const auto [begin, end] = paramSpan(uri);
  if (begin == std::string_view::npos) {
    return std::string(uri);
  }
  return std::string(uri.substr(0, begin)) + std::string(uri.substr(end));
}

std::string withTransportParam(std::string_view uri, std::string_view transport) {
  const std::string bare = withoutTransportParam(uri);
  const auto parsed = sip::parseUri(bare);
  if (!parsed || !parsed->isSip()) {
    return std::string(uri);
  }
  // Parameters end where the URI headers ('?') begin.
  const std::size_t at = parsed->hasHeaders
                             ? static_cast<std::size_t>(parsed->headers.data() - bare.data()) - 1
                             : bare.size();
  return bare.substr(0, at) + ";" + std::string(kTransportParam) + "=" + std::string(transport) +
         bare.substr(at);
}

std::string transportParamOf(std::string_view uri) {
  const auto parsed = sip::parseUri(uri);
  if (!parsed || !parsed->isSip()) {
    return {};
  }
  return std::string(parsed->params.get(kTransportParam));
}

}  // namespace sb::modules::res_pjsip
