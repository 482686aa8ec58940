#include "modules/res_pjsip/trace/message_summary.hpp"

#include "sip/message/header_names.hpp"
#include "sip/message/text.hpp"

namespace sb::modules::res_pjsip {
namespace {

/// The line starting at `pos` without its CR/LF; `pos` moves past the line end.
std::string_view nextLine(std::string_view bytes, std::size_t& pos) {
  const auto end = bytes.find('\n', pos);
  auto line = bytes.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
  pos = end == std::string_view::npos ? bytes.size() : end + 1;
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  return line;
}

bool readStartLine(std::string_view line, MessageSummary& out) {
  out.firstLine = line;
  const auto first = line.find(' ');
  if (first == std::string_view::npos || first == 0) {
    return false;
  }
  if (line.substr(0, first) == "SIP/2.0") {
    auto rest = line.substr(first + 1);
    const auto space = rest.find(' ');
    out.status = rest.substr(0, space);
    out.reason = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    return out.status.size() == 3 && sip::text::isDigit(out.status[0]);
  }
  const auto last = line.rfind(' ');
  if (last == first || line.substr(last + 1) != "SIP/2.0" ||
      !sip::text::isToken(line.substr(0, first))) {
    return false;
  }
  out.request = true;
  out.method = line.substr(0, first);
  out.requestUri = line.substr(first + 1, last - first - 1);
  return true;
}

}  // namespace

std::string_view MessageSummary::concernedMethod() const {
  if (request) {
    return method;
  }
  const auto space = cseq.find_last_of(" \t");
  return space == std::string_view::npos ? std::string_view() : cseq.substr(space + 1);
}

int MessageSummary::statusCode() const {
  if (request || status.size() != 3) {
    return 0;
  }
  return (status[0] - '0') * 100 + (status[1] - '0') * 10 + (status[2] - '0');
}

std::optional<MessageSummary> summarizeMessage(std::string_view bytes) {
  MessageSummary out;
  std::size_t pos = 0;
  if (!readStartLine(nextLine(bytes, pos), out)) {
    return std::nullopt;
  }
  while (pos < bytes.size()) {
    const auto line = nextLine(bytes, pos);
    if (line.empty()) {
      break;  // the body follows
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || sip::text::isWs(line.front())) {
      continue;  // a folded continuation or a broken line
    }
    const auto id = sip::headerIdFromName(sip::text::trim(line.substr(0, colon)));
    const auto value = sip::text::trim(line.substr(colon + 1));
    if (id == sip::HeaderId::CallId && out.callId.empty()) {
      out.callId = value;
    } else if (id == sip::HeaderId::CSeq && out.cseq.empty()) {
      out.cseq = value;
    } else if (id == sip::HeaderId::RSeq) {
      out.hasRseq = true;
    }
  }
  return out;
}

}  // namespace sb::modules::res_pjsip
