#pragma once
/// @file
/// Time lengths as applications take them (Asterisk's ast_app_parse_timelen): a number,
/// possibly with a fraction, and an optional unit h, m, s or ms (any case).

#include <optional>
#include <string_view>

namespace sb::pbx {

/// The unit of a length written without one.
enum class TimeUnit { Milliseconds, Seconds, Minutes, Hours };

/// `text` in milliseconds (truncated; capped at INT_MAX); std::nullopt when it does not start
/// with a number or has an unknown unit. Leading blanks are skipped.
std::optional<int> parseTimeLength(std::string_view text, TimeUnit unit);

}  // namespace sb::pbx
