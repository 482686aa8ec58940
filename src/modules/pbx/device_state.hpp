#pragma once
/// @file
/// Device states as Asterisk defines them (enum ast_device_state, ast_devstate_str,
/// ast_state_chan2dev, ast_devstate_aggregate) and the state of a SIP endpoint's device as
/// chan_pjsip_devicestate computes it. Plain functions, no server needed.

#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {

/// Asterisk's enum ast_device_state, with its numbers.
enum class DeviceState {
  Unknown = 0,
  NotInUse = 1,
  InUse = 2,
  Busy = 3,
  Invalid = 4,
  Unavailable = 5,
  Ringing = 6,
  RingInUse = 7,
  OnHold = 8,
};

/// ast_devstate_str: "UNKNOWN", "NOT_INUSE", "INUSE", "BUSY", "INVALID", "UNAVAILABLE",
/// "RINGING", "RINGINUSE", "ONHOLD".
std::string_view deviceStateName(DeviceState state);
/// ast_devstate_val: the state a name gives (case-insensitive); Unknown for anything else.
DeviceState deviceStateFromName(std::string_view name);
/// ast_state_chan2dev: Down is NOT_INUSE, Ringing and PreRing RINGING, Busy BUSY, every other
/// state (Ring, Up, Dialing, ...) INUSE.
DeviceState deviceStateOfChannel(ChannelState state);

/// ast_devstate_aggregate: combines the states of several channels of one device. A device
/// that is both ringing and in use (in use, on hold or busy) is RINGINUSE; otherwise the most
/// significant state wins (INVALID < UNKNOWN < UNAVAILABLE < NOT_INUSE < ONHOLD < RINGING <
/// INUSE < BUSY < RINGINUSE). Starts at INVALID.
class DeviceStateAggregate {
 public:
  void add(DeviceState state);
  DeviceState result() const { return state_; }

 private:
  DeviceState state_ = DeviceState::Invalid;
  bool ringing_ = false;
  bool inUse_ = false;
};

/// One live channel of a device, as the device state sees it.
struct DeviceChannel {
  ChannelState state = ChannelState::Down;
  bool onHold = false;
};

/// chan_pjsip_devicestate for a known endpoint. `reachable` is the endpoint's state
/// (nullopt: not known yet, which gives UNKNOWN): without channels, UNAVAILABLE or
/// NOT_INUSE. With channels, their aggregate (ONHOLD for a held one), or BUSY when
/// `busyAt` (device_state_busy_at) is non-zero and exactly that many are Up, Ring or Busy.
DeviceState endpointDeviceState(std::optional<bool> reachable,
                                std::span<const DeviceChannel> channels, unsigned busyAt = 0);

/// How many live channels a device has in each ChannelState (indexed by the enum's value):
/// all the device state depends on, kept up to date as channels change so that a device with
/// thousands of channels (a trunk) costs nothing per change.
using ChannelStateCounts = std::array<unsigned, 9>;

/// endpointDeviceState for channels given as counts per state (none on hold).
DeviceState endpointDeviceState(std::optional<bool> reachable, const ChannelStateCounts& counts,
                                unsigned busyAt = 0);

}  // namespace sb::modules::pbx
