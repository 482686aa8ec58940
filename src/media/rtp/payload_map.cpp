#include "media/rtp/payload_map.hpp"

namespace sb::media {

PayloadMap& PayloadMap::map(std::uint8_t incoming, std::uint8_t outgoing, Transcode transcode) {
  entries_[incoming & 0x7f] =
      Entry{true, false, PayloadRule{std::uint8_t(outgoing & 0x7f), transcode}};
  return *this;
}

PayloadMap& PayloadMap::dropUnmapped(bool drop) {
  dropUnmapped_ = drop;
  return *this;
}

PayloadMap& PayloadMap::drop(std::uint8_t incoming) {
  entries_[incoming & 0x7f] = Entry{false, true, {}};
  return *this;
}

std::optional<PayloadRule> PayloadMap::lookup(std::uint8_t incoming) const {
  const Entry& entry = entries_[incoming & 0x7f];
  if (entry.dropped) {
    return std::nullopt;
  }
  if (entry.mapped) {
    return entry.rule;
  }
  if (dropUnmapped_) {
    return std::nullopt;
  }
  return PayloadRule{std::uint8_t(incoming & 0x7f), Transcode::None};
}

}  // namespace sb::media
