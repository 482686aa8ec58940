#pragma once
/// @file
/// Small locale-independent text helpers shared by the auth code (ASCII only on purpose:
/// header grammar is ASCII and std::tolower depends on the locale).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sb::sip::auth {

/// ASCII lower-casing of one character.
constexpr char asciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

/// ASCII case-insensitive equality.
bool equalsIgnoreCase(std::string_view a, std::string_view b);

/// ASCII lower-cased copy.
std::string toLowerAscii(std::string_view text);

/// True when text is non-empty and only hex digits (either case).
bool isHex(std::string_view text);

/// Lower-case hex of bytes.
std::string toHex(std::span<const std::uint8_t> bytes);

/// Base64url without padding (RFC 4648 §5).
std::string toBase64Url(std::span<const std::uint8_t> bytes);

/// Decodes unpadded base64url; nullopt on any character outside the alphabet or a bad length.
std::optional<std::vector<std::uint8_t>> fromBase64Url(std::string_view text);

}  // namespace sb::sip::auth
