#include "sip/dns/wire.hpp"

#include <algorithm>
#include <cstddef>

namespace sb::sip::dns {

namespace {

constexpr std::uint16_t kTypeSoa = 6;
constexpr std::uint16_t kClassIn = 1;
constexpr std::size_t kHeaderSize = 12;

/// Reads big-endian integers with bounds checks; any overrun latches `failed`.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> data) : data_(data) {}

  bool failed() const { return failed_; }
  std::size_t position() const { return pos_; }

  std::uint16_t u16() {
    if (!need(2))
      return 0;
    auto value = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
    pos_ += 2;
    return value;
  }

  std::uint32_t u32() {
    std::uint32_t high = u16();
    std::uint32_t low = u16();
    return (high << 16) | low;
  }

  void skip(std::size_t count) {
    if (need(count))
      pos_ += count;
  }

  /// Skips an encoded name without following compression pointers, so it is bounded by the
  /// message size.
  void skipName() {
    while (!failed_) {
      if (!need(1))
        return;
      std::uint8_t length = data_[pos_];
      if ((length & 0xC0) == 0xC0) {
        skip(2);
        return;
      }
      if ((length & 0xC0) != 0) {
        failed_ = true;  // 0x40/0x80 label types are obsolete
        return;
      }
      skip(1u + length);
      if (length == 0)
        return;
    }
  }

  /// Reads the u32 at an absolute offset, bounds checked.
  std::uint32_t u32At(std::size_t offset) {
    Reader at(data_);
    at.pos_ = offset;
    std::uint32_t value = at.u32();
    failed_ = failed_ || at.failed_;
    return value;
  }

 private:
  bool need(std::size_t count) {
    if (failed_ || data_.size() - pos_ < count)
      failed_ = true;
    return !failed_;
  }

  std::span<const std::uint8_t> data_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

/// RFC 2181 section 8: a TTL with the top bit set is treated as zero.
std::uint32_t clampTtl(std::uint32_t ttl) {
  return (ttl & 0x80000000u) != 0 ? 0 : ttl;
}

}  // namespace

std::optional<ReplyInfo> inspectReply(std::span<const std::uint8_t> reply, std::uint16_t qtype) {
  if (reply.size() < kHeaderSize)
    return std::nullopt;
  Reader reader(reply);
  reader.u16();  // id
  std::uint16_t flags = reader.u16();
  std::uint16_t qdcount = reader.u16();
  std::uint16_t ancount = reader.u16();
  std::uint16_t nscount = reader.u16();
  reader.u16();  // arcount

  ReplyInfo info;
  info.rcode = static_cast<std::uint8_t>(flags & 0x0F);
  for (std::uint16_t i = 0; i < qdcount && !reader.failed(); ++i) {
    reader.skipName();
    reader.skip(4);  // type, class
  }
  for (std::uint32_t i = 0; i < std::uint32_t{ancount} + nscount && !reader.failed(); ++i) {
    reader.skipName();
    std::uint16_t type = reader.u16();
    std::uint16_t rclass = reader.u16();
    std::uint32_t ttl = clampTtl(reader.u32());
    std::uint16_t rdlength = reader.u16();
    std::size_t rdataStart = reader.position();
    reader.skip(rdlength);
    if (reader.failed())
      break;
    if (i < ancount) {
      if (type == qtype && rclass == kClassIn)
        info.answerTtls.push_back(ttl);
    } else if (type == kTypeSoa && rdlength >= 22) {
      // MINIMUM is the last field of the SOA RDATA.
      std::uint32_t minimum = clampTtl(reader.u32At(rdataStart + rdlength - 4));
      info.negativeTtl = std::min(ttl, minimum);
    }
  }
  if (reader.failed())
    return std::nullopt;
  return info;
}

}  // namespace sb::sip::dns
