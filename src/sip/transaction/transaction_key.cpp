#include "sip/transaction/transaction_key.hpp"

#include <cstdint>
#include <random>

namespace sb::sip {
namespace {

// Fields are joined with a byte that cannot appear in any of them.
constexpr char kSep = '\x1f';

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::string newBranch() {
  // Branches must be unique in space and time (RFC 3261 8.1.1.7); unpredictability makes
  // spoofed responses harder to match.
  thread_local std::mt19937_64 random{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64{seed};
  }()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string branch{kBranchMagicCookie};
  for (int word = 0; word < 2; ++word) {
    std::uint64_t bits = random();
    for (int i = 0; i < 16; ++i, bits >>= 4)
      branch.push_back(kHex[bits & 0xF]);
  }
  return branch;
}

std::optional<std::string> rfc2543Key(const Message& request, std::string_view method,
                                      std::string_view toTag) {
  auto via = request.topVia();
  auto cseq = request.cseq();
  auto from = request.from();
  if (!via || !cseq || !from)
    return std::nullopt;
  std::string key = "2";
  key.append(1, kSep).append(request.requestLine().uriText);
  key.append(1, kSep).append(toTag);
  key.append(1, kSep).append(from->tag());
  key.append(1, kSep).append(request.callId());
  key.append(1, kSep).append(std::to_string(cseq->number));
  key.append(1, kSep).append(via->raw);
  key.append(1, kSep).append(method);
  return key;
}

std::optional<std::string> serverKey(const Message& request, std::string_view method) {
  auto via = request.topVia();
  if (!via)
    return std::nullopt;
  if (!via->hasMagicCookie()) {
    auto to = request.to();
    return rfc2543Key(request, method, to ? to->tag() : std::string_view{});
  }
  std::string key = "3";
  key.append(1, kSep).append(via->branch());
  key.append(1, kSep);
  for (char c : via->host)  // host names compare case-insensitively
    key.push_back(lower(c));
  key.append(1, ':').append(std::to_string(via->hasPort ? via->port : 0));
  key.append(1, kSep).append(method);
  return key;
}

std::optional<std::string> clientKey(const Message& message) {
  auto via = message.topVia();
  auto cseq = message.cseq();
  if (!via || !cseq || via->branch().empty())
    return std::nullopt;
  std::string key{via->branch()};
  key.append(1, kSep).append(cseq->methodText);
  return key;
}

}  // namespace sb::sip
