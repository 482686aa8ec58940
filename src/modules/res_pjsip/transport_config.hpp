#pragma once
/// @file
/// `type=transport` in pjsip.conf: Asterisk's options and defaults.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/store/object_type.hpp"

namespace sb::modules::res_pjsip {

enum class TransportProtocol { Udp, Tcp, Tls, Ws, Wss, Flow };
enum class TlsMethod {
  Default,
  Unspecified,
  TlsV1,
  TlsV1_1,
  TlsV1_2,
  TlsV1_3,
  SslV2,
  SslV3,
  SslV23
};

struct TransportConfig : store::Object {
  TransportProtocol protocol = TransportProtocol::Udp;
  std::string bind;  ///< as written; validated as ip[:port] / [v6][:port]
  std::string bindHost;
  std::uint16_t bindPort = 0;  ///< 0: the protocol's default
  std::string externalSignalingAddress;
  unsigned externalSignalingPort = 0;
  std::string externalSignalingHostname;
  std::string externalMediaAddress;
  std::vector<std::string> localNet;
  std::string domain;
  std::string certFile;
  std::string privKeyFile;
  std::string caListFile;
  std::string caListPath;
  std::string password;
  std::vector<std::string> cipher;
  TlsMethod method = TlsMethod::Default;
  bool verifyServer = false;
  bool verifyClient = false;
  bool requireClientCert = false;
  bool allowWildcardCerts = false;
  unsigned tos = 0;
  unsigned cos = 0;
  bool symmetricTransport = false;
  bool tcpKeepaliveEnable = false;
  unsigned tcpKeepaliveIdleTime = 30;
  unsigned tcpKeepaliveIntervalTime = 10;
  unsigned tcpKeepaliveProbeCount = 5;
  unsigned websocketWriteTimeout = 100;
  bool allowReload = false;
  unsigned asyncOperations = 1;

  /// "udp", "tcp", ... as Asterisk prints it.
  std::string protocolName() const;
  /// The port actually bound: bindPort or 5060 (5061 for TLS).
  std::uint16_t effectivePort() const;
};

std::shared_ptr<const store::ObjectTypeBase> transportType();

/// Parses a DSCP value as Asterisk's tos options accept it: a number (0-255) or a name
/// (cs0-cs7, af11-af43, ef, lowdelay, throughput, reliability, mincost).
Result<unsigned> parseTos(std::string_view text);

}  // namespace sb::modules::res_pjsip
