#include "sip/dialog/dialog.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sb::sip {

namespace {

/// The address as written minus its tag parameter (the tags live in DialogId).
std::string withoutTag(const NameAddr& address) {
  std::string out;
  if (!address.displayName.empty()) {
    out += address.displayQuoted ? fmt::format("\"{}\" ", address.displayName)
                                 : fmt::format("{} ", address.displayName);
  }
  out += fmt::format("<{}>", address.uri.raw);
  address.params.forEach([&out](const Param& param) {
    if (param.name.size() == 3 && (param.name[0] | 0x20) == 't' && (param.name[1] | 0x20) == 'a' &&
        (param.name[2] | 0x20) == 'g') {
      return;
    }
    out += ';';
    out += param.name;
    if (param.hasValue) {
      out += '=';
      out += param.value;
    }
  });
  return out;
}

bool isTargetRefresh(std::string_view method) {
  return method == "INVITE" || method == "UPDATE" || method == "SUBSCRIBE" || method == "NOTIFY" ||
         method == "REFER";
}

}  // namespace

std::string DialogId::key() const {
  std::string out;
  out.reserve(callId.size() + localTag.size() + remoteTag.size() + 2);
  out.append(callId).push_back('\n');
  out.append(localTag).push_back('\n');
  out.append(remoteTag);
  return out;
}

std::string dialogKeyOfRequest(const Message& request) {
  auto to = request.to();
  auto from = request.from();
  if (!to || !from) {
    return {};
  }
  return DialogId{std::string(request.callId()), std::string(to->tag()), std::string(from->tag())}
      .key();
}

std::optional<Dialog> Dialog::asUas(const Message& request, std::string localTag,
                                    std::string localContact, Flow flow) {
  auto from = request.from();
  auto to = request.to();
  auto cseq = request.cseq();
  auto contacts = request.contacts();
  if (!from || !to || !cseq || contacts.size() != 1 || contacts.front().wildcard) {
    return std::nullopt;
  }
  Dialog dialog;
  dialog.id_ = {std::string(request.callId()), std::move(localTag), std::string(from->tag())};
  dialog.localUri_ = withoutTag(*to);
  dialog.remoteUri_ = withoutTag(*from);
  dialog.remoteTarget_ = std::string(contacts.front().uri.raw);
  for (const auto& route : request.recordRoutes()) {
    dialog.routeSet_.emplace_back(route.raw);
  }
  dialog.remoteSeq_ = cseq->number;
  dialog.localContact_ = std::move(localContact);
  dialog.flow_ = std::move(flow);
  return dialog;
}

std::optional<Dialog> Dialog::asUac(const Message& request, const Message& response,
                                    std::string localContact, Flow flow) {
  auto from = request.from();
  auto to = response.to();
  auto cseq = request.cseq();
  if (!from || !to || !cseq || to->tag().empty()) {
    return std::nullopt;
  }
  Dialog dialog;
  dialog.id_ = {std::string(request.callId()), std::string(from->tag()), std::string(to->tag())};
  dialog.localUri_ = withoutTag(*from);
  dialog.remoteUri_ = withoutTag(*to);
  auto contacts = response.contacts();
  // A 2xx without Contact is broken; fall back to the Request-URI so BYE still goes somewhere.
  dialog.remoteTarget_ = contacts.size() == 1 && !contacts.front().wildcard
                             ? std::string(contacts.front().uri.raw)
                             : std::string(request.requestUri().raw);
  auto routes = response.recordRoutes();
  for (auto it = routes.rbegin(); it != routes.rend(); ++it) {
    dialog.routeSet_.emplace_back(it->raw);
  }
  dialog.localSeq_ = cseq->number;
  dialog.localContact_ = std::move(localContact);
  dialog.flow_ = std::move(flow);
  return dialog;
}

std::optional<Message> Dialog::makeRequest(std::string_view method,
                                           std::optional<std::uint32_t> cseqOverride,
                                           unsigned maxForwards) {
  // Loose routing (lr) is assumed of every proxy in the route set, as all RFC 3261 proxies do.
  auto request = Message::makeRequest(method, remoteTarget_);
  if (!request) {
    return std::nullopt;
  }
  std::uint32_t seq;
  if (cseqOverride) {
    seq = *cseqOverride;
  } else {
    seq = ++localSeq_;
  }
  for (const auto& route : routeSet_) {
    request->addHeader("Route", route);
  }
  request->addHeader("Max-Forwards", std::to_string(maxForwards));
  request->addHeader("From", fmt::format("{};tag={}", localUri_, id_.localTag));
  request->addHeader("To", id_.remoteTag.empty()
                               ? remoteUri_
                               : fmt::format("{};tag={}", remoteUri_, id_.remoteTag));
  request->addHeader("Call-ID", id_.callId);
  request->addHeader("CSeq", fmt::format("{} {}", seq, method));
  if (isTargetRefresh(method) && !localContact_.empty()) {
    request->addHeader("Contact", fmt::format("<{}>", localContact_));
  }
  return request;
}

bool Dialog::acceptRemoteSeq(const Message& request) {
  const Method method = request.method();
  if (method == Method::Ack || method == Method::Cancel) {
    return true;
  }
  auto cseq = request.cseq();
  if (!cseq) {
    return false;
  }
  if (remoteSeq_ && cseq->number <= *remoteSeq_) {
    return false;
  }
  remoteSeq_ = cseq->number;
  return true;
}

void Dialog::refreshTarget(const Message& message) {
  auto contacts = message.contacts();
  if (contacts.size() == 1 && !contacts.front().wildcard) {
    remoteTarget_ = std::string(contacts.front().uri.raw);
  }
}

}  // namespace sb::sip
