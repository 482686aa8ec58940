#pragma once
/// @file
/// TLS settings of a transport (pjsip.conf's names) and the OpenSSL context built from them.

#include <boost/asio/ssl/context.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace sb::sip {

enum class TlsVersion { Default, TlsV1, TlsV1_1, TlsV1_2, TlsV1_3 };

struct TlsSettings {
  std::string certFile;
  std::string keyFile;
  std::string caFile;
  std::string caPath;
  std::string password;
  std::string ciphers;  ///< OpenSSL cipher list, ":"-separated; empty: OpenSSL's default
  TlsVersion version = TlsVersion::Default;
  bool verifyClient = false;
  bool requireClientCert = false;
  bool verifyServer = false;
  /// A digest of the certificate and key files' contents, so that a reload notices a
  /// renewed certificate written over the same file names.
  std::string contentDigest;

  friend bool operator==(const TlsSettings&, const TlsSettings&) = default;
};

/// Builds a context for both accepting and connecting. nullptr and `error` on failure
/// (unreadable files, key not matching the certificate, bad cipher list).
std::shared_ptr<boost::asio::ssl::context> makeTlsContext(const TlsSettings& settings,
                                                          std::string& error);

/// SHA-256 over the files' contents (missing files count as empty). Blocking file reads.
std::string digestFiles(const std::vector<std::filesystem::path>& files);

/// Writes a self-signed certificate and its private key (EC P-256, 10 years, CN=commonName)
/// unless both files already exist. Returns false with `error` on failure.
bool ensureSelfSignedCertificate(const std::filesystem::path& certFile,
                                 const std::filesystem::path& keyFile,
                                 const std::string& commonName, std::string& error);

}  // namespace sb::sip
