#pragma once
/// @file
/// The device-state service of the PBX core (Asterisk's devicestate.c for the devices of
/// channel technologies): the state of "TECH/resource" from what the technology knows of
/// the resource (a provider: is it known, reachable, device_state_busy_at) and the live
/// channels of that device. The last state of each device is kept, and a change publishes
/// `DeviceStateChange` once. Reactor thread only.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/util/registration.hpp"
#include "modules/pbx/channel.hpp"
#include "modules/pbx/device_state.hpp"

namespace sb::modules::pbx {

/// What a channel technology knows about one of its devices.
struct DeviceInfo {
  std::optional<bool> reachable;  ///< nullopt: not known yet
  unsigned busyAt = 0;            ///< device_state_busy_at; 0 is off
};
/// Looks up a resource of a technology ("alice" of PJSIP/alice); nullopt when there is no
/// such device (INVALID).
using DeviceLookup = std::function<std::optional<DeviceInfo>(const std::string& resource)>;

class DeviceStates {
 public:
  /// Called with the device ("PJSIP/alice") and its new state on every change.
  using Publisher = std::function<void(const std::string& device, DeviceState state)>;
  explicit DeviceStates(Publisher publisher) : publisher_(std::move(publisher)) {}

  /// Registers the technology `tech` ("PJSIP") as the source of its devices' state;
  /// `aliases` ("SIP") name the same devices.
  [[nodiscard]] Registration addProvider(const std::string& tech, DeviceLookup lookup,
                                         std::vector<std::string> aliases = {});
  /// "sip/alice" → "PJSIP/alice": the technology upper-cased and aliases resolved.
  std::string canonical(std::string_view device) const;
  /// The state of a device now ("PJSIP/alice", "SIP/alice", "Custom:name"): INVALID for a
  /// technology without a provider or a resource it does not know, UNKNOWN for a custom
  /// device never set.
  DeviceState state(std::string_view device) const;

  /// A channel of the device "<tech>/<endpoint>" was created; it counts until untrack().
  void track(const std::shared_ptr<Channel>& channel);
  /// A channel's state changed (or it was announced): its device is recomputed.
  void channelChanged(const Channel& channel);
  /// The channel is gone (released): its device is recomputed without it.
  void untrack(const Channel& channel);
  /// What the provider knows of `device` changed (reachability): recomputed and published
  /// when it differs from the last state. A device seen for the first time is published.
  void refresh(const std::string& device);
  /// Records the current state of `device` as known, without publishing.
  void seed(const std::string& device);
  /// DEVICE_STATE(Custom:name)=state: sets a custom device and publishes a change.
  void setCustom(const std::string& device, DeviceState state);

 private:
  struct TrackedChannel {
    std::weak_ptr<Channel> channel;           ///< tells a reused address from the channel counted
    ChannelState state = ChannelState::Down;  ///< the state counted for it
  };
  struct Device {
    std::unordered_map<const Channel*, TrackedChannel> channels;
    ChannelStateCounts counts{};  ///< of `channels`, by state
    std::optional<DeviceState> last;
  };
  /// Moves `channel`'s count in `device` to its current state.
  static void recount(Device& device, const Channel& channel);
  std::string deviceOf(const Channel& channel) const;
  DeviceState compute(const std::string& device, const Device* tracked) const;
  void update(const std::string& device, bool publishFirst);

  Publisher publisher_;
  std::map<std::string, DeviceLookup> providers_;  // by upper-case technology
  std::map<std::string, std::string> aliases_;     // upper-case alias → technology
  std::unordered_map<std::string, Device> devices_;
  std::unordered_map<std::string, DeviceState> custom_;  // "Custom:name" (lower-case prefix)
};

}  // namespace sb::modules::pbx
