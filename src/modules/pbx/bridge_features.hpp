#pragma once
/// @file
/// The DTMF features of a two-party bridge (Dial's t/T and h/H options, CHANNEL(dtmf_features)):
/// the codes of features.conf each side may dial, the digits held back while they may still
/// become one (passed on to the peer when they cannot), and the feature dialled, which the
/// bridge's owner carries out. While it does, the digits of the channel carrying it out are
/// queued for it instead (the transfer's extension).

#include <boost/asio/io_context.hpp>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/pbx/channel.hpp"
#include "pbx/features/feature_matcher.hpp"
#include "pbx/features/features_config.hpp"

namespace sb::modules::pbx {

/// Feature names as features.conf's [featuremap] spells them.
inline constexpr std::string_view kBlindTransfer = "blindxfer";
inline constexpr std::string_view kDisconnect = "disconnect";
inline constexpr std::string_view kAttendedTransfer = "atxfer";
/// The codes of an attended transfer's consultation ([general] of features.conf).
inline constexpr std::string_view kTransferAbort = "atxferabort";
inline constexpr std::string_view kTransferComplete = "atxfercomplete";
inline constexpr std::string_view kTransferThreeway = "atxferthreeway";
inline constexpr std::string_view kTransferSwap = "atxferswap";

class BridgeFeatures {
 public:
  /// `watcher` (the bridge owner's) is woken when a feature is dialled or a queued digit
  /// arrives.
  BridgeFeatures(boost::asio::io_context& io, const sb::pbx::FeaturesConfig& config,
                 std::shared_ptr<ChannelWatcher> watcher);
  /// Takes the interceptors off the channels again.
  ~BridgeFeatures();
  BridgeFeatures(const BridgeFeatures&) = delete;
  BridgeFeatures& operator=(const BridgeFeatures&) = delete;

  /// Lets `channel` dial the features that `letters` name (T: blind and attended transfer,
  /// H: disconnect; K, W, X have no code here). Nothing is installed when
  /// none of them has a code. Call before the bridge links the media.
  void enable(const std::shared_ptr<Channel>& channel, std::string_view letters);

  /// While a feature runs (an attended transfer's consultation), `channel` dials these codes
  /// instead of its own; restoreCodes() gives its own back.
  void useCodes(const Channel& channel, std::vector<sb::pbx::FeatureMatcher::Code> codes);
  void restoreCodes(const Channel& channel);

  struct Request {
    std::shared_ptr<Channel> channel;  ///< who dialled it
    std::string feature;               ///< one of the names above
  };
  /// The feature dialled since the last call, if any.
  std::optional<Request> takeRequest();

  /// Queues `channel`'s digits for takeDigit() (true) instead of matching them (false).
  void collect(const Channel& channel, bool on);
  /// The oldest digit queued for `channel`, if any.
  std::optional<char> takeDigit(const Channel& channel);
  bool hasDigit(const Channel& channel) const;

 private:
  struct Side;
  Side* sideOf(const Channel& channel) const;
  void onDigit(Side& side, char digit, unsigned durationMs, DigitSource source);
  void onTimeout(Side& side);
  void passOn(Side& side, char digit, unsigned durationMs, DigitSource source);

  boost::asio::io_context& io_;
  const sb::pbx::FeaturesConfig& config_;
  std::shared_ptr<ChannelWatcher> watcher_;
  std::vector<std::shared_ptr<Side>> sides_;
  std::optional<Request> request_;
};

}  // namespace sb::modules::pbx
