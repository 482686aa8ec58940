#include "modules/pbx/bridge.hpp"

#include <fmt/format.h>

#include <random>

#include "core/log/logger.hpp"
#include "media/rtp/rtp_stream.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {

std::string newBridgeId() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  const std::uint64_t hi = random();
  const std::uint64_t lo = random();
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xffff,
                     hi & 0xffff, lo >> 48, lo & 0xffffffffffffULL);
}

events::Fields bridgeFields(const std::string& id, int channels, const std::string& prefix) {
  return {{prefix + "BridgeUniqueid", id},
          {prefix + "BridgeType", "basic"},
          {prefix + "BridgeTechnology", "simple_bridge"},
          {prefix + "BridgeCreator", "<unknown>"},
          {prefix + "BridgeName", "<unknown>"},
          {prefix + "BridgeNumChannels", std::to_string(channels)},
          {prefix + "BridgeVideoSourceMode", "none"}};
}

std::optional<media::PayloadMap> relayMap(const ChannelMedia& from, const ChannelMedia& to) {
  media::PayloadMap map;
  if (from.payloadType < 0 || to.payloadType < 0) {
    return std::nullopt;
  }
  media::Transcode op = media::Transcode::None;
  if (from.codec != to.codec) {
    if (from.codec == "ulaw" && to.codec == "alaw") {
      op = media::Transcode::UlawToAlaw;
    } else if (from.codec == "alaw" && to.codec == "ulaw") {
      op = media::Transcode::AlawToUlaw;
    } else {
      return std::nullopt;
    }
  }
  map.map(static_cast<std::uint8_t>(from.payloadType), static_cast<std::uint8_t>(to.payloadType),
          op);
  if (from.dtmfPayloadType >= 0 && to.dtmfPayloadType >= 0) {
    map.map(static_cast<std::uint8_t>(from.dtmfPayloadType),
            static_cast<std::uint8_t>(to.dtmfPayloadType), media::Transcode::None);
  } else if (from.dtmfPayloadType >= 0) {
    // The other leg takes DTMF another way (INFO, tones): its driver sends the digits.
    map.drop(static_cast<std::uint8_t>(from.dtmfPayloadType));
  }
  return map;
}

bool relayEarlyMedia(Channel& leg, Channel& caller) {
  const auto from = leg.media();
  const auto to = caller.media();
  if (!from.stream || !to.stream) {
    return false;
  }
  auto map = relayMap(from, to);
  if (!map) {
    return false;
  }
  from.stream->relayTo(to.stream, std::move(*map));
  return true;
}

TwoPartyBridge::TwoPartyBridge(PbxService& pbx, std::shared_ptr<Channel> a,
                               std::shared_ptr<Channel> b, std::string id)
    : pbx_(pbx), a_(std::move(a)), b_(std::move(b)), id_(id.empty() ? newBridgeId() : id) {
  a_->bridgedWith = b_;
  b_->bridgedWith = a_;
  a_->bridgeId = b_->bridgeId = id_;
  publish("BridgeCreate", nullptr, 0);
  publish("BridgeEnter", a_.get(), 1);
  publish("BridgeEnter", b_.get(), 2);
  a_->reportActivity(ChannelActivity::Bridged);
  b_->reportActivity(ChannelActivity::Bridged);
}

TwoPartyBridge::~TwoPartyBridge() {
  if (linked_) {
    auto ma = a_->media();
    auto mb = b_->media();
    if (ma.stream) {
      ma.stream->stop();
    }
    if (mb.stream) {
      mb.stream->stop();
    }
  }
  a_->bridgedWith.reset();
  b_->bridgedWith.reset();
  a_->bridgeId.clear();
  b_->bridgeId.clear();
  publish("BridgeLeave", a_.get(), 1);
  publish("BridgeLeave", b_.get(), 0);
  publish("BridgeDestroy", nullptr, 0);
}

bool TwoPartyBridge::connect() {
  auto ma = a_->media();
  auto mb = b_->media();
  wanted_ = true;
  linkedA_ = snapshot(ma);
  linkedB_ = snapshot(mb);
  if (!ma.stream || !mb.stream) {
    return false;
  }
  auto ab = relayMap(ma, mb);
  auto ba = relayMap(mb, ma);
  if (!ab || !ba) {
    SB_WARNING("Cannot bridge media of {} ({}) and {} ({})", a_->name(), ma.codec, b_->name(),
               mb.codec);
    return false;
  }
  // A channel whose digits the bridge's features read has its RFC 4733 events played by the
  // peer's driver for what the features pass on, not relayed as they come.
  if (a_->interceptsDigits() && ma.dtmfPayloadType >= 0) {
    ab->drop(static_cast<std::uint8_t>(ma.dtmfPayloadType));
  }
  if (b_->interceptsDigits() && mb.dtmfPayloadType >= 0) {
    ba->drop(static_cast<std::uint8_t>(mb.dtmfPayloadType));
  }
  media::link(ma.stream, mb.stream, std::move(*ab), std::move(*ba));
  linked_ = true;
  return true;
}

TwoPartyBridge::LinkedMedia TwoPartyBridge::snapshot(const ChannelMedia& media) {
  return {media.stream.get(), media.codec, media.payloadType, media.dtmfPayloadType};
}

void TwoPartyBridge::reattach() {
  a_->bridgedWith = b_;
  b_->bridgedWith = a_;
  a_->bridgeId = b_->bridgeId = id_;
}

void TwoPartyBridge::refresh() {
  if (!wanted_ || a_->hungUp() || b_->hungUp()) {
    return;
  }
  if (snapshot(a_->media()) == linkedA_ && snapshot(b_->media()) == linkedB_) {
    return;
  }
  SB_DEBUG(3, "Media of {} or {} changed: linking them again", a_->name(), b_->name());
  unlinkMedia();
  connect();
}

void TwoPartyBridge::unlinkMedia() {
  wanted_ = false;
  if (!linked_) {
    return;
  }
  auto ma = a_->media();
  auto mb = b_->media();
  if (ma.stream && mb.stream) {
    media::unlink(ma.stream, mb.stream);
  }
  linked_ = false;
}

void TwoPartyBridge::publish(const char* event, const Channel* channel, int count) {
  events::Fields fields = bridgeFields(id_, count);
  if (channel) {
    auto more = pbx_.channelFields(*channel);
    fields.insert(fields.end(), more.begin(), more.end());
  }
  pbx_.publish(event, events::kCall, std::move(fields));
}

}  // namespace sb::modules::pbx
