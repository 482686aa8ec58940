#pragma once
/// @file
/// The implicit subscription a REFER creates (RFC 3515 2.4.4), as res_pjsip_refer's
/// refer_progress runs it: NOTIFYs in the transferer's dialog carrying the transfer's
/// progress as a message/sipfrag status line. The first NOTIFY is a "100 Trying", sent just
/// before the first real report; a final status (>= 200) ends the subscription. NOTIFYs
/// still go out after the transferer's call has ended (the session is kept for them), as
/// pjsip keeps the dialog for its subscription.

#include <chrono>
#include <memory>

#include "modules/pbx/channel.hpp"

namespace sb::modules::chan_pjsip {

class Session;

class ReferProgress : public std::enable_shared_from_this<ReferProgress> {
 public:
  /// `subscribed` is false when the REFER asked for no subscription (Refer-Sub: false):
  /// nothing is sent then.
  ReferProgress(std::shared_ptr<Session> transferer, bool subscribed);
  ~ReferProgress();

  /// Reports `status`: 1xx keep the subscription active, anything else ends it. Nothing is
  /// sent once it has ended.
  void notify(int status);

  /// Reports what happens to the transferee until a final status (refer_blind_progress, as
  /// Asterisk's progress framehook): ringing 180 and early media 183 (both active), media
  /// sent to it or a bridge joined 200, busy 486, congestion or hang-up 503.
  void follow(pbx::Channel& transferee);

  bool subscribed() const { return subscribed_; }
  bool ended() const { return ended_; }

 private:
  void onActivity(pbx::ChannelActivity activity);
  void send(int status);

  std::shared_ptr<Session> transferer_;
  const bool subscribed_;
  bool sent100_ = false;
  bool ended_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::weak_ptr<pbx::Channel> followed_;
};

}  // namespace sb::modules::chan_pjsip
