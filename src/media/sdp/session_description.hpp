#pragma once
// An SDP body (RFC 4566) as data: parse() turns text into it, serialize() back. Lines the model
// has no field for are kept, in order, so a parsed body serializes to an equivalent one.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::media {

/// Limits that keep parsing bounded on hostile input.
inline constexpr std::size_t kSdpMaxSize = 64 * 1024;
inline constexpr std::size_t kSdpMaxLines = 2048;
inline constexpr std::size_t kSdpMaxLineLength = 4096;
inline constexpr std::size_t kSdpMaxStreams = 64;
inline constexpr std::size_t kSdpMaxFormats = 128;

/// The media direction attributes (RFC 3264 §5.1).
enum class MediaDirection { SendRecv, SendOnly, RecvOnly, Inactive };

/// "sendrecv", "sendonly", "recvonly" or "inactive".
std::string_view directionName(MediaDirection d);
/// The direction an attribute name stands for, if it is one.
std::optional<MediaDirection> parseDirection(std::string_view name);

/// A line the model keeps as text: its type letter and its value.
struct SdpLine {
  char type = 0;
  std::string value;
  bool operator==(const SdpLine&) const = default;
};

/// a=name[:value]; value is absent for property attributes such as a=sendrecv.
struct Attribute {
  std::string name;
  std::optional<std::string> value;
  bool operator==(const Attribute&) const = default;
};

/// o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
struct Origin {
  std::string username = "-";
  std::string sessionId = "0";
  std::string sessionVersion = "0";
  std::string netType = "IN";
  std::string addrType = "IP4";
  std::string address = "0.0.0.0";
  bool operator==(const Origin&) const = default;
};

/// c=<nettype> <addrtype> <connection-address> (the address may carry /ttl for multicast).
struct Connection {
  std::string netType = "IN";
  std::string addrType = "IP4";
  std::string address;

  /// True for the RFC 2543 hold address 0.0.0.0 (and the IPv6 "::").
  bool isHoldAddress() const { return address == "0.0.0.0" || address == "::"; }
  bool operator==(const Connection&) const = default;
};

/// a=rtpmap:<pt> <encoding>/<clock>[/<channels>]
struct Rtpmap {
  int payloadType = -1;
  std::string encoding;
  unsigned clockRate = 0;
  unsigned channels = 1;
};

/// One m= section.
struct MediaDescription {
  std::string type;  ///< "audio", "video", "image", "text", "application"...
  uint16_t port = 0;
  unsigned portCount = 1;  ///< The /<number of ports> suffix (1 when absent).
  std::string proto;       ///< "RTP/AVP", "RTP/SAVPF", "udptl"...
  std::vector<std::string> formats;
  std::optional<std::string> title;  ///< i=
  std::optional<Connection> connection;
  std::vector<std::string> bandwidths;  ///< b= values ("AS:64").
  std::vector<SdpLine> otherLines;      ///< k= and unknown lines, in order.
  std::vector<Attribute> attributes;

  /// The first attribute with this name (case-insensitive), or nullptr.
  const Attribute* attribute(std::string_view name) const;
  bool hasAttribute(std::string_view name) const { return attribute(name) != nullptr; }
  /// The rtpmap of a payload type, if present and well formed.
  std::optional<Rtpmap> rtpmap(int pt) const;
  /// The fmtp parameters of a payload type ("0-16"), if present.
  std::optional<std::string> fmtp(int pt) const;
  /// a=ptime in ms, if present and numeric.
  std::optional<unsigned> ptime() const;
  /// a=maxptime in ms, if present and numeric.
  std::optional<unsigned> maxptime() const;
  /// The direction attribute of this section, if it has one.
  std::optional<MediaDirection> direction() const;
  /// The port of a=rtcp (RFC 3605), if present.
  std::optional<uint16_t> rtcpPort() const;

  bool operator==(const MediaDescription&) const = default;
};

/// A whole SDP body.
struct SessionDescription {
  unsigned version = 0;
  Origin origin;
  std::string sessionName = "-";
  std::vector<SdpLine> descriptionLines;  ///< i=, u=, e=, p= in order.
  std::optional<Connection> connection;
  std::vector<std::string> bandwidths;  ///< b= values.
  std::string timing = "0 0";           ///< The first t= line.
  std::vector<SdpLine> timeLines;       ///< Further t=, r=, z=, k= lines in order.
  std::vector<Attribute> attributes;
  std::vector<SdpLine> otherLines;  ///< Unknown session-level lines, in order.
  std::vector<MediaDescription> media;

  /// Parses an SDP body. Accepts LF or CRLF line ends and trailing blanks; rejects a body not
  /// starting with v=, malformed o=/c=/m= lines, bad ports, control characters, more than
  /// kSdpMaxStreams m= lines and bodies beyond the size limits. On failure sets *error.
  static std::optional<SessionDescription> parse(std::string_view text,
                                                 std::string* error = nullptr);

  /// The body as text with CRLF line ends, lines in RFC 4566 order.
  std::string serialize() const;

  /// The first session-level attribute with this name (case-insensitive), or nullptr.
  const Attribute* attribute(std::string_view name) const;
  /// A stream's direction: its own attribute, else the session's, else sendrecv.
  MediaDirection direction(const MediaDescription& m) const;
  /// A stream's connection: its own c=, else the session's, else nullptr.
  const Connection* effectiveConnection(const MediaDescription& m) const;

  bool operator==(const SessionDescription&) const = default;
};

}  // namespace sb::media
