#include "modules/pbx/device_states.hpp"

#include <algorithm>
#include <cctype>

namespace sb::modules::pbx {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

/// "Custom:name" in any case, normalised to "Custom:name"; nullopt for other devices.
std::optional<std::string> customName(std::string_view device) {
  constexpr std::string_view kPrefix = "custom:";
  if (device.size() < kPrefix.size() || upper(device.substr(0, kPrefix.size())) != "CUSTOM:") {
    return std::nullopt;
  }
  return "Custom:" + std::string(device.substr(kPrefix.size()));
}

}  // namespace

Registration DeviceStates::addProvider(const std::string& tech, DeviceLookup lookup,
                                       std::vector<std::string> aliases) {
  const std::string key = upper(tech);
  providers_[key] = std::move(lookup);
  std::vector<std::string> aliasKeys;
  for (const auto& alias : aliases) {
    aliasKeys.push_back(upper(alias));
    aliases_[aliasKeys.back()] = key;
  }
  return Registration([this, key, aliasKeys] {
    providers_.erase(key);
    for (const auto& alias : aliasKeys) {
      aliases_.erase(alias);
    }
  });
}

std::string DeviceStates::canonical(std::string_view device) const {
  if (auto custom = customName(device)) {
    return *custom;
  }
  const auto slash = device.find('/');
  std::string tech = upper(device.substr(0, slash));
  if (auto alias = aliases_.find(tech); alias != aliases_.end()) {
    tech = alias->second;
  }
  if (slash == std::string_view::npos) {
    return tech;
  }
  return tech + std::string(device.substr(slash));
}

std::string DeviceStates::deviceOf(const Channel& channel) const {
  return canonical(channel.techName() + "/" + channel.endpoint());
}

DeviceState DeviceStates::state(std::string_view device) const {
  const std::string name = canonical(device);
  auto found = devices_.find(name);
  return compute(name, found == devices_.end() ? nullptr : &found->second);
}

DeviceState DeviceStates::compute(const std::string& device, const Device* tracked) const {
  if (device.rfind("Custom:", 0) == 0) {
    auto found = custom_.find(device);
    return found == custom_.end() ? DeviceState::Unknown : found->second;
  }
  const auto slash = device.find('/');
  if (slash == std::string::npos) {
    return DeviceState::Invalid;
  }
  auto provider = providers_.find(device.substr(0, slash));
  if (provider == providers_.end()) {
    return DeviceState::Invalid;
  }
  const auto info = provider->second(device.substr(slash + 1));
  if (!info) {
    return DeviceState::Invalid;
  }
  return endpointDeviceState(info->reachable, tracked ? tracked->counts : ChannelStateCounts{},
                             info->busyAt);
}

void DeviceStates::recount(Device& device, const Channel& channel) {
  auto found = device.channels.find(&channel);
  if (found == device.channels.end()) {
    return;
  }
  --device.counts[static_cast<std::size_t>(found->second.state)];
  found->second.state = channel.state();
  ++device.counts[static_cast<std::size_t>(found->second.state)];
}

void DeviceStates::update(const std::string& device, bool publishFirst) {
  auto& entry = devices_[device];
  const DeviceState now = compute(device, &entry);
  if (entry.last == now || (!entry.last && !publishFirst)) {
    entry.last = now;
    return;
  }
  entry.last = now;
  if (publisher_) {
    publisher_(device, now);
  }
}

void DeviceStates::track(const std::shared_ptr<Channel>& channel) {
  const std::string device = deviceOf(*channel);
  auto& entry = devices_[device];
  if (!entry.last) {
    // The state before this channel, so that its arrival is compared with something.
    entry.last = compute(device, &entry);
  }
  auto [tracked, inserted] = entry.channels.try_emplace(channel.get());
  if (!inserted) {
    if (tracked->second.channel.lock() == channel) {
      recount(entry, *channel);
      return;
    }
    // An earlier channel at this address went without untrack(): uncount it.
    --entry.counts[static_cast<std::size_t>(tracked->second.state)];
  }
  tracked->second = {channel, channel->state()};
  ++entry.counts[static_cast<std::size_t>(tracked->second.state)];
}

void DeviceStates::channelChanged(const Channel& channel) {
  const std::string device = deviceOf(channel);
  if (auto found = devices_.find(device); found != devices_.end()) {
    recount(found->second, channel);
  }
  update(device, true);
}

void DeviceStates::untrack(const Channel& channel) {
  const std::string device = deviceOf(channel);
  auto found = devices_.find(device);
  if (found == devices_.end()) {
    return;
  }
  auto& entry = found->second;
  if (auto tracked = entry.channels.find(&channel); tracked != entry.channels.end()) {
    --entry.counts[static_cast<std::size_t>(tracked->second.state)];
    entry.channels.erase(tracked);
  }
  update(device, true);
}

void DeviceStates::refresh(const std::string& device) {
  update(canonical(device), true);
}

void DeviceStates::seed(const std::string& device) {
  update(canonical(device), false);
}

void DeviceStates::setCustom(const std::string& device, DeviceState state) {
  const std::string name = canonical(device);
  custom_[name] = state;
  update(name, true);
}

}  // namespace sb::modules::pbx
