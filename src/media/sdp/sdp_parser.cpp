// SessionDescription::parse: RFC 4566 text to the model, bounded and strict where it matters.

#include <string>

#include "media/codec/strings.hpp"
#include "media/sdp/session_description.hpp"

namespace sb::media {
namespace {

bool fail(std::string* error, std::string message) {
  if (error)
    *error = std::move(message);
  return false;
}

bool hasControlCharacter(std::string_view line) {
  for (char c : line) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f)
      return true;
  }
  return false;
}

Attribute parseAttribute(std::string_view value) {
  Attribute a;
  std::size_t colon = value.find(':');
  a.name = std::string(trim(value.substr(0, colon)));
  if (colon != std::string_view::npos)
    a.value = std::string(value.substr(colon + 1));
  return a;
}

bool parseOrigin(std::string_view value, Origin& o, std::string* error) {
  auto f = splitBlanks(value);
  if (f.size() != 6)
    return fail(error, "o= line needs 6 fields");
  o = Origin{std::string(f[0]), std::string(f[1]), std::string(f[2]),
             std::string(f[3]), std::string(f[4]), std::string(f[5])};
  return true;
}

bool parseConnection(std::string_view value, std::optional<Connection>& c, std::string* error) {
  if (c)
    return fail(error, "more than one c= line in a section");
  auto f = splitBlanks(value);
  if (f.size() != 3)
    return fail(error, "c= line needs 3 fields");
  c = Connection{std::string(f[0]), std::string(f[1]), std::string(f[2])};
  return true;
}

bool parseMediaLine(std::string_view value, MediaDescription& m, std::string* error) {
  auto f = splitBlanks(value);
  if (f.size() < 4)
    return fail(error, "m= line needs media, port, proto and at least one format");
  if (f.size() - 3 > kSdpMaxFormats)
    return fail(error, "too many formats in m= line");
  m.type = std::string(f[0]);
  std::string_view port = f[1];
  std::size_t slash = port.find('/');
  auto number = parseNumber(port.substr(0, slash), 65535);
  if (!number)
    return fail(error, "bad port in m= line");
  m.port = static_cast<uint16_t>(*number);
  if (slash != std::string_view::npos) {
    auto count = parseNumber(port.substr(slash + 1), 65535);
    if (!count || *count == 0)
      return fail(error, "bad port count in m= line");
    m.portCount = static_cast<unsigned>(*count);
  }
  m.proto = std::string(f[2]);
  for (std::size_t i = 3; i < f.size(); ++i)
    m.formats.emplace_back(f[i]);
  return true;
}

// One line of a media section.
bool parseMediaSectionLine(char type, std::string_view value, MediaDescription& m,
                           std::string* error) {
  switch (type) {
    case 'i':
      if (!m.title) {
        m.title = std::string(value);
        return true;
      }
      break;
    case 'c':
      return parseConnection(value, m.connection, error);
    case 'b':
      m.bandwidths.emplace_back(value);
      return true;
    case 'a':
      m.attributes.push_back(parseAttribute(value));
      return true;
    default:
      break;
  }
  m.otherLines.push_back(SdpLine{type, std::string(value)});
  return true;
}

// One line of the session section (before the first m=).
bool parseSessionLine(char type, std::string_view value, SessionDescription& sdp, bool& haveOrigin,
                      bool& haveName, bool& haveTiming, std::string* error) {
  switch (type) {
    case 'o':
      if (haveOrigin)
        return fail(error, "more than one o= line");
      haveOrigin = true;
      return parseOrigin(value, sdp.origin, error);
    case 's':
      if (haveName)
        return fail(error, "more than one s= line");
      haveName = true;
      sdp.sessionName = std::string(value);
      return true;
    case 'i':
    case 'u':
    case 'e':
    case 'p':
      sdp.descriptionLines.push_back(SdpLine{type, std::string(value)});
      return true;
    case 'c':
      return parseConnection(value, sdp.connection, error);
    case 'b':
      sdp.bandwidths.emplace_back(value);
      return true;
    case 't':
      if (!haveTiming) {
        haveTiming = true;
        sdp.timing = std::string(value);
        return true;
      }
      [[fallthrough]];
    case 'r':
    case 'z':
    case 'k':
      sdp.timeLines.push_back(SdpLine{type, std::string(value)});
      return true;
    case 'a':
      sdp.attributes.push_back(parseAttribute(value));
      return true;
    default:
      sdp.otherLines.push_back(SdpLine{type, std::string(value)});
      return true;
  }
}

}  // namespace

std::optional<SessionDescription> SessionDescription::parse(std::string_view text,
                                                            std::string* error) {
  if (text.size() > kSdpMaxSize) {
    fail(error, "SDP body too large");
    return std::nullopt;
  }
  SessionDescription sdp;
  bool haveVersion = false, haveOrigin = false, haveName = false, haveTiming = false;
  std::size_t lineCount = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (++lineCount > kSdpMaxLines) {
      fail(error, "too many lines");
      return std::nullopt;
    }
    if (line.size() > kSdpMaxLineLength) {
      fail(error, "line too long");
      return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    // Trailing blanks are a common sloppiness; empty lines (often at the end) are skipped.
    while (!line.empty() && isBlank(line.back()))
      line.remove_suffix(1);
    if (line.empty())
      continue;
    if (hasControlCharacter(line)) {
      fail(error, "control character in line");
      return std::nullopt;
    }
    char type = line[0];
    bool letter = (type >= 'a' && type <= 'z') || (type >= 'A' && type <= 'Z');
    if (line.size() < 2 || line[1] != '=' || !letter) {
      fail(error, "line is not <type>=<value>");
      return std::nullopt;
    }
    std::string_view value = line.substr(2);
    if (!haveVersion) {
      auto v = parseNumber(value, 255);
      if (type != 'v' || !v) {
        fail(error, "SDP must start with v=");
        return std::nullopt;
      }
      sdp.version = static_cast<unsigned>(*v);
      haveVersion = true;
      continue;
    }
    if (type == 'v') {
      fail(error, "more than one v= line");
      return std::nullopt;
    }
    bool ok = true;
    if (type == 'm') {
      if (sdp.media.size() >= kSdpMaxStreams) {
        fail(error, "too many m= lines");
        return std::nullopt;
      }
      sdp.media.emplace_back();
      ok = parseMediaLine(value, sdp.media.back(), error);
    } else if (!sdp.media.empty()) {
      ok = parseMediaSectionLine(type, value, sdp.media.back(), error);
    } else {
      ok = parseSessionLine(type, value, sdp, haveOrigin, haveName, haveTiming, error);
    }
    if (!ok)
      return std::nullopt;
  }
  if (!haveVersion) {
    fail(error, "SDP must start with v=");
    return std::nullopt;
  }
  if (!haveOrigin) {
    fail(error, "missing o= line");
    return std::nullopt;
  }
  return sdp;
}

}  // namespace sb::media
