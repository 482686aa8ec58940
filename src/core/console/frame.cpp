#include "core/console/frame.hpp"

namespace sb::console {

std::string encodeFrame(FrameType type, std::string_view payload) {
  std::string out;
  out.reserve(5 + payload.size());
  out.push_back(static_cast<char>(type));
  const auto size = static_cast<std::uint32_t>(payload.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((size >> shift) & 0xff));
  }
  out.append(payload);
  return out;
}

std::optional<Frame> FrameDecoder::next() {
  if (failed_ || buffer_.size() < 5) {
    return std::nullopt;
  }
  std::uint32_t size = 0;
  for (int i = 1; i <= 4; ++i) {
    size = (size << 8) | static_cast<unsigned char>(buffer_[i]);
  }
  const char type = buffer_[0];
  const std::string_view known = "CTSBOELM";
  if (size > kMaxFrame || known.find(type) == std::string_view::npos) {
    failed_ = true;
    return std::nullopt;
  }
  if (buffer_.size() < 5 + size) {
    return std::nullopt;
  }
  Frame frame{static_cast<FrameType>(type), buffer_.substr(5, size)};
  buffer_.erase(0, 5 + size);
  return frame;
}

}  // namespace sb::console
