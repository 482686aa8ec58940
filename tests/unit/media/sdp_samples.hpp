#pragma once
// Real-world SDP bodies for the SDP tests (the same as fuzz/corpus/sdp; "\r\n" where the
// original device sends CRLF, "\n" where the sample is LF-only on purpose).

#include <array>
#include <string_view>

namespace sb::media::sdptest {

// baresip_offer.sdp
inline constexpr std::string_view kBaresipOffer =
    "v=0\r\n"
    "o=- 1366573431 2017937562 IN IP4 192.168.1.2\r\n"
    "s=-\r\n"
    "c=IN IP4 192.168.1.2\r\n"
    "t=0 0\r\n"
    "m=audio 15534 RTP/AVP 96 9 0 8 101\r\n"
    "b=AS:102\r\n"
    "a=rtpmap:96 opus/48000/2\r\n"
    "a=fmtp:96 stereo=1;sprop-stereo=1\r\n"
    "a=rtpmap:9 G722/8000\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:8 PCMA/8000\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-15\r\n"
    "a=ptime:20\r\n"
    "a=sendrecv\r\n"
    "a=label:1\r\n"
    "a=rtcp-rsize\r\n"
    "a=ssrc:1916548297 cname:5e7c2a42-9ff8-4d5c-8a29-1b1e0b3f5c10\r\n";

// linphone_audio_video.sdp
inline constexpr std::string_view kLinphoneOffer =
    "v=0\n"
    "o=alice 1852 1735 IN IP4 192.168.0.12\n"
    "s=Talk\n"
    "c=IN IP4 192.168.0.12\n"
    "t=0 0\n"
    "a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics\n"
    "a=record:off\n"
    "m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100\n"
    "a=rtpmap:96 opus/48000/2\n"
    "a=fmtp:96 useinbandfec=1\n"
    "a=rtpmap:97 speex/16000\n"
    "a=fmtp:97 vbr=on\n"
    "a=rtpmap:98 speex/8000\n"
    "a=fmtp:98 vbr=on\n"
    "a=fmtp:18 annexb=yes\n"
    "a=rtpmap:101 telephone-event/48000\n"
    "a=rtpmap:99 telephone-event/16000\n"
    "a=rtpmap:100 telephone-event/8000\n"
    "a=rtcp-fb:* trr-int 1000\n"
    "a=rtcp-fb:* ccm tmmbr\n"
    "m=video 9078 RTP/AVP 96 97\n"
    "a=rtpmap:96 VP8/90000\n"
    "a=rtpmap:97 H264/90000\n"
    "a=fmtp:97 profile-level-id=42801F\n"
    "a=rtcp-fb:* trr-int 1000\n"
    "a=rtcp-fb:* ccm tmmbr\n"
    "a=rtcp-fb:96 nack pli\n";

// asterisk_offer.sdp
inline constexpr std::string_view kAsteriskOffer =
    "v=0\r\n"
    "o=- 1597857337 1597857339 IN IP4 192.168.1.10\r\n"
    "s=Asterisk\r\n"
    "c=IN IP4 192.168.1.10\r\n"
    "t=0 0\r\n"
    "m=audio 13624 RTP/AVP 0 8 9 101\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:8 PCMA/8000\r\n"
    "a=rtpmap:9 G722/8000\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-16\r\n"
    "a=ptime:20\r\n"
    "a=maxptime:150\r\n"
    "a=sendrecv\r\n";

// polycom_offer.sdp
inline constexpr std::string_view kPolycomOffer =
    "v=0\r\n"
    "o=- 1719251862 1719251862 IN IP4 10.0.0.50\r\n"
    "s=Polycom IP Phone\r\n"
    "c=IN IP4 10.0.0.50\r\n"
    "t=0 0\r\n"
    "a=sendrecv\r\n"
    "m=audio 2222 RTP/AVP 9 0 8 18 127\r\n"
    "a=rtpmap:9 G722/8000\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:8 PCMA/8000\r\n"
    "a=rtpmap:18 G729/8000\r\n"
    "a=fmtp:18 annexb=no\r\n"
    "a=rtpmap:127 telephone-event/8000\r\n";

// webrtc_offer.sdp
inline constexpr std::string_view kWebrtcOffer =
    "v=0\r\n"
    "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"
    "s=-\r\n"
    "t=0 0\r\n"
    "a=group:BUNDLE 0 1\r\n"
    "a=extmap-allow-mixed\r\n"
    "a=msid-semantic: WMS stream1\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\n"
    "c=IN IP4 0.0.0.0\r\n"
    "a=rtcp:9 IN IP4 0.0.0.0\r\n"
    "a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0\r\n"
    "a=ice-ufrag:Oyef\r\n"
    "a=ice-pwd:7kD5MUKnB6e4R6nKa2tXrLLN\r\n"
    "a=ice-options:trickle\r\n"
    "a=fingerprint:sha-256 "
    "49:66:12:17:0D:1C:91:AE:57:4C:C6:36:DD:D5:97:D2:7D:62:C9:9A:7F:B9:A3:F7:73:BC:3E:8B:5A:50:51:"
    "7A\r\n"
    "a=setup:actpass\r\n"
    "a=mid:0\r\n"
    "a=sendrecv\r\n"
    "a=msid:stream1 track1\r\n"
    "a=rtcp-mux\r\n"
    "a=rtpmap:111 opus/48000/2\r\n"
    "a=rtcp-fb:111 transport-cc\r\n"
    "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
    "a=rtpmap:63 red/48000/2\r\n"
    "a=fmtp:63 111/111\r\n"
    "a=rtpmap:9 G722/8000\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:8 PCMA/8000\r\n"
    "a=rtpmap:13 CN/8000\r\n"
    "a=rtpmap:110 telephone-event/48000\r\n"
    "a=rtpmap:126 telephone-event/8000\r\n"
    "a=ssrc:3570614608 cname:4TOk42mSjXCkVIa6\r\n"
    "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102\r\n"
    "c=IN IP4 0.0.0.0\r\n"
    "a=rtcp:9 IN IP4 0.0.0.0\r\n"
    "a=ice-ufrag:Oyef\r\n"
    "a=ice-pwd:7kD5MUKnB6e4R6nKa2tXrLLN\r\n"
    "a=fingerprint:sha-256 "
    "49:66:12:17:0D:1C:91:AE:57:4C:C6:36:DD:D5:97:D2:7D:62:C9:9A:7F:B9:A3:F7:73:BC:3E:8B:5A:50:51:"
    "7A\r\n"
    "a=setup:actpass\r\n"
    "a=mid:1\r\n"
    "a=sendrecv\r\n"
    "a=rtcp-mux\r\n"
    "a=rtcp-rsize\r\n"
    "a=rtpmap:96 VP8/90000\r\n"
    "a=rtcp-fb:96 nack pli\r\n"
    "a=rtpmap:97 rtx/90000\r\n"
    "a=fmtp:97 apt=96\r\n"
    "a=rtpmap:102 H264/90000\r\n"
    "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f\r\n";

// video_sip_offer.sdp
inline constexpr std::string_view kVideoOffer =
    "v=0\r\n"
    "o=yealink 20 21 IN IP4 172.16.5.33\r\n"
    "s=SDP data\r\n"
    "c=IN IP4 172.16.5.33\r\n"
    "b=AS:2048\r\n"
    "t=0 0\r\n"
    "m=audio 11796 RTP/AVP 9 0 8 18 101\r\n"
    "a=rtpmap:9 G722/8000\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:8 PCMA/8000\r\n"
    "a=rtpmap:18 G729/8000\r\n"
    "a=fmtp:18 annexb=no\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-15\r\n"
    "a=ptime:20\r\n"
    "a=sendrecv\r\n"
    "m=video 11798 RTP/AVP 99 34\r\n"
    "b=TIAS:2048000\r\n"
    "a=rtpmap:99 H264/90000\r\n"
    "a=fmtp:99 profile-level-id=42800d; packetization-mode=0\r\n"
    "a=rtpmap:34 H263/90000\r\n"
    "a=fmtp:34 CIF=1;QCIF=1\r\n"
    "a=rtcp:11799\r\n"
    "a=sendrecv\r\n";

// hold_sendonly.sdp
inline constexpr std::string_view kHoldSendonly =
    "v=0\n"
    "o=- 1366573431 2017937563 IN IP4 192.168.1.2\n"
    "s=-\n"
    "c=IN IP4 192.168.1.2\n"
    "t=0 0\n"
    "m=audio 15534 RTP/AVP 0 8 101\n"
    "a=rtpmap:0 PCMU/8000\n"
    "a=rtpmap:8 PCMA/8000\n"
    "a=rtpmap:101 telephone-event/8000\n"
    "a=fmtp:101 0-15\n"
    "a=sendonly\n";

// hold_zero_address.sdp
inline constexpr std::string_view kHoldZeroAddress =
    "v=0\n"
    "o=Cisco-SIPUA 2278 2 IN IP4 10.1.1.7\n"
    "s=SIP Call\n"
    "c=IN IP4 0.0.0.0\n"
    "t=0 0\n"
    "m=audio 24580 RTP/AVP 0 101\n"
    "a=rtpmap:0 PCMU/8000\n"
    "a=rtpmap:101 telephone-event/8000\n"
    "a=fmtp:101 0-15\n";

// two_audio_streams.sdp
inline constexpr std::string_view kTwoAudioStreams =
    "v=0\r\n"
    "o=user 100 100 IN IP4 198.51.100.7\r\n"
    "s=-\r\n"
    "c=IN IP4 198.51.100.7\r\n"
    "t=0 0\r\n"
    "m=audio 40000 RTP/AVP 0 101\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-16\r\n"
    "m=audio 40002 RTP/AVP 8\r\n"
    "a=rtpmap:8 PCMA/8000\r\n"
    "a=inactive\r\n";

// t38_reinvite.sdp
inline constexpr std::string_view kT38Offer =
    "v=0\r\n"
    "o=- 3000 3001 IN IP4 203.0.113.9\r\n"
    "s=-\r\n"
    "c=IN IP4 203.0.113.9\r\n"
    "t=0 0\r\n"
    "m=image 4000 udptl t38\r\n"
    "a=T38FaxVersion:0\r\n"
    "a=T38MaxBitRate:14400\r\n"
    "a=T38FaxRateManagement:transferredTCF\r\n"
    "a=T38FaxMaxBuffer:1024\r\n"
    "a=T38FaxMaxDatagram:238\r\n"
    "a=T38FaxUdpEC:t38UDPRedundancy\r\n";

// ipv6_offer.sdp
inline constexpr std::string_view kIpv6Offer =
    "v=0\n"
    "o=- 42 42 IN IP6 ::1\n"
    "s=-\n"
    "c=IN IP6 ::1\n"
    "t=0 0\n"
    "m=audio 5004 RTP/AVP 0 8 96\n"
    "a=rtpmap:96 telephone-event/8000\n"
    "a=fmtp:96 0-16\n"
    "a=rtcp:5005 IN IP6 ::1\n";

// static_no_rtpmap.sdp
inline constexpr std::string_view kStaticNoRtpmap =
    "v=0\n"
    "o=root 5555 5555 IN IP4 10.10.10.10\n"
    "s=call\n"
    "i=A call with static payload types only\n"
    "u=http://example.com/call\n"
    "e=ops@example.com\n"
    "p=+1 555 0100\n"
    "c=IN IP4 10.10.10.10/127\n"
    "b=CT:128\n"
    "t=3034423619 3042462419\n"
    "r=604800 3600 0 90000\n"
    "z=2882844526 -1h\n"
    "m=audio 49170/2 RTP/AVP 0 3 4 18\n"
    "i=main audio\n"
    "k=prompt\n"
    "a=ptime:30\n"
    "y=unknown line type\n";

inline constexpr std::array kAllSamples{
    kBaresipOffer, kLinphoneOffer,   kAsteriskOffer,   kPolycomOffer, kWebrtcOffer, kVideoOffer,
    kHoldSendonly, kHoldZeroAddress, kTwoAudioStreams, kT38Offer,     kIpv6Offer,   kStaticNoRtpmap,
};

}  // namespace sb::media::sdptest
