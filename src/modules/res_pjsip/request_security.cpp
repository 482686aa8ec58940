#include "modules/res_pjsip/request_security.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/log/logger.hpp"

namespace sb::modules::res_pjsip::security {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

/// "IPV4/UDP/192.0.2.1/5060" as Asterisk writes addresses in security events.
std::string eventAddress(const sip::SocketAddress& address, sip::TransportKind kind) {
  return fmt::format("{}/{}/{}/{}", address.isV6() ? "IPV6" : "IPV4", sip::transportName(kind),
                     address.address.to_string(), address.port);
}

/// ast_json_timeval's ISO 8601 text (AST_ISO8601_FORMAT: milliseconds), in UTC.
std::string eventTime() {
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}+0000",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(now)), millis % 1000);
}

// The bus res_pjsip publishes to while loaded (reactor thread only).
events::EventBus* bus = nullptr;

/// To the security log, and to the bus as an AMI event named after SecurityEvent.
void emit(Fields fields) {
  if (bus != nullptr && bus->wants(events::kSecurity)) {
    events::Event event;
    event.name = fields.front().second;
    event.classes = events::kSecurity;
    event.fields.assign(fields.begin() + 1, fields.end());
    bus->publish(std::move(event));
  }
  if (log::Logger::get().wants(log::Level::Security, 0)) {
    SB_SECURITY(std::move(fields));
  }
}

Fields common(const sip::IncomingRequest& request, std::string_view event,
              std::string_view severity, std::string_view account) {
  const auto& flow = request.flow();
  return Fields{
      {"SecurityEvent", std::string(event)},
      {"EventTV", eventTime()},
      {"Severity", std::string(severity)},
      {"Service", "PJSIP"},
      {"EventVersion", "1"},
      {"AccountID", std::string(account)},
      {"SessionID", std::string(request.message().callId())},
      {"LocalAddress", eventAddress(flow.local, flow.kind)},
      {"RemoteAddress", eventAddress(flow.remote, flow.kind)},
  };
}

}  // namespace

bool wanted() {
  return log::Logger::get().wants(log::Level::Security, 0) ||
         (bus != nullptr && bus->wants(events::kSecurity));
}

Registration publishTo(events::EventBus& events) {
  bus = &events;
  return Registration([] { bus = nullptr; });
}

void invalidAccountId(const sip::IncomingRequest& request, std::string_view account) {
  if (!wanted()) {
    return;
  }
  emit(common(request, "InvalidAccountID", "Error", account));
}

void challengeSent(const sip::IncomingRequest& request, std::string_view account,
                   std::string_view nonce) {
  if (!wanted()) {
    return;
  }
  auto fields = common(request, "ChallengeSent", "Informational", account);
  fields.emplace_back("Challenge", std::string(nonce));
  emit(std::move(fields));
}

void invalidPassword(const sip::IncomingRequest& request, std::string_view account,
                     std::string_view challenge, std::string_view receivedChallenge,
                     std::string_view receivedHash) {
  if (!wanted()) {
    return;
  }
  auto fields = common(request, "InvalidPassword", "Error", account);
  fields.emplace_back("Challenge", std::string(challenge));
  fields.emplace_back("ReceivedChallenge", std::string(receivedChallenge));
  fields.emplace_back("ReceivedHash", std::string(receivedHash));
  emit(std::move(fields));
}

void challengeResponseFailed(const sip::IncomingRequest& request, std::string_view account,
                             std::string_view challenge, std::string_view response) {
  if (!wanted()) {
    return;
  }
  auto fields = common(request, "ChallengeResponseFailed", "Error", account);
  fields.emplace_back("Challenge", std::string(challenge));
  fields.emplace_back("Response", std::string(response));
  fields.emplace_back("ExpectedResponse", "");
  emit(std::move(fields));
}

void successfulAuth(const sip::IncomingRequest& request, std::string_view account) {
  if (!wanted()) {
    return;
  }
  auto fields = common(request, "SuccessfulAuth", "Informational", account);
  fields.emplace_back("UsingPassword", "1");
  emit(std::move(fields));
}

void failedAcl(const sip::IncomingRequest& request, std::string_view account,
               std::string_view aclName) {
  if (!wanted()) {
    return;
  }
  auto fields = common(request, "FailedACL", "Error", account);
  fields.emplace_back("ACLName", std::string(aclName));
  emit(std::move(fields));
}

void logFailedRequest(const sip::IncomingRequest& request, std::string_view reason) {
  const auto& message = request.message();
  // The From address without its tag, as pjsip prints it: "Name" <sip:user@host>.
  std::string from;
  if (auto address = message.from()) {
    if (!address->displayName.empty()) {
      from = fmt::format("\"{}\" ", address->displayNameUnquoted());
    }
    from += fmt::format("<{}>", address->uri.raw);
  }
  SB_NOTICE("Request '{}' from '{}' failed for '{}' (callid: {}) - {}", message.methodText(), from,
            request.flow().remote.str(), message.callId(), reason);
}

}  // namespace sb::modules::res_pjsip::security
