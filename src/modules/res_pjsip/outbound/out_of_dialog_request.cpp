#include "modules/res_pjsip/outbound/out_of_dialog_request.hpp"

#include <fmt/format.h>

#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/location/transport_param.hpp"
#include "modules/res_pjsip/settings_config.hpp"

namespace sb::modules::res_pjsip {

namespace {

bool breaksLine(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

bool anyBreaksLine(const OutOfDialogRequest& request) {
  for (std::string_view field :
       {std::string_view(request.method), std::string_view(request.requestUri),
        std::string_view(request.to), std::string_view(request.toDisplay),
        std::string_view(request.from.display), std::string_view(request.from.user),
        std::string_view(request.from.host), std::string_view(request.route)}) {
    if (breaksLine(field)) {
      return true;
    }
  }
  for (const auto& header : request.headers) {
    if (breaksLine(header.name) || breaksLine(header.value)) {
      return true;
    }
  }
  return request.contentType && breaksLine(*request.contentType);
}

/// `"display" <uri>` or `<uri>`.
std::string address(std::string_view display, std::string_view uri) {
  if (display.empty()) {
    return fmt::format("<{}>", uri);
  }
  return fmt::format("{} <{}>", quotedDisplayName(display), uri);
}

}  // namespace

FromIdentity defaultFrom(const store::ObjectSet& objects, const EndpointConfig* endpoint) {
  FromIdentity from;
  if (endpoint && !endpoint->fromUser.empty()) {
    from.user = endpoint->fromUser;
  } else if (auto global = objects.get<GlobalConfig>("global", "global")) {
    from.user = global->defaultFromUser;
  } else {
    from.user = "asterisk";
  }
  if (endpoint) {
    from.host = endpoint->fromDomain;
  }
  return from;
}

std::string quotedDisplayName(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  out += '"';
  return out;
}

std::optional<std::string> formatOutOfDialogRequest(const OutOfDialogRequest& request,
                                                    const WireDetails& wire) {
  if (anyBreaksLine(request)) {
    return std::nullopt;
  }
  const std::string requestUri = withoutTransportParam(request.requestUri);
  const std::string localHost = wire.local.hostStr();
  const std::string fromUri = fmt::format(
      "sip:{}@{}", request.from.user, request.from.host.empty() ? localHost : request.from.host);
  std::string text = fmt::format(
      "{method} {uri} SIP/2.0\r\n"
      "Via: SIP/2.0/{transport} {local};rport;branch={branch}\r\n"
      "From: {from};tag={tag}\r\n"
      "To: {to}\r\n",
      fmt::arg("method", request.method), fmt::arg("uri", requestUri),
      fmt::arg("transport", sip::transportName(wire.transport)),
      fmt::arg("local", wire.local.str()), fmt::arg("branch", wire.branch),
      fmt::arg("from", address(request.from.display, fromUri)), fmt::arg("tag", wire.tag),
      fmt::arg("to", address(request.toDisplay, request.to.empty() ? requestUri : request.to)));
  if (request.withContact) {
    text += fmt::format("Contact: <sip:{}@{}>\r\n", request.from.user, wire.local.str());
  }
  text += fmt::format("Call-ID: {}\r\nCSeq: 1 {}\r\nMax-Forwards: {}\r\n", wire.callId,
                      request.method, request.maxForwards.value_or(wire.maxForwards));
  if (!request.route.empty()) {
    text += "Route: " + request.route + "\r\n";
  }
  for (const auto& header : request.headers) {
    text += header.name + ": " + header.value + "\r\n";
  }
  text += "User-Agent: " + wire.userAgent + "\r\n";
  const std::string_view body = request.contentType ? request.body : std::string_view();
  if (request.contentType) {
    text += "Content-Type: " + *request.contentType + "\r\n";
  }
  text += fmt::format("Content-Length: {}\r\n\r\n", body.size());
  text += body;
  return text;
}

}  // namespace sb::modules::res_pjsip
