#pragma once
/// @file
/// Base64 (RFC 4648 section 4, the standard alphabet) decoding.

#include <optional>
#include <string>
#include <string_view>

namespace sb::util {

/// The bytes `text` encodes. Padding is optional, but when present it must complete the last
/// group; std::nullopt for any character outside the alphabet (whitespace included), a
/// lone trailing character or misplaced padding.
std::optional<std::string> decodeBase64(std::string_view text);

}  // namespace sb::util
