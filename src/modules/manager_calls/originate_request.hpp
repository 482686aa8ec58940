#pragma once
/// @file
/// The headers of AMI Originate turned into a pbx::OriginateRequest, with manager.c's checks
/// and error messages for what can be judged without the PBX. Pure.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modules/manager/ami_message.hpp"
#include "modules/pbx/originate.hpp"

namespace sb::modules::manager_calls {

/// A parsed Originate action.
struct OriginateAction {
  pbx::OriginateRequest request;
  std::string channel;    ///< the Channel: header as given ("PJSIP/alice")
  std::string channelId;  ///< ChannelId:, echoed as Uniqueid when nothing was created
  bool async = false;
  /// The Priority: header when it is a label rather than a number (resolved by the caller
  /// against the dialplan); empty otherwise.
  std::string priorityLabel;
  bool hasPriority = false;  ///< a priority (number or label) was given
};

/// Asterisk's maximum length of an assigned unique id (AST_MAX_PUBLIC_UNIQUEID).
inline constexpr std::size_t kMaxPublicUniqueId = 149;

/// Parses `message`. Returns the error text for `Response: Error` when a header is invalid,
/// nullopt when `out` is filled in.
std::optional<std::string> parseOriginate(const manager::AmiMessage& message, OriginateAction& out);

/// Asterisk's astman_get_variables: every `Variable:` header, each a comma-separated list of
/// `name=value` (a missing `=` gives an empty value).
std::vector<std::pair<std::string, std::string>> parseVariables(const manager::AmiMessage& message);

/// ast_true: yes, true, y, t, 1, on.
bool amiTrue(std::string_view value);

}  // namespace sb::modules::manager_calls
