#include "media/sdp/negotiation.hpp"

#include <algorithm>

#include "media/codec/strings.hpp"

namespace sb::media::detail {

std::vector<OfferedFormat> resolveFormats(const MediaDescription& m) {
  std::vector<OfferedFormat> out;
  for (const std::string& format : m.formats) {
    auto number = parseNumber(format, 127);
    if (!number)
      continue;
    OfferedFormat f;
    f.payloadType = static_cast<int>(*number);
    f.fmtp = m.fmtp(f.payloadType);
    if (auto map = m.rtpmap(f.payloadType)) {
      f.clockRate = map->clockRate;
      if (iequals(map->encoding, "telephone-event"))
        f.telephoneEvent = true;
      else
        f.codec = findCodecByRtpmap(map->encoding, map->clockRate, map->channels);
    } else {
      // Without rtpmap only the static table can say what it is (RFC 3551).
      f.codec = findCodecByStaticPayload(f.payloadType);
    }
    if (f.codec && f.codec->sdpMedia != m.type)
      f.codec = nullptr;
    out.push_back(std::move(f));
  }
  return out;
}

std::string addrTypeOf(const std::string& address) {
  return address.find(':') == std::string::npos ? "IP4" : "IP6";
}

SessionDescription skeleton(const MediaOptions& options) {
  SessionDescription sdp;
  // Never write an unparseable o= or c= line, even when misconfigured.
  const std::string address = options.localAddress.empty() ? "0.0.0.0" : options.localAddress;
  const std::string addrType = addrTypeOf(address);
  sdp.origin.username = options.sdpOwner.empty() ? "-" : options.sdpOwner;
  sdp.origin.addrType = addrType;
  sdp.origin.address = address;
  sdp.sessionName = options.sdpSession.empty() ? "-" : options.sdpSession;
  sdp.connection = Connection{"IN", addrType, address};
  sdp.timing = "0 0";
  return sdp;
}

MediaDirection ourDirection(MediaDirection peer, bool peerHoldAddress, MediaDirection local) {
  // c=0.0.0.0 means "do not send to me" whatever the attribute says (RFC 2543 hold).
  bool peerReceives =
      !peerHoldAddress && (peer == MediaDirection::SendRecv || peer == MediaDirection::RecvOnly);
  bool peerSends = peer == MediaDirection::SendRecv || peer == MediaDirection::SendOnly;
  bool weSend =
      peerReceives && (local == MediaDirection::SendRecv || local == MediaDirection::SendOnly);
  bool weReceive =
      peerSends && (local == MediaDirection::SendRecv || local == MediaDirection::RecvOnly);
  if (weSend && weReceive)
    return MediaDirection::SendRecv;
  if (weSend)
    return MediaDirection::SendOnly;
  if (weReceive)
    return MediaDirection::RecvOnly;
  return MediaDirection::Inactive;
}

void addCodecAttributes(MediaDescription& m, const NegotiatedFormat& f) {
  const std::string pt = std::to_string(f.payloadType);
  std::string map =
      pt + ' ' + std::string(f.codec->encoding) + '/' + std::to_string(f.codec->rtpClockRate);
  if (f.codec->channels > 1)
    map += '/' + std::to_string(f.codec->channels);
  m.attributes.push_back(Attribute{"rtpmap", map});
  if (!f.fmtp.empty())
    m.attributes.push_back(Attribute{"fmtp", pt + ' ' + f.fmtp});
}

void addTelephoneEvent(MediaDescription& m, int pt, unsigned rate, const std::string& fmtp) {
  const std::string number = std::to_string(pt);
  m.attributes.push_back(Attribute{"rtpmap", number + " telephone-event/" + std::to_string(rate)});
  if (!fmtp.empty())
    m.attributes.push_back(Attribute{"fmtp", number + ' ' + fmtp});
}

void addPacketization(MediaDescription& m, unsigned ptime, unsigned maxptime) {
  if (ptime)
    m.attributes.push_back(Attribute{"ptime", std::to_string(ptime)});
  if (maxptime)
    m.attributes.push_back(Attribute{"maxptime", std::to_string(maxptime)});
}

std::pair<unsigned, unsigned> packetization(const std::vector<NegotiatedFormat>& formats,
                                            const CodecPrefs& prefs) {
  // As res_pjsip_sdp_rtp: ptime is the smallest framing, maxptime the smallest maximum.
  unsigned ptime = 0, maxptime = 0;
  for (const NegotiatedFormat& f : formats) {
    const CodecPref* pref = prefs.find(*f.codec);
    unsigned framing = pref ? pref->effectiveFramingMs() : f.codec->defaultMs;
    if (framing && (!ptime || framing < ptime))
      ptime = framing;
    if (f.codec->maxMs && (!maxptime || f.codec->maxMs < maxptime))
      maxptime = f.codec->maxMs;
  }
  return {ptime, maxptime};
}

std::string connectionAddress(const Connection* c) {
  if (!c)
    return {};
  return c->address.substr(0, c->address.find('/'));
}

bool isPlainRtp(const std::string& proto) {
  return iequals(proto, "RTP/AVP");
}

}  // namespace sb::media::detail
