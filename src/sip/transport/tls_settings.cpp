#include "sip/transport/tls_settings.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace sb::sip {

namespace ssl = boost::asio::ssl;

std::shared_ptr<ssl::context> makeTlsContext(const TlsSettings& settings, std::string& error) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls);
  boost::system::error_code ec;
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                           ssl::context::no_sslv3 | ssl::context::single_dh_use,
                       ec);
  SSL_CTX* native = context->native_handle();
  switch (settings.version) {
    case TlsVersion::Default:
      SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
      break;
    case TlsVersion::TlsV1:
      SSL_CTX_set_min_proto_version(native, TLS1_VERSION);
      SSL_CTX_set_max_proto_version(native, TLS1_VERSION);
      break;
    case TlsVersion::TlsV1_1:
      SSL_CTX_set_min_proto_version(native, TLS1_1_VERSION);
      SSL_CTX_set_max_proto_version(native, TLS1_1_VERSION);
      break;
    case TlsVersion::TlsV1_2:
      SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
      SSL_CTX_set_max_proto_version(native, TLS1_2_VERSION);
      break;
    case TlsVersion::TlsV1_3:
      SSL_CTX_set_min_proto_version(native, TLS1_3_VERSION);
      break;
  }
  if (!settings.password.empty()) {
    const std::string password = settings.password;
    context->set_password_callback(
        [password](std::size_t, ssl::context::password_purpose) { return password; });
  }
  if (!settings.certFile.empty()) {
    context->use_certificate_chain_file(settings.certFile, ec);
    if (ec) {
      error = "cannot load cert_file " + settings.certFile + ": " + ec.message();
      return nullptr;
    }
  }
  if (!settings.keyFile.empty()) {
    context->use_private_key_file(settings.keyFile, ssl::context::pem, ec);
    if (ec) {
      error = "cannot load priv_key_file " + settings.keyFile + ": " + ec.message();
      return nullptr;
    }
    if (SSL_CTX_check_private_key(native) != 1) {
      error =
          "priv_key_file " + settings.keyFile + " does not match cert_file " + settings.certFile;
      return nullptr;
    }
  }
  if (!settings.caFile.empty()) {
    context->load_verify_file(settings.caFile, ec);
    if (ec) {
      error = "cannot load ca_list_file " + settings.caFile + ": " + ec.message();
      return nullptr;
    }
  }
  if (!settings.caPath.empty()) {
    context->add_verify_path(settings.caPath, ec);
    if (ec) {
      error = "cannot use ca_list_path " + settings.caPath + ": " + ec.message();
      return nullptr;
    }
  }
  if (!settings.ciphers.empty() && SSL_CTX_set_cipher_list(native, settings.ciphers.c_str()) != 1) {
    error = "no usable cipher in '" + settings.ciphers + "'";
    return nullptr;
  }
  // Server side: verify_client asks for a certificate, require_client_cert insists on one.
  int mode = ssl::verify_none;
  if (settings.verifyClient || settings.requireClientCert) {
    mode = ssl::verify_peer;
    if (settings.requireClientCert) {
      mode |= ssl::verify_fail_if_no_peer_cert;
    }
  }
  context->set_verify_mode(mode, ec);
  return context;
}

std::string digestFiles(const std::vector<std::filesystem::path>& files) {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_DigestInit_ex(md, EVP_sha256(), nullptr);
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string bytes = content.str();
    EVP_DigestUpdate(md, bytes.data(), bytes.size());
    EVP_DigestUpdate(md, "\0", 1);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(md, digest, &length);
  EVP_MD_CTX_free(md);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

bool ensureSelfSignedCertificate(const std::filesystem::path& certFile,
                                 const std::filesystem::path& keyFile,
                                 const std::string& commonName, std::string& error) {
  std::error_code fsError;
  if (std::filesystem::exists(certFile, fsError) && std::filesystem::exists(keyFile, fsError)) {
    return true;
  }
  std::filesystem::create_directories(certFile.parent_path(), fsError);
  std::filesystem::create_directories(keyFile.parent_path(), fsError);
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* certificate = X509_new();
  bool ok = key != nullptr && certificate != nullptr;
  if (ok) {
    X509_set_version(certificate, 2);
    unsigned char serial[8];
    RAND_bytes(serial, sizeof serial);
    BIGNUM* number = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate));
    BN_free(number);
    X509_gmtime_adj(X509_getm_notBefore(certificate), 0);
    X509_gmtime_adj(X509_getm_notAfter(certificate), 10L * 365 * 24 * 3600);
    X509_set_pubkey(certificate, key);
    X509_NAME* name = X509_get_subject_name(certificate);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("Switchboard"), -1, -1, 0);
    X509_set_issuer_name(certificate, name);
    ok = X509_sign(certificate, key, EVP_sha256()) > 0;
  }
  if (ok) {
    // The key is written owner-only before anything is in it.
    const mode_t previous = ::umask(077);
    FILE* keyOut = std::fopen(keyFile.c_str(), "w");
    ::umask(previous);
    FILE* certOut = std::fopen(certFile.c_str(), "w");
    ok = keyOut != nullptr && certOut != nullptr &&
         PEM_write_PrivateKey(keyOut, key, nullptr, nullptr, 0, nullptr, nullptr) == 1 &&
         PEM_write_X509(certOut, certificate) == 1;
    if (keyOut != nullptr) {
      std::fclose(keyOut);
    }
    if (certOut != nullptr) {
      std::fclose(certOut);
    }
  }
  X509_free(certificate);
  EVP_PKEY_free(key);
  if (!ok) {
    error = "cannot create a self-signed certificate in " + certFile.string();
  }
  return ok;
}

}  // namespace sb::sip
