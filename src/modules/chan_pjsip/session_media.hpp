#pragma once
/// @file
/// One session's media: SDP offer/answer with the endpoint's codecs (allow/disallow,
/// max_audio_streams, dtmf_mode, sdp_owner/sdp_session) and the relay streams anchored on
/// our ports for each accepted stream. The bridge links the audio streams of two sessions.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/dtmf/digit_report.hpp"
#include "media/sdp/offer_answer.hpp"
#include "media/sdp/sdp_session.hpp"
#include "modules/chan_pjsip/dtmf_mode.hpp"
#include "modules/pbx/channel.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"

namespace sb::media {
class MediaEngine;
class RtpStream;
}  // namespace sb::media

namespace sb::modules::chan_pjsip {

class SessionMedia {
 public:
  SessionMedia(std::shared_ptr<media::MediaEngine> engine,
               const res_pjsip::EndpointConfig& endpoint, boost::asio::ip::address local);
  ~SessionMedia();
  SessionMedia(const SessionMedia&) = delete;
  SessionMedia& operator=(const SessionMedia&) = delete;

  /// The local address SDP carries and streams bind to; for an outbound call whose
  /// destination was only known after DNS. Only before the first offer or answer.
  void relocate(boost::asio::ip::address local) {
    local_ = std::move(local);
    if (!fixedMediaAddress_) {
      options_.localAddress = local_.to_string();  // what the SDP advertises
    }
  }

  /// Takes the peer's offer (INVITE, re-INVITE, UPDATE); false when no stream is acceptable
  /// (488) or the body does not parse.
  bool receiveOffer(std::string_view sdp);
  bool hasOffer() const { return offer_.has_value(); }
  /// Our answer to the last offer. With `preferredCodec` offered by the peer, only that codec
  /// is answered (so the legs of a bridge relay without transcoding).
  std::string answer(const std::string& preferredCodec = {});
  /// The SDP we last sent, or a fresh offer when we sent none (offerless INVITE).
  std::string currentOffer();
  /// An offer for an outbound call: `preferCodecs` first (when allowed), then the rest.
  /// Empty when the endpoint allows no codec.
  std::string makeOffer(const std::vector<std::string>& preferCodecs);
  /// Takes the answer to our offer (18x/2xx, or an ACK); false when it does not fit.
  bool receiveAnswer(std::string_view sdp);

  /// Whether telephone-event is offered and answered from now on (the call's DTMF mode).
  void setTelephoneEvent(bool enabled) { options_.telephoneEvent = enabled; }
  /// A new dtmf_mode (PJSIP_DTMF_MODE): how digits are sent and heard from now on, and
  /// whether later offers and answers carry telephone-event.
  void setDtmfMode(const std::string& mode) {
    dtmfMode_ = mode;
    setTelephoneEvent(mode == "rfc4733" || mode == "auto" || mode == "auto_info");
  }
  /// The codecs we offer and answer with, in preference order.
  const media::CodecPrefs& codecs() const { return options_.codecs; }
  /// The names of those of one kind.
  std::vector<std::string> codecNames(media::MediaKind kind) const;
  /// Replaces the codecs of `kind` by those of `codecs` (PJSIP_MEDIA_OFFER); other kinds
  /// stay.
  void setCodecs(media::MediaKind kind, const media::CodecPrefs& codecs);
  /// A re-offer of the body we last sent, with telephone-event added or removed to match
  /// setTelephoneEvent (same ports, codecs and payload types; o= version bumped). Its answer
  /// goes to receiveAnswer. Empty when we sent nothing yet or nothing changes.
  std::string reofferTelephoneEvent();

  /// The audio stream and its negotiated codec (empty before negotiation).
  pbx::ChannelMedia channelMedia() const;
  /// The endpoint's codecs as Asterisk prints a capability: "(ulaw|alaw)".
  std::string codecCapability() const { return options_.codecs.str(); }
  /// True when RFC 4733 telephone-events are offered/accepted.
  bool telephoneEvents() const { return options_.telephoneEvent; }
  /// How digits travel now: dtmf_mode with what the last negotiation agreed.
  DtmfMethod dtmfMethod() const;
  /// From each negotiation on, the audio stream listens for the DTMF of dtmfMethod()
  /// (telephone-events, or tones in G.711 audio) and `onDigit` hears each digit's begin and
  /// end ON `io`'s thread, while this object lives.
  void onDigits(boost::asio::io_context& io,
                std::function<void(const media::DigitReport&)> onDigit);
  /// True while the peer's last offer put the call on hold (sendonly, inactive, 0.0.0.0).
  bool peerOnHold() const { return peerHold_; }
  /// From the answer on: the endpoint's rtp_timeout / rtp_timeout_hold (seconds, 0: off)
  /// call `onSilence` once, ON THE MEDIA THREAD, when the audio stream hears nothing for that
  /// long (the hold limit while the peer holds the call); rtp_keepalive sends comfort noise
  /// when we sent nothing for that long.
  void watch(unsigned rtpTimeout, unsigned rtpTimeoutHold, unsigned rtpKeepalive,
             std::function<void()> onSilence);
  /// Frees the ports.
  void close();

 private:
  media::MediaOptions optionsWith(const std::vector<std::string>& firstCodecs) const;
  media::PortAllocator ports();
  void apply(const std::vector<media::NegotiatedStream>& streams);
  void listenForDigits();

  std::shared_ptr<media::MediaEngine> engine_;
  media::MediaOptions options_;
  bool symmetric_;
  boost::asio::ip::address local_;
  bool fixedMediaAddress_ = false;  ///< the endpoint's media_address, kept whatever the flow
  media::SdpSession sdpSession_;
  std::optional<media::SessionDescription> offer_;     ///< the peer's last offer
  std::optional<media::SessionDescription> ourOffer_;  ///< our last offer awaiting an answer
  std::string lastSent_;
  std::vector<std::shared_ptr<media::RtpStream>> streams_;  ///< by m= line index
  pbx::ChannelMedia audio_;
  std::string dtmfMode_;
  /// The digit handler; the media thread's reports reach it through a weak reference, so
  /// none arrives once this object is gone.
  std::shared_ptr<std::function<void(const media::DigitReport&)>> digitHandler_;
  boost::asio::io_context* digitIo_ = nullptr;
  bool watching_ = false;  ///< rtp_timeout armed: hold changes switch its limit
  bool peerHold_ = false;
};

}  // namespace sb::modules::chan_pjsip
