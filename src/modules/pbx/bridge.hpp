#pragma once
/// @file
/// A two-party bridge: the channels know each other as peers, their relay streams are linked
/// (payload types mapped, G.711 µ-law/A-law transcoded where the legs chose differently),
/// and Bridge* events tell AMI. Undone when the object goes.

#include <memory>
#include <optional>
#include <string>

#include "core/events/event_bus.hpp"
#include "media/rtp/payload_map.hpp"
#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {

class PbxService;

/// The payload-type map (and G.711 transcoding) for relaying `from`'s RTP to `to`;
/// std::nullopt when either has no negotiated audio or the codecs cannot be relayed.
std::optional<media::PayloadMap> relayMap(const ChannelMedia& from, const ChannelMedia& to);

/// Early media: `caller` hears `leg` (one way) until an answer bridges them or the leg goes.
/// False when the media cannot be relayed.
bool relayEarlyMedia(Channel& leg, Channel& caller);

/// A new bridge unique id, shaped like Asterisk's (a UUID).
std::string newBridgeId();

/// The bridge snapshot fields of AMI events (ast_manager_build_bridge_state_string_prefix)
/// for one of our two-party bridges holding `channels` channels: BridgeUniqueid,
/// BridgeType, BridgeTechnology, BridgeCreator, BridgeName, BridgeNumChannels,
/// BridgeVideoSourceMode, each name after `prefix`.
events::Fields bridgeFields(const std::string& id, int channels, const std::string& prefix = {});

class TwoPartyBridge {
 public:
  /// Bridges `a` and `b` (events, peers); `id` is the bridge's unique id, a new one if empty.
  TwoPartyBridge(PbxService& pbx, std::shared_ptr<Channel> a, std::shared_ptr<Channel> b,
                 std::string id = {});
  ~TwoPartyBridge();
  TwoPartyBridge(const TwoPartyBridge&) = delete;
  TwoPartyBridge& operator=(const TwoPartyBridge&) = delete;

  /// Links the media of both legs (call once both have negotiated); false when either has
  /// no media or their codecs cannot be bridged.
  bool connect();
  /// Stops relaying between the legs (a feature talks to one of them alone); connect()
  /// links them again.
  void unlinkMedia();
  /// Links the legs again when either's media changed since connect() (a re-INVITE changed
  /// the codec or the payload types, a leg that had none answered); call after every
  /// wake-up. Nothing after unlinkMedia() until the next connect().
  void refresh();
  /// Makes the two channels each other's peers in this bridge again (after one of them spent
  /// a while in another bridge: an attended transfer's consultation).
  void reattach();
  const std::string& id() const { return id_; }

 private:
  void publish(const char* event, const Channel* channel, int count);

  PbxService& pbx_;
  std::shared_ptr<Channel> a_, b_;
  std::string id_;
  bool linked_ = false;
  bool wanted_ = false;  ///< connect() was asked for (and not undone by unlinkMedia())
  /// What each leg had negotiated at the last connect(): (stream, codec, payload type, events).
  struct LinkedMedia {
    const void* stream = nullptr;
    std::string codec;
    int payloadType = -1;
    int dtmfPayloadType = -1;
    bool operator==(const LinkedMedia&) const = default;
  };
  static LinkedMedia snapshot(const ChannelMedia& media);
  LinkedMedia linkedA_, linkedB_;
};

}  // namespace sb::modules::pbx
