/// @file
/// libFuzzer target for the AMI message parser and serializer. Besides crashes it checks the
/// parser's promises: the input is split at arbitrary points with the same result as whole,
/// limits hold, and a serialized message parses back to the same headers (values trimmed).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "modules/manager/ami_message.hpp"

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
  }
  return 0;
}
