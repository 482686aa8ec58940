#include "modules/pbx/device_state.hpp"

#include <array>
#include <cctype>

namespace sb::modules::pbx {
namespace {

constexpr std::array<std::string_view, 9> kNames = {"UNKNOWN", "NOT_INUSE", "INUSE",
                                                    "BUSY",    "INVALID",   "UNAVAILABLE",
                                                    "RINGING", "RINGINUSE", "ONHOLD"};

/// Significance of each state in an aggregate, indexed by the state's number.
constexpr std::array<int, 9> kOrder = {1, 3, 6, 7, 0, 2, 5, 8, 4};

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view deviceStateName(DeviceState state) {
  const auto index = static_cast<std::size_t>(state);
  return index < kNames.size() ? kNames[index] : kNames[0];
}

DeviceState deviceStateFromName(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (equalsIgnoringCase(name, kNames[i])) {
      return static_cast<DeviceState>(i);
    }
  }
  return DeviceState::Unknown;
}

DeviceState deviceStateOfChannel(ChannelState state) {
  switch (state) {
    case ChannelState::Down:
      return DeviceState::NotInUse;
    case ChannelState::Ringing:
    case ChannelState::PreRing:
      return DeviceState::Ringing;
    case ChannelState::Busy:
      return DeviceState::Busy;
    default:
      return DeviceState::InUse;
  }
}

void DeviceStateAggregate::add(DeviceState state) {
  if (state == DeviceState::Ringing) {
    ringing_ = true;
  } else if (state == DeviceState::InUse || state == DeviceState::OnHold ||
             state == DeviceState::Busy) {
    inUse_ = true;
  }
  if (ringing_ && inUse_) {
    state_ = DeviceState::RingInUse;
  } else if (kOrder[static_cast<std::size_t>(state)] > kOrder[static_cast<std::size_t>(state_)]) {
    state_ = state;
  }
}

DeviceState endpointDeviceState(std::optional<bool> reachable,
                                std::span<const DeviceChannel> channels, unsigned busyAt) {
  DeviceState state = DeviceState::Unknown;
  if (reachable) {
    state = *reachable ? DeviceState::NotInUse : DeviceState::Unavailable;
  }
  if (channels.empty()) {
    return state;
  }
  DeviceStateAggregate aggregate;
  unsigned inUse = 0;
  for (const auto& channel : channels) {
    aggregate.add(channel.onHold ? DeviceState::OnHold : deviceStateOfChannel(channel.state));
    if (channel.state == ChannelState::Up || channel.state == ChannelState::Ring ||
        channel.state == ChannelState::Busy) {
      ++inUse;
    }
  }
  if (busyAt != 0 && inUse == busyAt) {
    return DeviceState::Busy;
  }
  return aggregate.result() != DeviceState::Invalid ? aggregate.result() : state;
}

DeviceState endpointDeviceState(std::optional<bool> reachable, const ChannelStateCounts& counts,
                                unsigned busyAt) {
  // The aggregate only depends on which states are present and on how many are in use.
  std::vector<DeviceChannel> present;
  unsigned inUse = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] == 0) {
      continue;
    }
    const auto state = static_cast<ChannelState>(i);
    present.push_back({state, false});
    if (state == ChannelState::Up || state == ChannelState::Ring || state == ChannelState::Busy) {
      inUse += counts[i];
    }
  }
  if (busyAt != 0 && !present.empty() && inUse == busyAt) {
    return DeviceState::Busy;
  }
  return endpointDeviceState(reachable, present, 0);
}

}  // namespace sb::modules::pbx
