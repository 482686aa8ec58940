/// @file
/// libFuzzer target for the AMI message parser and serializer. Besides crashes it checks the
/// parser's promises: the input is split at arbitrary points with the same result as whole,
/// limits hold, and a serialized message parses back to the same headers (values trimmed).
/// Each message is also read as a MessageSend: its destination must give a SIP URI or
/// nothing, and its From and Variable lines nothing that could break the MESSAGE.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/base64.hpp"
#include "modules/manager/ami_message.hpp"
#include "modules/manager/ami_variables.hpp"
#include "modules/res_pjsip_messaging/message_content.hpp"
#include "modules/res_pjsip_messaging/message_destination.hpp"
#include "modules/res_pjsip_messaging/message_from.hpp"
#include "sip/message/text.hpp"
#include "sip/message/uri.hpp"

namespace {

using sb::modules::manager::AmiLimits;
using sb::modules::manager::AmiMessage;
using sb::modules::manager::AmiParser;
using sb::modules::manager::serializeAmi;

std::vector<AmiMessage> parseAll(std::string_view input, std::size_t chunk, bool& failed) {
  AmiParser parser(AmiLimits{.maxMessageBytes = 4096, .maxHeaders = 32});
  std::vector<AmiMessage> out;
  for (std::size_t at = 0; at < input.size(); at += chunk) {
    parser.feed(input.substr(at, chunk));
    while (auto message = parser.next()) {
      if (message->headers.size() > 32) {
        std::abort();
      }
      out.push_back(std::move(*message));
    }
  }
  failed = parser.failed();
  return out;
}

namespace messaging = sb::modules::res_pjsip_messaging;

/// Endpoint "bob" with a registered contact, "trunk" with a static one, "empty" with none.
class Lookup : public messaging::DestinationLookup {
 public:
  bool endpointExists(std::string_view name) const override {
    return name == "bob" || name == "trunk" || name == "empty";
  }
  bool aorExists(std::string_view name) const override { return endpointExists(name); }
  std::optional<messaging::ContactRef> firstContactOfEndpoint(
      std::string_view name) const override {
    return firstContactOfAor(name);
  }
  std::optional<messaging::ContactRef> firstContactOfAor(std::string_view name) const override {
    if (name == "bob") {
      return messaging::ContactRef{"bob", "sip:bob@192.0.2.1:5070;x-ast-txp=udp", true};
    }
    if (name == "trunk") {
      return messaging::ContactRef{"trunk", "sip:example.com", false};
    }
    return std::nullopt;
  }
  std::string defaultOutboundEndpoint() const override { return "trunk"; }
  bool ignoreUriUserOptions() const override { return true; }
};

bool breaksLine(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

/// The message as a MessageSend.
void messageSend(const AmiMessage& message) {
  for (const char* key : {"To", "Destination"}) {
    const auto resolved = messaging::resolveDestination(message.get(key), Lookup());
    if (resolved.destination) {
      const auto uri = sb::sip::parseUri(resolved.destination->requestUri);
      if (!uri || !uri->isSip()) {
        std::abort();
      }
    }
  }
  sb::modules::res_pjsip::FromIdentity from{"", "pbx", ""};
  (void)messaging::applyFrom(from, message.get("From"));
  if (breaksLine(from.user) || breaksLine(from.host)) {
    std::abort();
  }
  std::string warning;
  (void)messaging::toOverride(message.get("To"), warning);
  const auto content = messaging::buildMessageContent(sb::modules::manager::amiVariables(message));
  for (const auto& header : content.headers) {
    if (!sb::sip::text::isToken(header.name) || breaksLine(header.value)) {
      std::abort();
    }
  }
  (void)sb::util::decodeBase64(message.get("Base64Body"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  bool wholeFailed = false;
  const auto whole = parseAll(input, input.empty() ? 1 : input.size(), wholeFailed);
  bool splitFailed = false;
  const auto split = parseAll(input, 7, splitFailed);
  if (!wholeFailed && !splitFailed) {
    if (whole.size() != split.size()) {
      std::abort();
    }
    for (std::size_t i = 0; i < whole.size(); ++i) {
      if (whole[i].headers != split[i].headers) {
        std::abort();
      }
    }
  }
  for (const auto& message : whole) {
    if (message.headers.empty()) {
      continue;
    }
    AmiParser again;
    again.feed(serializeAmi(message.headers));
    auto parsed = again.next();
    if (!parsed) {
      std::abort();
    }
    const auto text = serializeAmi(parsed->headers);
    if (text.find("\r\n\r\n") != text.size() - 4) {
      std::abort();  // a value must never end the message early
    }
    (void)message.get("Action");
    (void)message.all("Variable");
    messageSend(message);
  }
  return 0;
}
