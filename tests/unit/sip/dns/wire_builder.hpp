#pragma once
// Test helper: builds DNS wire-format replies (RFC 1035) for the fake server and the parser
// tests. Deliberately plain: no compression except an optional pointer to the question name.

#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::sip::dns::dnstest {

using Bytes = std::vector<std::uint8_t>;

inline void put16(Bytes& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v & 0xFF));
}

inline void put32(Bytes& out, std::uint32_t v) {
  put16(out, static_cast<std::uint16_t>(v >> 16));
  put16(out, static_cast<std::uint16_t>(v & 0xFFFF));
}

inline void putName(Bytes& out, std::string_view name) {
  while (!name.empty()) {
    auto dot = name.find('.');
    std::string_view label = name.substr(0, dot);
    if (!label.empty()) {
      out.push_back(static_cast<std::uint8_t>(label.size()));
      out.insert(out.end(), label.begin(), label.end());
    }
    if (dot == std::string_view::npos)
      break;
    name.remove_prefix(dot + 1);
  }
  out.push_back(0);
}

inline void putString(Bytes& out, std::string_view text) {
  out.push_back(static_cast<std::uint8_t>(text.size()));
  out.insert(out.end(), text.begin(), text.end());
}

/// One resource record; an empty owner means "the question name" (written as a pointer).
struct Rr {
  std::uint16_t type = 1;
  std::uint32_t ttl = 300;
  Bytes rdata;
  std::string owner;
};

inline Rr aRecord(const std::string& ip, std::uint32_t ttl) {
  auto bytes = boost::asio::ip::make_address_v4(ip).to_bytes();
  return {1, ttl, Bytes(bytes.begin(), bytes.end()), {}};
}

inline Rr aaaaRecord(const std::string& ip, std::uint32_t ttl) {
  auto bytes = boost::asio::ip::make_address_v6(ip).to_bytes();
  return {28, ttl, Bytes(bytes.begin(), bytes.end()), {}};
}

inline Rr srvRecord(std::uint16_t priority, std::uint16_t weight, std::uint16_t port,
                    const std::string& target, std::uint32_t ttl) {
  Rr rr{33, ttl, {}, {}};
  put16(rr.rdata, priority);
  put16(rr.rdata, weight);
  put16(rr.rdata, port);
  putName(rr.rdata, target);
  return rr;
}

inline Rr naptrRecord(std::uint16_t order, std::uint16_t preference, const std::string& flags,
                      const std::string& service, const std::string& replacement,
                      std::uint32_t ttl) {
  Rr rr{35, ttl, {}, {}};
  put16(rr.rdata, order);
  put16(rr.rdata, preference);
  putString(rr.rdata, flags);
  putString(rr.rdata, service);
  putString(rr.rdata, "");
  putName(rr.rdata, replacement);
  return rr;
}

inline Rr cnameRecord(const std::string& target, std::uint32_t ttl) {
  Rr rr{5, ttl, {}, {}};
  putName(rr.rdata, target);
  return rr;
}

/// SOA for the authority section of negative replies; `minimum` is the RFC 2308 field.
inline Rr soaRecord(const std::string& owner, std::uint32_t ttl, std::uint32_t minimum) {
  Rr rr{6, ttl, {}, owner};
  putName(rr.rdata, "ns.test");
  putName(rr.rdata, "hostmaster.test");
  for (std::uint32_t v : {1u, 3600u, 600u, 86400u})
    put32(rr.rdata, v);
  put32(rr.rdata, minimum);
  return rr;
}

/// A whole reply to a query for (qname, qtype).
inline Bytes buildReply(std::uint16_t id, const std::string& qname, std::uint16_t qtype,
                        std::uint8_t rcode, const std::vector<Rr>& answers,
                        const std::vector<Rr>& authority = {}) {
  Bytes out;
  put16(out, id);
  put16(out, static_cast<std::uint16_t>(0x8180 | rcode));  // QR, RD, RA
  put16(out, 1);
  put16(out, static_cast<std::uint16_t>(answers.size()));
  put16(out, static_cast<std::uint16_t>(authority.size()));
  put16(out, 0);
  putName(out, qname);
  put16(out, qtype);
  put16(out, 1);
  auto putRr = [&](const Rr& rr) {
    if (rr.owner.empty()) {
      put16(out, 0xC00C);  // pointer to the question name
    } else {
      putName(out, rr.owner);
    }
    put16(out, rr.type);
    put16(out, 1);
    put32(out, rr.ttl);
    put16(out, static_cast<std::uint16_t>(rr.rdata.size()));
    out.insert(out.end(), rr.rdata.begin(), rr.rdata.end());
  };
  for (const Rr& rr : answers)
    putRr(rr);
  for (const Rr& rr : authority)
    putRr(rr);
  return out;
}

inline std::string lowerName(std::string_view name) {
  std::string out;
  for (char c : name)
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!out.empty() && out.back() == '.')
    out.pop_back();
  return out;
}

/// Reads id, QNAME and QTYPE of a query; nullopt if malformed.
struct Question {
  std::uint16_t id = 0;
  std::string name;
  std::uint16_t type = 0;
};

inline std::optional<Question> parseQuery(const std::uint8_t* data, std::size_t size) {
  if (size < 12)
    return std::nullopt;
  Question q;
  q.id = static_cast<std::uint16_t>((data[0] << 8) | data[1]);
  std::size_t pos = 12;
  while (true) {
    if (pos >= size)
      return std::nullopt;
    std::uint8_t length = data[pos++];
    if (length == 0)
      break;
    if (length > 63 || pos + length > size)
      return std::nullopt;
    if (!q.name.empty())
      q.name += '.';
    q.name.append(reinterpret_cast<const char*>(data + pos), length);
    pos += length;
  }
  if (pos + 4 > size)
    return std::nullopt;
  q.type = static_cast<std::uint16_t>((data[pos] << 8) | data[pos + 1]);
  q.name = lowerName(q.name);
  return q;
}

}  // namespace sb::sip::dns::dnstest
