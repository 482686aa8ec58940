// libFuzzer target for the stream framer: the input is cut into chunks (sizes taken from the
// input itself) and fed with draining in between; every framed message is parsed with stream
// framing. Checks that buffering stays bounded and framed messages respect the limits.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sip/message/parser.hpp"
#include "sip/message/stream_framer.hpp"

namespace {
volatile std::size_t sinkValue = 0;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sb::sip;
  if (size < 1)
    return 0;
  ParserLimits limits;
  limits.maxMessageSize = 1024 + (data[0] & 0x0f) * 256;
  const std::size_t chunkBase = 1 + (data[0] >> 4) * 37;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

  StreamFramer framer(limits);
  std::size_t i = 0;
  while (!rest.empty()) {
    std::size_t n = std::min(rest.size(), chunkBase + (i++ % 7) * 13);
    bool accepted = framer.feed(rest.substr(0, n));
    rest.remove_prefix(n);
    while (auto e = framer.next()) {
      switch (e->type) {
        case FrameEvent::Type::Message: {
          if (e->data.size() > limits.maxMessageSize)
            __builtin_trap();
          ParseResult r = parseMessage(e->data, limits, Framing::Stream);
          sinkValue = sinkValue + r.ok() + (r.message ? r.message->body().size() : 0);
          break;
        }
        case FrameEvent::Type::Error:
          if (!framer.failed())
            __builtin_trap();
          break;
        default:
          break;
      }
    }
    if (framer.buffered() > limits.maxMessageSize + chunkBase + 6 * 13)
      __builtin_trap();
    if (!accepted && !framer.failed())
      __builtin_trap();
  }
  return 0;
}
