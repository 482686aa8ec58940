#include "modules/res_pjsip/transport_config.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <map>

#include "core/store/options.hpp"

namespace sb::modules::res_pjsip {
namespace {

using T = TransportConfig;

/// `ip`, `ip:port`, `[v6]`, `[v6]:port`, or a bare IPv6 address.
Result<std::pair<std::string, std::uint16_t>> parseBind(std::string_view text) {
  text = store::trimmed(text);
  std::string host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) {
      return Error{"missing ']' in IPv6 address"};
    }
    host = std::string(text.substr(1, close - 1));
    const auto rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') {
        return Error{"expected ':port' after ']'"};
      }
      port = rest.substr(1);
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    const auto colon = text.find(':');
    host = std::string(text.substr(0, colon));
    port = text.substr(colon + 1);
  } else {
    host = std::string(text);  // IPv4 without port, or IPv6 without brackets or port
  }
  boost::system::error_code error;
  boost::asio::ip::make_address(host, error);
  if (error) {
    return Error{"'" + host + "' is not an IP address"};
  }
  std::uint16_t number = 0;
  if (!port.empty()) {
    auto parsed = store::parseUnsigned(port, 1, 65535);
    if (!parsed) {
      return Error{"bad port: " + parsed.error().message};
    }
    number = static_cast<std::uint16_t>(*parsed);
  }
  return std::make_pair(host, number);
}

Result<void> validate(const T& transport) {
  if (transport.protocol != TransportProtocol::Flow && transport.bind.empty()) {
    return Error{"bind is required (e.g. bind=0.0.0.0:5060)"};
  }
  if (transport.cos > 7) {
    return Error{"cos must be between 0 and 7"};
  }
  return {};
}

}  // namespace

Result<unsigned> parseTos(std::string_view text) {
  static const std::map<std::string, unsigned> kNames{
      {"cs0", 0x00},     {"cs1", 0x20},      {"cs2", 0x40},        {"cs3", 0x60},
      {"cs4", 0x80},     {"cs5", 0xa0},      {"cs6", 0xc0},        {"cs7", 0xe0},
      {"af11", 0x28},    {"af12", 0x30},     {"af13", 0x38},       {"af21", 0x48},
      {"af22", 0x50},    {"af23", 0x58},     {"af31", 0x68},       {"af32", 0x70},
      {"af33", 0x78},    {"af41", 0x88},     {"af42", 0x90},       {"af43", 0x98},
      {"ef", 0xb8},      {"lowdelay", 0x10}, {"throughput", 0x08}, {"reliability", 0x04},
      {"mincost", 0x02},
  };
  std::string lowered(store::trimmed(text));
  for (auto& c : lowered) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (auto found = kNames.find(lowered); found != kNames.end()) {
    return found->second;
  }
  auto number = store::parseUnsigned(lowered, 0, 255);
  if (!number) {
    return Error{"expected a number from 0 to 255 or a DSCP name such as ef, af41 or cs3"};
  }
  return static_cast<unsigned>(*number);
}

std::string TransportConfig::protocolName() const {
  switch (protocol) {
    case TransportProtocol::Udp:
      return "udp";
    case TransportProtocol::Tcp:
      return "tcp";
    case TransportProtocol::Tls:
      return "tls";
    case TransportProtocol::Ws:
      return "ws";
    case TransportProtocol::Wss:
      return "wss";
    case TransportProtocol::Flow:
      return "flow";
  }
  return "udp";
}

std::uint16_t TransportConfig::effectivePort() const {
  if (bindPort != 0) {
    return bindPort;
  }
  return protocol == TransportProtocol::Tls || protocol == TransportProtocol::Wss ? 5061 : 5060;
}

