#pragma once
/// @file
/// Digest algorithms of RFC 7616 / RFC 8760 and their header spellings.

#include <optional>
#include <string_view>

namespace sb::sip::auth {

/// A digest algorithm. The "-sess" variants bind HA1 to the nonce and cnonce.
enum class Algorithm { Md5, Md5Sess, Sha256, Sha256Sess };

/// The underlying hash function of an algorithm.
enum class HashFunction { Md5, Sha256 };

/// Header spelling: "MD5", "MD5-sess", "SHA-256", "SHA-256-sess".
std::string_view algorithmName(Algorithm algorithm);

/// Parses an algorithm token case-insensitively; nullopt for anything unknown (e.g. SHA-512-256).
std::optional<Algorithm> parseAlgorithm(std::string_view token);

/// The hash function behind an algorithm.
HashFunction hashFunctionOf(Algorithm algorithm);

/// True for the "-sess" variants.
bool isSessionAlgorithm(Algorithm algorithm);

/// Length in hex characters of a digest produced by the hash function (32 or 64).
std::size_t hexDigestLength(HashFunction hash);

}  // namespace sb::sip::auth
