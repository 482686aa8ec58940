#pragma once
/// @file
/// How a relay rewrites payload types and converts G.711 between the two legs.

#include <array>
#include <cstdint>
#include <optional>

namespace sb::media {

/// Payload conversion applied by a relay.
enum class Transcode : std::uint8_t {
  None,        ///< payload bytes relayed unchanged
  UlawToAlaw,  ///< PCMU in, PCMA out
  AlawToUlaw,  ///< PCMA in, PCMU out
};

/// What a relay does with one incoming payload type.
struct PayloadRule {
  std::uint8_t payloadType = 0;  ///< the outgoing payload type
  Transcode transcode = Transcode::None;
};

/// Incoming payload type → outgoing payload type and conversion. Payload types that are not
/// mapped are relayed unchanged unless dropUnmapped() was set. A fixed table: lookups do not
/// allocate.
class PayloadMap {
 public:
  /// Relays `incoming` as `outgoing`, converting the payload with `transcode`.
  PayloadMap& map(std::uint8_t incoming, std::uint8_t outgoing,
                  Transcode transcode = Transcode::None);
  /// Drops packets whose payload type is not mapped (instead of relaying them unchanged).
  PayloadMap& dropUnmapped(bool drop = true);
  /// Drops packets of `incoming` (e.g. telephone-events the other leg did not negotiate).
  PayloadMap& drop(std::uint8_t incoming);

  /// The rule for `incoming`; nullopt means drop the packet.
  std::optional<PayloadRule> lookup(std::uint8_t incoming) const;

 private:
  struct Entry {
    bool mapped = false;
    bool dropped = false;
    PayloadRule rule;
  };
  std::array<Entry, 128> entries_{};
  bool dropUnmapped_ = false;
};

}  // namespace sb::media
