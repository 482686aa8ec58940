#pragma once
/// @file
/// Rewriting the connection addresses of an SDP body (pjsip.conf external_media_address).

#include <functional>
#include <string>
#include <string_view>

namespace sb::media {

/// `sdp` with the address of every "c=IN IP4|IP6 address" line for which `replace(address)`
/// is true set to `external` (with IP4 or IP6 to match it, a name counting as IP4); any TTL
/// or count suffix and every other byte are kept.
std::string withConnectionAddress(std::string_view sdp, std::string_view external,
                                  const std::function<bool(std::string_view)>& replace);

}  // namespace sb::media
