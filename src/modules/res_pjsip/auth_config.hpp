#pragma once
/// @file
/// `type=auth` in pjsip.conf: credentials used to challenge endpoints (endpoint `auth=`) and to
/// answer challenges (`outbound_auth=`). Asterisk's options and defaults.

#include <memory>
#include <string>
#include <vector>

#include "core/store/object_type.hpp"

namespace sb::modules::res_pjsip {

/// `auth_type`: digest (also written userpass or md5, the older names) or google_oauth.
enum class AuthType { Digest, GoogleOauth };

struct AuthConfig : store::Object {
  AuthType authType = AuthType::Digest;
  std::string username;
  std::string password;  ///< plain text
  std::string md5Cred;   ///< md5(username:realm:password), 32 hex digits
  std::string realm;
  /// "ALG:hex" with ALG one of MD5, SHA-256, SHA-512-256 (canonical spelling), hex lower case
  /// of H(username:realm:password).
  std::vector<std::string> passwordDigest;
  unsigned nonceLifetime = 32;                      ///< seconds
  std::vector<std::string> supportedAlgorithmsUas;  ///< empty: global default
  std::vector<std::string> supportedAlgorithmsUac;  ///< empty: global default
  std::string refreshToken;
  std::string oauthClientid;
  std::string oauthSecret;
};

/// The `auth` object type (pjsip.conf type=auth).
std::shared_ptr<const store::ObjectTypeBase> authType();

}  // namespace sb::modules::res_pjsip