std::shared_ptr<const store::ObjectTypeBase> transportType() {
  namespace opt = store::opt;
  std::vector<store::Option<T>> options{
      opt::enumeration(&T::protocol, "protocol", "udp", "Protocol to use for SIP traffic.",
                       {{"udp", TransportProtocol::Udp},
                        {"tcp", TransportProtocol::Tcp},
                        {"tls", TransportProtocol::Tls},
                        {"ws", TransportProtocol::Ws},
                        {"wss", TransportProtocol::Wss},
                        {"flow", TransportProtocol::Flow}}),
      opt::custom<T>(
          "bind", "ip[:port]", "",
          "IP address and optional port to bind to (0.0.0.0, ::, [2001:db8::1]:5070).",
          [](T& t, std::string_view value) -> Result<void> {
            auto parsed = parseBind(value);
            if (!parsed) {
              return parsed.error();
            }
            t.bind = std::string(store::trimmed(value));
            t.bindHost = parsed->first;
            t.bindPort = parsed->second;
            return {};
          },
          [](const T& t) { return t.bind; }),
      opt::string(&T::externalSignalingAddress, "external_signaling_address", "",
                  "External address for SIP signalling, used towards addresses outside local_net."),
      opt::uint(&T::externalSignalingPort, "external_signaling_port", "0",
                "External port for SIP signalling.", 0, 65535),
      opt::string(&T::externalSignalingHostname, "external_signaling_hostname", "",
                  "Hostname to put in Via and Contact instead of the external address."),
      opt::string(&T::externalMediaAddress, "external_media_address", "",
                  "External address for media (SDP) towards addresses outside local_net."),
      opt::list(&T::localNet, "local_net", "", "Network (CIDR) considered local; repeatable."),
      opt::string(&T::domain, "domain", "", "Domain the transport comes from."),
      opt::string(&T::certFile, "cert_file", "", "Certificate file (PEM) for TLS."),
      opt::string(&T::privKeyFile, "priv_key_file", "", "Private key file (PEM) for TLS."),
      opt::string(&T::caListFile, "ca_list_file", "",
                  "File of CA certificates for TLS verification."),
      opt::string(&T::caListPath, "ca_list_path", "",
                  "Folder of CA certificates for TLS verification."),
      opt::string(&T::password, "password", "", "Password for the TLS private key.")
          .flag(store::kSensitive),
      opt::list(&T::cipher, "cipher", "", "OpenSSL cipher names to allow for TLS."),
      opt::enumeration(&T::method, "method", "", "TLS protocol version.",
                       {{"default", TlsMethod::Default},
                        {"unspecified", TlsMethod::Unspecified},
                        {"tlsv1", TlsMethod::TlsV1},
                        {"tlsv1_1", TlsMethod::TlsV1_1},
                        {"tlsv1_2", TlsMethod::TlsV1_2},
                        {"tlsv1_3", TlsMethod::TlsV1_3},
                        {"sslv2", TlsMethod::SslV2},
                        {"sslv3", TlsMethod::SslV3},
                        {"sslv23", TlsMethod::SslV23}}),
      opt::boolean(&T::verifyServer, "verify_server", "no",
                   "Verify the server's certificate (outgoing TLS)."),
      opt::boolean(&T::verifyClient, "verify_client", "no",
                   "Verify clients' certificates (incoming TLS)."),
      opt::boolean(&T::requireClientCert, "require_client_cert", "no",
                   "Require a client certificate (incoming TLS)."),
      opt::boolean(&T::allowWildcardCerts, "allow_wildcard_certs", "no",
                   "Accept wildcard certificates when verifying the server."),
      opt::custom<T>(
          "tos", "DSCP", "0",
          "DSCP/TOS value for SIP packets (number or name such as ef, af41, cs3).",
          [](T& t, std::string_view value) -> Result<void> {
            auto parsed = parseTos(value);
            if (!parsed) {
              return parsed.error();
            }
            t.tos = *parsed;
            return {};
          },
          [](const T& t) { return std::to_string(t.tos); }),
      opt::uint(&T::cos, "cos", "0", "802.1p class of service for SIP packets (0-7).", 0, 7),
      opt::boolean(
          &T::symmetricTransport, "symmetric_transport", "no",
          "Requests to contacts that registered over this transport leave over it (the contact "
          "carries x-ast-txp=<transport>)."),
      opt::boolean(&T::tcpKeepaliveEnable, "tcp_keepalive_enable", "no",
                   "Enable TCP keepalive probes."),
      opt::uint(&T::tcpKeepaliveIdleTime, "tcp_keepalive_idle_time", "30",
                "Seconds of idleness before keepalive probes start.", 1, 86400),
      opt::uint(&T::tcpKeepaliveIntervalTime, "tcp_keepalive_interval_time", "10",
                "Seconds between keepalive probes.", 1, 86400),
      opt::uint(&T::tcpKeepaliveProbeCount, "tcp_keepalive_probe_count", "5",
                "Unanswered probes before the connection is dropped.", 1, 100),
      opt::uint(&T::websocketWriteTimeout, "websocket_write_timeout", "100",
                "Milliseconds a WebSocket write may block before the connection is dropped.", 1,
                600000),
      opt::boolean(&T::allowReload, "allow_reload", "no",
                   "Accepted for compatibility: Switchboard reloads transports without dropping "
                   "connections."),
      opt::uint(&T::asyncOperations, "async_operations", "1",
                "Accepted for compatibility; no effect.", 1, 1000),
  };
  return std::make_shared<store::ObjectType<T>>(
      "transport", "res_pjsip", "A SIP transport: a protocol bound to an address and port.",
      store::Binding{"config", "pjsip.conf,criteria=type=transport"}, std::move(options), validate);
}

}  // namespace sb::modules::res_pjsip
