#pragma once
/// @file
/// pjsip_notify.conf and the NOTIFY payloads built from it or from AMI `Variable:` lines, as
/// Asterisk's res_pjsip_notify reads them. Pure: unit-tested without a SIP stack.
///
///   [clear-mwi]
///   Event=>message-summary
///   Content-type=>application/simple-message-summary
///   Content=>Messages-Waiting: no
///   Content=>
///
/// Each section other than [general] is one notify type; its `Header=value` lines are kept in
/// order. `Content` lines become the body, joined by CRLF; `Content-type` gives the body's
/// type (without it there is no body).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config_file.hpp"

namespace sb::modules::res_pjsip_notify {

/// One `name=value` item: a header, `Content`, or `Content-type`.
struct NotifyItem {
  std::string name;
  std::string value;
};

/// One section of pjsip_notify.conf.
struct NotifyOption {
  std::string name;
  std::vector<NotifyItem> items;
};

/// Every notify type of pjsip_notify.conf.
struct NotifyOptions {
  std::vector<NotifyOption> options;  ///< in file order

  /// The type called `name` (case-insensitive, as Asterisk's container); nullptr if none.
  const NotifyOption* find(std::string_view name) const;
  /// Every type's name, in file order (console completion).
  std::vector<std::string> names() const;
};

/// Builds the notify types of a parsed pjsip_notify.conf: sections except `general` and
/// templates; sections with the same name add to the first.
NotifyOptions parseNotifyConfig(const config::ConfigFile& file);

/// What goes into one NOTIFY besides the dialog headers.
struct NotifyContent {
  std::vector<NotifyItem> headers;         ///< extra headers in order
  std::optional<std::string> contentType;  ///< the body's type; no body without it
  std::string body;                        ///< `Content` lines joined by CRLF
  std::vector<std::string> warnings;       ///< items that were dropped, and why
};

/// Turns items into NOTIFY content as res_pjsip_notify's build_notify does: headers the
/// stack owns (Call-ID, Contact, CSeq, To, From, Record-Route, Route, Request-URI, Via) are
/// refused, a second Event is refused, Content-Length is ignored, Content lines are joined by
/// CRLF and the last Content-type wins. Items whose name is not a header token or whose value
/// holds CR, LF or NUL are refused too, so that nothing can be smuggled into the message.
NotifyContent buildNotifyContent(const std::vector<NotifyItem>& items);

/// The header lines of a NOTIFY carrying `content`, inside a dialog or not: res_pjsip_notify's
/// `Subscription-State: terminated`, then the content's headers in order.
std::vector<NotifyItem> notifyHeaders(const NotifyContent& content);

}  // namespace sb::modules::res_pjsip_notify
