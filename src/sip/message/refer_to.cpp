#include "sip/message/refer_to.hpp"

#include "sip/message/text.hpp"

namespace sb::sip {

namespace {

/// The address inside "<...>" (name-addr), else the whole value (addr-spec; a URI with a
/// header part is only allowed in name-addr form, but phones send it bare too).
std::string_view addressOf(std::string_view value) {
  value = text::trim(value);
  std::size_t from = 0;
  if (!value.empty() && value.front() == '"') {
    // A quoted display name may itself contain '<'.
    const auto close = text::findClosingQuote(value, 0);
    if (close == std::string_view::npos) {
      return {};
    }
    from = close + 1;
  }
  const auto open = value.find('<', from);
  if (open == std::string_view::npos) {
    return from == 0 ? value : std::string_view();
  }
  const auto close = value.find('>', open);
  if (close == std::string_view::npos) {
    return {};
  }
  return value.substr(open + 1, close - open - 1);
}

}  // namespace

std::optional<ReferTarget> parseReferTo(std::string_view value) {
  const std::string_view address = text::trim(addressOf(value));
  if (address.empty()) {
    return std::nullopt;
  }
  const auto question = address.find('?');
  const std::string_view base = address.substr(0, question);
  const std::string_view headers =
      question == std::string_view::npos ? std::string_view() : address.substr(question + 1);
  auto uri = parseUri(base);
  if (!uri) {
    return std::nullopt;
  }
  ReferTarget out;
  out.scheme = uri->scheme;
  out.uri = std::string(base);
  if (uri->isSip() && uri->hasUser) {
    out.user = text::unescape(uri->user);
  }
  if (auto replaces = uriHeader(headers, "Replaces")) {
    out.replaces = std::move(*replaces);
  } else if (auto param = uri->params.find("Replaces"); param && param->hasValue) {
    out.replaces = text::unescape(param->value);
  }
  return out;
}

}  // namespace sb::sip
