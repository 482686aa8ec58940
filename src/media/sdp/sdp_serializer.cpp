// SessionDescription::serialize: the model to RFC 4566 text, CRLF line ends.

#include <string>

#include "media/sdp/session_description.hpp"

namespace sb::media {
namespace {

void line(std::string& out, char type, std::string_view value) {
  out += type;
  out += '=';
  out += value;
  out += "\r\n";
}

void writeLines(std::string& out, const std::vector<SdpLine>& ls) {
  for (const SdpLine& l : ls)
    line(out, l.type, l.value);
}

void writeConnection(std::string& out, const Connection& c) {
  line(out, 'c', c.netType + ' ' + c.addrType + ' ' + c.address);
}

void writeAttributes(std::string& out, const std::vector<Attribute>& attrs) {
  for (const Attribute& a : attrs) {
    out += "a=";
    out += a.name;
    if (a.value) {
      out += ':';
      out += *a.value;
    }
    out += "\r\n";
  }
}

void writeMedia(std::string& out, const MediaDescription& m) {
  std::string value = m.type + ' ' + std::to_string(m.port);
  if (m.portCount != 1)
    value += '/' + std::to_string(m.portCount);
  value += ' ' + m.proto;
  for (const std::string& f : m.formats)
    value += ' ' + f;
  line(out, 'm', value);
  if (m.title)
    line(out, 'i', *m.title);
  if (m.connection)
    writeConnection(out, *m.connection);
  for (const std::string& b : m.bandwidths)
    line(out, 'b', b);
  writeLines(out, m.otherLines);
  writeAttributes(out, m.attributes);
}

}  // namespace

std::string SessionDescription::serialize() const {
  std::string out;
  out.reserve(512);
  line(out, 'v', std::to_string(version));
  const Origin& o = origin;
  line(out, 'o',
       o.username + ' ' + o.sessionId + ' ' + o.sessionVersion + ' ' + o.netType + ' ' +
           o.addrType + ' ' + o.address);
  line(out, 's', sessionName);
  writeLines(out, descriptionLines);
  if (connection)
    writeConnection(out, *connection);
  for (const std::string& b : bandwidths)
    line(out, 'b', b);
  line(out, 't', timing);
  writeLines(out, timeLines);
  writeAttributes(out, attributes);
  writeLines(out, otherLines);
  for (const MediaDescription& m : this->media)
    writeMedia(out, m);
  return out;
}

}  // namespace sb::media
