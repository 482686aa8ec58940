#pragma once
/// @file
/// The client-side credentials of `outbound_auth=`: what a registration or an endpoint
/// answers 401/407 challenges with, built from the named `auth` objects.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/object_set.hpp"
#include "sip/auth/client.hpp"
#include "sip/message/message.hpp"

namespace sb::modules::res_pjsip {

/// Credentials of each `auth` in `names` (plain password, md5_cred, password_digest HA1s);
/// a name with no such object is skipped with a warning naming `owner`.
std::vector<sip::auth::ClientCredentials> outboundCredentials(const store::ObjectSet& objects,
                                                              const std::vector<std::string>& names,
                                                              std::string_view owner);

/// `request` ready to send again with the answer to the 401/407 `response`, from the
/// outbound_auth of `endpoint` (one-shot: for out-of-dialog requests answered once);
/// std::nullopt when the endpoint has no outbound_auth or the challenge cannot be answered.
std::optional<sip::Message> answeredWithOutboundAuth(const store::ObjectSet& objects,
                                                     const std::string& endpoint,
                                                     const sip::Message& request,
                                                     const sip::Message& response);

}  // namespace sb::modules::res_pjsip
