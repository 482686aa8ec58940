#include "sip/dialog/reliable_provisional.hpp"

#include <algorithm>

#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

bool lists(const Message& message, HeaderId id, std::string_view tag) {
  for (auto token : message.tokens(id)) {
    if (text::iequals(token, tag)) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool requiresTag(const Message& message, std::string_view tag) {
  return lists(message, HeaderId::Require, tag);
}

bool supportsOrRequires(const Message& message, std::string_view tag) {
  return lists(message, HeaderId::Supported, tag) || requiresTag(message, tag);
}

RelMode parseRelMode(std::string_view text) {
  if (text::iequals(text, "no") || text::iequals(text, "false")) {
    return RelMode::No;
  }
  if (text::iequals(text, "required")) {
    return RelMode::Required;
  }
  if (text::iequals(text, "peer_supported")) {
    return RelMode::PeerSupported;
  }
  return RelMode::Yes;
}

UasRelDecision decideReliableAsUas(RelMode mode, const Message& invite) {
  UasRelDecision out;
  const bool peerRequires = requiresTag(invite, "100rel");
  const bool peerSupports = supportsOrRequires(invite, "100rel");
  if (peerRequires && mode == RelMode::No) {
    out.reject = 420;
    out.headers = {{"Unsupported", "100rel"}};
    return out;
  }
  if (mode == RelMode::Required && !peerSupports) {
    out.reject = 421;
    out.headers = {{"Require", "100rel"}};
    return out;
  }
  out.reliable =
      peerRequires || mode == RelMode::Required || (mode == RelMode::PeerSupported && peerSupports);
  return out;
}

bool offers100rel(RelMode mode) {
  return mode != RelMode::No;
}

ExtraHeaders uacRelHeaders(RelMode mode) {
  if (mode == RelMode::Required) {
    return {{"Require", "100rel"}};
  }
  return {};
}

std::optional<std::uint32_t> reliableSequence(const Message& response) {
  const int code = response.statusCode();
  if (code <= 100 || code >= 200 || !requiresTag(response, "100rel")) {
    return std::nullopt;
  }
  return response.rseq();
}

}  // namespace sb::sip
