#include "sip/dns/types.hpp"

namespace sb::sip::dns {

std::string_view toString(Status status) {
  switch (status) {
    case Status::ok:
      return "ok";
    case Status::notFound:
      return "not found";
    case Status::noData:
      return "no data";
    case Status::unavailable:
      return "unavailable";
    case Status::invalid:
      return "invalid";
  }
  return "?";
}

std::string_view toString(RecordType type) {
  switch (type) {
    case RecordType::a:
      return "A";
    case RecordType::aaaa:
      return "AAAA";
    case RecordType::srv:
      return "SRV";
    case RecordType::naptr:
      return "NAPTR";
  }
  return "?";
}

std::string_view toString(Transport transport) {
  switch (transport) {
    case Transport::udp:
      return "UDP";
    case Transport::tcp:
      return "TCP";
    case Transport::tls:
      return "TLS";
  }
  return "?";
}

std::optional<boost::asio::ip::address> parseIpLiteral(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(std::string(host), ec);
  if (ec)
    return std::nullopt;
  return address;
}

std::uint16_t defaultPort(Transport transport) {
  return transport == Transport::tls ? 5061 : 5060;
}

}  // namespace sb::sip::dns
