#pragma once
/// @file
/// How Asterisk writes an endpoint's values back as text: caller id (ast_callerid_split and
/// ast_callerid_merge), call groups (ast_print_group) and codecs (ast_format_cap_get_names).
/// `pjsip show endpoint`, the chan_sip listings and the dialplan functions share them.

#include <string>
#include <string_view>

#include "media/codec/codec_prefs.hpp"

namespace sb::modules::res_pjsip {

struct EndpointConfig;

/// A caller id split into its parts; either may be empty.
struct CallerIdParts {
  std::string name;
  std::string number;
};

/// ast_callerid_split: `"Alice" <100>`, `Alice <100>`, `"Alice"`, `Alice` or `100` (a text
/// made only of dial characters once ( ) - . and blanks are dropped is a number).
CallerIdParts splitCallerId(std::string_view text);

/// ast_callerid_merge of the split parts: `"name" <number>`, `name`, `number`, or `unknown`
/// when both are empty.
std::string mergedCallerId(std::string_view text, std::string_view unknown);

/// ast_print_group: the groups of "1,3-5" as "1, 3, 4, 5" (items that are not groups are
/// skipped).
std::string printedGroups(std::string_view groups);

/// The endpoint's allowed codecs from its allow/disallow lines in file order.
media::CodecPrefs endpointCodecs(const EndpointConfig& endpoint);

}  // namespace sb::modules::res_pjsip
