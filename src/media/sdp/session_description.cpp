// Lookups on a parsed SDP body (attributes, rtpmap, direction, connection).

#include "media/sdp/session_description.hpp"

#include "media/codec/strings.hpp"

namespace sb::media {
namespace {

const Attribute* findAttribute(const std::vector<Attribute>& attrs, std::string_view name) {
  for (const Attribute& a : attrs) {
    if (iequals(a.name, name))
      return &a;
  }
  return nullptr;
}

// The value of "a=<name>:<pt> <rest>" for this payload type.
std::optional<std::string_view> payloadAttribute(const std::vector<Attribute>& attrs,
                                                 std::string_view name, int pt) {
  for (const Attribute& a : attrs) {
    if (!a.value || !iequals(a.name, name))
      continue;
    std::string_view v = *a.value;
    std::size_t end = 0;
    while (end < v.size() && !isBlank(v[end]))
      ++end;
    auto number = parseNumber(v.substr(0, end), 127);
    if (number && static_cast<int>(*number) == pt)
      return trim(v.substr(end));
  }
  return std::nullopt;
}

std::optional<unsigned> numericAttribute(const std::vector<Attribute>& attrs,
                                         std::string_view name) {
  const Attribute* a = findAttribute(attrs, name);
  if (!a || !a->value)
    return std::nullopt;
  // Some phones send "a=ptime:20.0"; only the integer part matters.
  std::string_view v = trim(*a->value);
  v = v.substr(0, v.find('.'));
  auto n = parseNumber(v, 100000);
  if (!n)
    return std::nullopt;
  return static_cast<unsigned>(*n);
}

}  // namespace

std::string_view directionName(MediaDirection d) {
  switch (d) {
    case MediaDirection::SendRecv:
      return "sendrecv";
    case MediaDirection::SendOnly:
      return "sendonly";
    case MediaDirection::RecvOnly:
      return "recvonly";
    case MediaDirection::Inactive:
      return "inactive";
  }
  return "sendrecv";
}

std::optional<MediaDirection> parseDirection(std::string_view name) {
  for (auto d : {MediaDirection::SendRecv, MediaDirection::SendOnly, MediaDirection::RecvOnly,
                 MediaDirection::Inactive}) {
    if (iequals(name, directionName(d)))
      return d;
  }
  return std::nullopt;
}

const Attribute* MediaDescription::attribute(std::string_view name) const {
  return findAttribute(attributes, name);
}

std::optional<Rtpmap> MediaDescription::rtpmap(int pt) const {
  auto value = payloadAttribute(attributes, "rtpmap", pt);
  if (!value)
    return std::nullopt;
  std::string_view v = *value;
  Rtpmap map;
  map.payloadType = pt;
  std::size_t slash = v.find('/');
  if (slash == std::string_view::npos || slash == 0)
    return std::nullopt;
  map.encoding = std::string(trim(v.substr(0, slash)));
  v.remove_prefix(slash + 1);
  slash = v.find('/');
  auto clock = parseNumber(trim(v.substr(0, slash)), 10'000'000);
  if (!clock)
    return std::nullopt;
  map.clockRate = static_cast<unsigned>(*clock);
  if (slash != std::string_view::npos) {
    auto channels = parseNumber(trim(v.substr(slash + 1)), 255);
    if (!channels)
      return std::nullopt;
    map.channels = static_cast<unsigned>(*channels);
  }
  return map;
}

std::optional<std::string> MediaDescription::fmtp(int pt) const {
  auto value = payloadAttribute(attributes, "fmtp", pt);
  if (!value)
    return std::nullopt;
  return std::string(*value);
}

std::optional<unsigned> MediaDescription::ptime() const {
  return numericAttribute(attributes, "ptime");
}

std::optional<unsigned> MediaDescription::maxptime() const {
  return numericAttribute(attributes, "maxptime");
}

std::optional<MediaDirection> MediaDescription::direction() const {
  for (const Attribute& a : attributes) {
    if (auto d = parseDirection(a.name))
      return d;
  }
  return std::nullopt;
}

std::optional<uint16_t> MediaDescription::rtcpPort() const {
  const Attribute* a = attribute("rtcp");
  if (!a || !a->value)
    return std::nullopt;
  std::string_view v = trim(*a->value);
  std::size_t end = 0;
  while (end < v.size() && !isBlank(v[end]))
    ++end;
  auto port = parseNumber(v.substr(0, end), 65535);
  if (!port)
    return std::nullopt;
  return static_cast<uint16_t>(*port);
}

const Attribute* SessionDescription::attribute(std::string_view name) const {
  return findAttribute(attributes, name);
}

MediaDirection SessionDescription::direction(const MediaDescription& m) const {
  if (auto d = m.direction())
    return *d;
  for (const Attribute& a : attributes) {
    if (auto d = parseDirection(a.name))
      return *d;
  }
  return MediaDirection::SendRecv;
}

const Connection* SessionDescription::effectiveConnection(const MediaDescription& m) const {
  if (m.connection)
    return &*m.connection;
  if (connection)
    return &*connection;
  return nullptr;
}

}  // namespace sb::media
