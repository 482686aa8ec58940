// setTelephoneEvent: the body of a DTMF-mode re-offer.

#include "media/sdp/telephone_event.hpp"

#include <algorithm>
#include <set>

#include "media/codec/strings.hpp"
#include "media/sdp/negotiation.hpp"

namespace sb::media {

namespace {

/// The payload type an rtpmap or fmtp value is about ("101 telephone-event/8000" -> "101").
std::string payloadOf(const std::string& value) {
  return value.substr(0, value.find(' '));
}

bool isTelephoneEvent(const MediaDescription& m, const std::string& format) {
  const auto map = m.rtpmap(std::atoi(format.c_str()));
  return map && iequals(map->encoding, "telephone-event");
}

bool addTo(MediaDescription& m) {
  std::set<std::string> used(m.formats.begin(), m.formats.end());
  if (std::any_of(m.formats.begin(), m.formats.end(),
                  [&](const std::string& f) { return isTelephoneEvent(m, f); })) {
    return false;
  }
  int pt = kTelephoneEventPayloadType;
  while (used.count(std::to_string(pt)) != 0 && pt < 127) {
    ++pt;
  }
  if (used.count(std::to_string(pt)) != 0) {
    return false;  // every dynamic payload type is taken
  }
  m.formats.push_back(std::to_string(pt));
  // After the last codec line, where makeOffer puts it.
  MediaDescription added;
  detail::addTelephoneEvent(added, pt, 8000, "0-16");
  auto last = std::find_if(m.attributes.rbegin(), m.attributes.rend(), [](const Attribute& a) {
    return a.name == "rtpmap" || a.name == "fmtp";
  });
  m.attributes.insert(last.base(), added.attributes.begin(), added.attributes.end());
  return true;
}

bool removeFrom(MediaDescription& m) {
  std::set<std::string> events;
  for (const auto& format : m.formats) {
    if (isTelephoneEvent(m, format)) {
      events.insert(format);
    }
  }
  if (events.empty()) {
    return false;
  }
  std::erase_if(m.formats, [&](const std::string& f) { return events.count(f) != 0; });
  std::erase_if(m.attributes, [&](const Attribute& a) {
    return (a.name == "rtpmap" || a.name == "fmtp") && a.value &&
           events.count(payloadOf(*a.value)) != 0;
  });
  return true;
}

}  // namespace

bool setTelephoneEvent(SessionDescription& sdp, bool enable) {
  bool changed = false;
  for (auto& m : sdp.media) {
    if (m.type != "audio" || m.port == 0 || !detail::isPlainRtp(m.proto)) {
      continue;
    }
    changed = (enable ? addTo(m) : removeFrom(m)) || changed;
  }
  return changed;
}

}  // namespace sb::media
