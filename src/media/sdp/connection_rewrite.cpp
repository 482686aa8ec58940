#include "media/sdp/connection_rewrite.hpp"

namespace sb::media {

namespace {

bool looksIPv6(std::string_view address) {
  return address.find(':') != std::string_view::npos;
}

/// The rewritten line, or the line itself when it is not a c= line to change.
std::string rewriteLine(std::string_view line, std::string_view external,
                        const std::function<bool(std::string_view)>& replace) {
  constexpr std::string_view kPrefix = "c=IN IP";
  if (line.substr(0, kPrefix.size()) != kPrefix || line.size() < kPrefix.size() + 3 ||
      line[kPrefix.size() + 1] != ' ') {
    return std::string(line);
  }
  const std::string_view rest = line.substr(kPrefix.size() + 2);  // "address[/ttl]"
  const std::size_t slash = rest.find('/');
  const std::string_view address = rest.substr(0, slash);
  if (address.empty() || !replace(address)) {
    return std::string(line);
  }
  std::string out = looksIPv6(external) ? "c=IN IP6 " : "c=IN IP4 ";
  out += external;
  if (slash != std::string_view::npos) {
    out += rest.substr(slash);
  }
  return out;
}

}  // namespace

std::string withConnectionAddress(std::string_view sdp, std::string_view external,
                                  const std::function<bool(std::string_view)>& replace) {
  std::string out;
  out.reserve(sdp.size() + 32);
  std::size_t start = 0;
  while (start < sdp.size()) {
    std::size_t end = sdp.find('\n', start);
    const std::size_t next = end == std::string_view::npos ? sdp.size() : end + 1;
    std::size_t lineEnd = end == std::string_view::npos ? sdp.size() : end;
    if (lineEnd > start && sdp[lineEnd - 1] == '\r') {
      --lineEnd;
    }
    out += rewriteLine(sdp.substr(start, lineEnd - start), external, replace);
    out += sdp.substr(lineEnd, next - lineEnd);  // the line ending as it was
    start = next;
  }
  return out;
}

}  // namespace sb::media
