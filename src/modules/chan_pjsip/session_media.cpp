#include "modules/chan_pjsip/session_media.hpp"

#include <boost/asio/post.hpp>

#include "core/log/logger.hpp"
#include "media/rtp/media_engine.hpp"
#include "media/rtp/rtp_stream.hpp"
#include "media/sdp/telephone_event.hpp"
#include "modules/res_pjsip/endpoint_text.hpp"

namespace sb::modules::chan_pjsip {

namespace {

/// chan_sip's "on hold": the peer's offer makes its first audio stream sendonly or
/// inactive (at media or session level), or gives the 0.0.0.0 hold address (RFC 2543).
bool offersHold(const media::SessionDescription& offer) {
  for (const auto& m : offer.media) {
    if (m.type != "audio") {
      continue;
    }
    const auto& connection = m.connection ? m.connection : offer.connection;
    if (connection && connection->isHoldAddress()) {
      return true;
    }
    auto direction = m.direction();
    for (const auto& attribute : offer.attributes) {
      if (!direction) {
        direction = media::parseDirection(attribute.name);
      }
    }
    return direction == media::MediaDirection::SendOnly ||
           direction == media::MediaDirection::Inactive;
  }
  return false;
}

}  // namespace

SessionMedia::SessionMedia(std::shared_ptr<media::MediaEngine> engine,
                           const res_pjsip::EndpointConfig& endpoint,
                           boost::asio::ip::address local)
    : engine_(std::move(engine)),
      symmetric_(endpoint.rtpSymmetric),
      local_(local),
      dtmfMode_(endpoint.dtmfMode) {
  options_.codecs = res_pjsip::endpointCodecs(endpoint);
  options_.maxAudioStreams = endpoint.maxAudioStreams;
  options_.maxVideoStreams = endpoint.maxVideoStreams;
  options_.preferredCodecOnly = endpoint.preferredCodecOnly;
  options_.telephoneEvent = endpoint.dtmfMode == "rfc4733" || endpoint.dtmfMode == "auto" ||
                            endpoint.dtmfMode == "auto_info";
  options_.sdpOwner = endpoint.sdpOwner;
  options_.sdpSession = endpoint.sdpSession;
  fixedMediaAddress_ = !endpoint.mediaAddress.empty();
  options_.localAddress = fixedMediaAddress_ ? endpoint.mediaAddress : local.to_string();
}

SessionMedia::~SessionMedia() {
  close();
}

void SessionMedia::watch(unsigned rtpTimeout, unsigned rtpTimeoutHold, unsigned rtpKeepalive,
                         std::function<void()> onSilence) {
  if (!audio_.stream) {
    return;
  }
  if (rtpKeepalive != 0) {
    audio_.stream->setKeepalive(std::chrono::seconds(rtpKeepalive));
  }
  if (rtpTimeout != 0 || rtpTimeoutHold != 0) {
    audio_.stream->setTimeout(std::chrono::seconds(rtpTimeout),
                              std::chrono::seconds(rtpTimeoutHold), std::move(onSilence));
    audio_.stream->setHold(peerHold_);
    watching_ = true;
  }
}

media::MediaOptions SessionMedia::optionsWith(const std::vector<std::string>& firstCodecs) const {
  if (firstCodecs.empty()) {
    return options_;
  }
  media::MediaOptions options = options_;
  media::CodecPrefs reordered;
  for (const auto& name : firstCodecs) {
    const auto* codec = media::findCodec(name);
    if (codec && options_.codecs.allows(*codec)) {
      reordered.allow(*codec, options_.codecs.find(*codec)->framingMs);
    }
  }
  for (const auto& pref : options_.codecs.codecs()) {
    reordered.allow(*pref.codec, pref.framingMs);
  }
  options.codecs = std::move(reordered);
  return options;
}

media::PortAllocator SessionMedia::ports() {
  return [this](unsigned index, const std::string&) -> std::uint16_t {
    if (!engine_) {
      return 0;
    }
    if (streams_.size() <= index) {
      streams_.resize(index + 1);
    }
    if (!streams_[index]) {
      std::string error;
      streams_[index] = engine_->allocate(local_, &error);
      if (!streams_[index]) {
        SB_WARNING("No RTP port for a media stream: {}", error);
        return 0;
      }
      streams_[index]->setSymmetric(symmetric_);
    }
    return streams_[index]->localPort();
  };
}

void SessionMedia::apply(const std::vector<media::NegotiatedStream>& streams) {
  for (const auto& stream : streams) {
    if (!stream.accepted || stream.index >= streams_.size() || !streams_[stream.index]) {
      continue;
    }
    auto& rtp = streams_[stream.index];
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(stream.remoteAddress, ec);
    if (!ec && !address.is_unspecified() && stream.remotePort != 0) {
      std::optional<media::RtpStream::Endpoint> rtcp;
      if (stream.remoteRtcpPort) {
        rtcp = media::RtpStream::Endpoint(address, *stream.remoteRtcpPort);
      }
      rtp->setRemote(media::RtpStream::Endpoint(address, stream.remotePort), rtcp);
    }
    if (!stream.formats.empty() && stream.formats.front().codec &&
        stream.formats.front().payloadType >= 0) {
      // The jitter in stats is measured on the first codec's packets, in its RTP clock.
      rtp->setClock(static_cast<std::uint8_t>(stream.formats.front().payloadType),
                    stream.formats.front().codec->rtpClockRate);
    }
    if (stream.type == "audio" && !audio_.stream && !stream.formats.empty()) {
      audio_.stream = rtp;
      audio_.codec = std::string(stream.formats.front().codec->name);
      audio_.payloadType = stream.formats.front().payloadType;
      audio_.dtmfPayloadType = stream.dtmfPayloadType;
    } else if (stream.type == "audio" && audio_.stream == rtp && !stream.formats.empty()) {
      audio_.codec = std::string(stream.formats.front().codec->name);
      audio_.payloadType = stream.formats.front().payloadType;
      audio_.dtmfPayloadType = stream.dtmfPayloadType;
    }
  }
  listenForDigits();
}

DtmfMethod SessionMedia::dtmfMethod() const {
  return chan_pjsip::dtmfMethod(dtmfMode_, audio_.dtmfPayloadType >= 0);
}

void SessionMedia::onDigits(boost::asio::io_context& io,
                            std::function<void(const media::DigitReport&)> onDigit) {
  digitIo_ = &io;
  digitHandler_ =
      std::make_shared<std::function<void(const media::DigitReport&)>>(std::move(onDigit));
}

void SessionMedia::listenForDigits() {
  if (!audio_.stream || !digitHandler_) {
    return;
  }
  media::DigitDetection detection;
  switch (dtmfMethod()) {
    case DtmfMethod::Rfc4733:
      detection.eventPayloadType = audio_.dtmfPayloadType;
      break;
    case DtmfMethod::Inband:
      if (audio_.codec == "ulaw" || audio_.codec == "alaw") {
        detection.inbandPayloadType = audio_.payloadType;
        detection.inbandAlaw = audio_.codec == "alaw";
      }
      break;
    case DtmfMethod::Info:
    case DtmfMethod::None:
      break;
  }
  audio_.stream->detectDigits(detection, [handler = std::weak_ptr(digitHandler_),
                                          io = digitIo_](const media::DigitReport& report) {
    // On the media thread: the session lives on the reactor.
    boost::asio::post(*io, [handler, report] {
      if (auto target = handler.lock()) {
        (*target)(report);
      }
    });
  });
}

bool SessionMedia::receiveOffer(std::string_view sdp) {
  std::string error;
  auto parsed = media::SessionDescription::parse(sdp, &error);
  if (!parsed) {
    SB_NOTICE("Unusable SDP offer: {}", error);
    return false;
  }
  // Checked now so that a 488 comes before the dialplan runs; answer() negotiates for real.
  media::SdpSession scratch(sdpSession_.sessionId());
  auto trial = media::answerOffer(
      *parsed, options_, [](unsigned, const std::string&) { return std::uint16_t{9}; }, scratch);
  if (!trial.anyAccepted) {
    return false;
  }
  peerHold_ = offersHold(*parsed);
  offer_ = std::move(*parsed);
  return true;
}

std::string SessionMedia::answer(const std::string& preferredCodec) {
  if (!offer_) {
    return currentOffer();
  }
  media::MediaOptions options = options_;
  if (!preferredCodec.empty()) {
    const auto* codec = media::findCodec(preferredCodec);
    if (codec && options_.codecs.allows(*codec)) {
      media::MediaOptions only = options_;
      media::CodecPrefs single;
      single.allow(*codec, options_.codecs.find(*codec)->framingMs);
      // Video codecs stay as they are; only the audio choice is pinned.
      for (const auto& pref : options_.codecs.codecs()) {
        if (pref.codec->kind != media::MediaKind::Audio) {
          single.allow(*pref.codec, pref.framingMs);
        }
      }
      only.codecs = std::move(single);
      media::SdpSession scratch(sdpSession_.sessionId());
      if (media::answerOffer(
              *offer_, only, [](unsigned, const std::string&) { return std::uint16_t{9}; }, scratch)
              .anyAccepted) {
        options = std::move(only);
      }
    }
  }
  auto result = media::answerOffer(*offer_, options, ports(), sdpSession_);
  apply(result.streams);
  if (watching_ && audio_.stream) {
    audio_.stream->setHold(peerHold_);
  }
  lastSent_ = result.answer.serialize();
  offer_.reset();
  return lastSent_;
}

std::string SessionMedia::currentOffer() {
  if (!lastSent_.empty()) {
    return lastSent_;
  }
  return makeOffer({});
}

std::string SessionMedia::makeOffer(const std::vector<std::string>& preferCodecs) {
  const auto options = optionsWith(preferCodecs);
  if (options.codecs.empty()) {
    return {};
  }
  auto offer = media::makeOffer(options, ports(), sdpSession_);
  if (offer.media.empty()) {
    return {};
  }
  ourOffer_ = offer;
  lastSent_ = offer.serialize();
  return lastSent_;
}

bool SessionMedia::receiveAnswer(std::string_view sdp) {
  if (!ourOffer_) {
    return false;
  }
  std::string error;
  auto parsed = media::SessionDescription::parse(sdp, &error);
  if (!parsed) {
    SB_NOTICE("Unusable SDP answer: {}", error);
    return false;
  }
  auto streams = media::applyAnswer(*ourOffer_, *parsed, options_, &error);
  if (!streams) {
    SB_NOTICE("SDP answer does not fit our offer: {}", error);
    return false;
  }
  apply(*streams);
  return audio_.stream != nullptr;
}

std::vector<std::string> SessionMedia::codecNames(media::MediaKind kind) const {
  std::vector<std::string> names;
  for (const auto& pref : options_.codecs.codecs(kind)) {
    names.emplace_back(pref.codec->name);
  }
  return names;
}

void SessionMedia::setCodecs(media::MediaKind kind, const media::CodecPrefs& codecs) {
  options_.codecs.replaceKind(kind, codecs);
}

std::string SessionMedia::reofferTelephoneEvent() {
  if (lastSent_.empty()) {
    return {};
  }
  auto sdp = media::SessionDescription::parse(lastSent_);
  if (!sdp || !media::setTelephoneEvent(*sdp, options_.telephoneEvent)) {
    return {};
  }
  sdpSession_.stamp(*sdp);
  ourOffer_ = *sdp;
  lastSent_ = sdp->serialize();
  return lastSent_;
}

pbx::ChannelMedia SessionMedia::channelMedia() const {
  pbx::ChannelMedia media = audio_;
  if (media.stream) {
    media.owner = engine_;
  }
  return media;
}

void SessionMedia::close() {
  for (auto& stream : streams_) {
    if (stream) {
      stream->close();
    }
  }
  streams_.clear();
  audio_ = {};
  digitHandler_.reset();
}

}  // namespace sb::modules::chan_pjsip
