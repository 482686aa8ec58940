#pragma once
/// @file
/// AST_STANDARD_APP_ARGS for a function declaring `count` arguments: the text is split at
/// commas outside (), [] and double quotes, quotes and backslashes are removed, and the last
/// declared argument takes the rest of the text as it is (commas, quotes and all).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pbx/dialplan/app_args.hpp"

namespace sb::modules::chan_pjsip {

/// At most `count` (>= 1) arguments; none for an empty text; a trailing comma before the
/// last argument gives a final empty one.
inline std::vector<std::string> standardArgs(std::string_view data, std::size_t count) {
  return sb::pbx::splitAppArgs(data, ',', count);
}

/// The `index`th argument, or "" when there are fewer.
inline std::string argAt(const std::vector<std::string>& args, std::size_t index) {
  return index < args.size() ? args[index] : std::string();
}

}  // namespace sb::modules::chan_pjsip
