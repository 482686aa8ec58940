#include "sip/dns/records.hpp"

#include <ares.h>

#include <algorithm>
#include <array>
#include <memory>

#include "sip/dns/wire.hpp"

namespace sb::sip::dns {

namespace {

/// c-ares parsers take a signed length; replies are at most 64 KiB anyway.
int lengthOf(std::span<const std::uint8_t> reply) {
  return static_cast<int>(std::min<std::size_t>(reply.size(), 65535));
}

template <class Record>
Answer<Record> malformed(int aresStatus) {
  Answer<Record> answer;
  answer.status = Status::unavailable;
  answer.error = std::string("malformed reply: ") + ares_strerror(aresStatus);
  return answer;
}

/// Sets status and minimum TTL once the records are in.
template <class Record>
Answer<Record> finish(std::vector<Record> records) {
  Answer<Record> answer;
  answer.records = std::move(records);
  if (answer.records.empty()) {
    answer.status = Status::noData;
    return answer;
  }
  answer.status = Status::ok;
  answer.ttl = answer.records.front().ttl;
  for (const Record& record : answer.records)
    answer.ttl = std::min(answer.ttl, record.ttl);
  return answer;
}

/// c-ares expands the root name to ""; callers compare against "." as in zone files.
std::string nameOrRoot(const char* name) {
  if (name == nullptr || *name == '\0')
    return ".";
  return name;
}

std::string text(const unsigned char* value) {
  return value == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(value));
}

/// The per-record TTLs c-ares does not return, in the same order as its linked list. If the
/// counts disagree (should not happen) every record gets the smallest TTL seen.
std::uint32_t ttlAt(const std::vector<std::uint32_t>& ttls, std::size_t index, std::size_t count) {
  if (ttls.empty())
    return 0;
  if (ttls.size() == count)
    return ttls[index];
  return *std::min_element(ttls.begin(), ttls.end());
}

struct AresFree {
  void operator()(void* data) const { ares_free_data(data); }
};

}  // namespace

Status statusFromAres(int aresStatus) {
  switch (aresStatus) {
    case ARES_SUCCESS:
      return Status::ok;
    case ARES_ENOTFOUND:
      return Status::notFound;
    case ARES_ENODATA:
      return Status::noData;
    case ARES_EBADNAME:
    case ARES_EBADQUERY:
    case ARES_EBADFAMILY:
      return Status::invalid;
    default:
      return Status::unavailable;
  }
}

AddressAnswer parseAddressReply(std::span<const std::uint8_t> reply, RecordType type) {
  std::vector<AddressRecord> records;
  // Size the output from the answer count so no address is dropped.
  auto info = inspectReply(reply, static_cast<std::uint16_t>(type));
  if (!info)
    return malformed<AddressRecord>(ARES_EBADRESP);
  const int capacity = static_cast<int>(std::max<std::size_t>(info->answerTtls.size(), 1));
  int count = capacity;
  if (type == RecordType::a) {
    std::vector<ares_addrttl> ttls(static_cast<std::size_t>(capacity));
    int rc = ares_parse_a_reply(reply.data(), lengthOf(reply), nullptr, ttls.data(), &count);
    if (rc == ARES_ENODATA)
      return finish(std::move(records));
    if (rc != ARES_SUCCESS)
      return malformed<AddressRecord>(rc);
    for (int i = 0; i < count && i < capacity; ++i) {
      const auto& entry = ttls[static_cast<std::size_t>(i)];
      boost::asio::ip::address_v4::bytes_type bytes;
      std::copy_n(reinterpret_cast<const unsigned char*>(&entry.ipaddr), bytes.size(),
                  bytes.begin());
      records.push_back(
          {boost::asio::ip::address_v4(bytes), static_cast<std::uint32_t>(std::max(entry.ttl, 0))});
    }
  } else {
    std::vector<ares_addr6ttl> ttls(static_cast<std::size_t>(capacity));
    int rc = ares_parse_aaaa_reply(reply.data(), lengthOf(reply), nullptr, ttls.data(), &count);
    if (rc == ARES_ENODATA)
      return finish(std::move(records));
    if (rc != ARES_SUCCESS)
      return malformed<AddressRecord>(rc);
    for (int i = 0; i < count && i < capacity; ++i) {
      const auto& entry = ttls[static_cast<std::size_t>(i)];
      boost::asio::ip::address_v6::bytes_type bytes;
      std::copy_n(entry.ip6addr._S6_un._S6_u8, bytes.size(), bytes.begin());
      records.push_back(
          {boost::asio::ip::address_v6(bytes), static_cast<std::uint32_t>(std::max(entry.ttl, 0))});
    }
  }
  return finish(std::move(records));
}

SrvAnswer parseSrvReply(std::span<const std::uint8_t> reply) {
  auto info = inspectReply(reply, static_cast<std::uint16_t>(RecordType::srv));
  if (!info)
    return malformed<SrvRecord>(ARES_EBADRESP);
  ares_srv_reply* head = nullptr;
  int rc = ares_parse_srv_reply(reply.data(), lengthOf(reply), &head);
  std::unique_ptr<ares_srv_reply, AresFree> owner(head);
  std::vector<SrvRecord> records;
  if (rc == ARES_ENODATA)
    return finish(std::move(records));
  if (rc != ARES_SUCCESS)
    return malformed<SrvRecord>(rc);
  std::size_t count = 0;
  for (auto* node = head; node != nullptr; node = node->next)
    ++count;
  std::size_t index = 0;
  for (auto* node = head; node != nullptr; node = node->next, ++index) {
    records.push_back({node->priority, node->weight, node->port, nameOrRoot(node->host),
                       ttlAt(info->answerTtls, index, count)});
  }
  return finish(std::move(records));
}

NaptrAnswer parseNaptrReply(std::span<const std::uint8_t> reply) {
  auto info = inspectReply(reply, static_cast<std::uint16_t>(RecordType::naptr));
  if (!info)
    return malformed<NaptrRecord>(ARES_EBADRESP);
  ares_naptr_reply* head = nullptr;
  int rc = ares_parse_naptr_reply(reply.data(), lengthOf(reply), &head);
  std::unique_ptr<ares_naptr_reply, AresFree> owner(head);
  std::vector<NaptrRecord> records;
  if (rc == ARES_ENODATA)
    return finish(std::move(records));
  if (rc != ARES_SUCCESS)
    return malformed<NaptrRecord>(rc);
  std::size_t count = 0;
  for (auto* node = head; node != nullptr; node = node->next)
    ++count;
  std::size_t index = 0;
  for (auto* node = head; node != nullptr; node = node->next, ++index) {
    records.push_back({node->order, node->preference, text(node->flags), text(node->service),
                       text(node->regexp), nameOrRoot(node->replacement),
                       ttlAt(info->answerTtls, index, count)});
  }
  return finish(std::move(records));
}

std::optional<std::uint32_t> negativeTtlOf(std::span<const std::uint8_t> reply) {
  auto info = inspectReply(reply, 0);
  if (!info)
    return std::nullopt;
  return info->negativeTtl;
}

}  // namespace sb::sip::dns
