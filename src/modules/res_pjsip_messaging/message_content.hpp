#pragma once
/// @file
/// What MessageSend's `Variable:` items add to the MESSAGE, as res_pjsip_messaging's
/// vars_to_headers and update_content_type do: every item is a header, except those the
/// stack owns (To, From, Via, Route, Contact, Call-ID, CSeq, Allow, Content-Length,
/// Content-Type, Request-URI); `Content-Type` sets the body's type (its type/subtype only;
/// text/plain when absent or unreadable); `Max-Forwards` sets that header one lower (and the
/// MESSAGE is not sent once it would reach zero). Items are message variables: a later item
/// of the same name (case-insensitive) replaces an earlier one's value, an empty value
/// removes it. Pure.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "modules/res_pjsip/outbound/out_of_dialog_request.hpp"

namespace sb::modules::res_pjsip_messaging {

struct MessageContent {
  std::vector<res_pjsip::HeaderLine> headers;  ///< in the order first set
  std::string contentType = "text/plain";
  std::optional<unsigned> maxForwards;
  bool maxForwardsExhausted = false;  ///< do not send
  std::vector<std::string> warnings;  ///< items refused, and why
};

/// Builds the content from `name=value` items in order.
MessageContent buildMessageContent(const std::vector<std::pair<std::string, std::string>>& items);

}  // namespace sb::modules::res_pjsip_messaging
