#pragma once
/// @file
/// The attended transfer dialled in a bridge (features.conf atxfer, bridge_basic.c's
/// attended transfer): the transferee is held, the transferer dials an extension, which is
/// called as Local/exten@context; once it answers they talk (the consultation). The transferer
/// hanging up or dialling atxfercomplete joins the transferee and the target; atxferabort, the
/// target hanging up, failing or not answering in atxfernoanswertimeout takes the transferer
/// back to the transferee; atxferswap moves the transferer between the two (atxferthreeway is
/// not supported: there is no multi-party bridge). Hanging up while the target still rings
/// hands the transferee to the ringing target (Asterisk's blond transfer).

#include <boost/asio/awaitable.hpp>

#include <memory>

#include "modules/pbx/bridge_feature_actions.hpp"

namespace sb::modules::pbx {

boost::asio::awaitable<void> attendedTransfer(FeatureBridge bridge,
                                              std::shared_ptr<Channel> transferer);

}  // namespace sb::modules::pbx
