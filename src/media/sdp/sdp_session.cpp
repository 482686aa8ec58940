#include "media/sdp/sdp_session.hpp"

#include <random>

namespace sb::media {
namespace {

uint64_t randomSessionId() {
  // Seeded once per thread: reading the random device for every session costs a system call.
  thread_local std::mt19937_64 gen = [] {
    std::random_device rd;
    return std::mt19937_64((static_cast<uint64_t>(rd()) << 32) ^ rd());
  }();
  // Keep it below 2^31 so peers that store it in a signed 32-bit integer cope.
  std::uniform_int_distribution<uint64_t> dist(1, 0x7fffffff);
  return dist(gen);
}

}  // namespace

SdpSession::SdpSession() : SdpSession(randomSessionId()) {}

SdpSession::SdpSession(uint64_t sessionId) : id_(sessionId), version_(sessionId) {}

void SdpSession::stamp(SessionDescription& sdp) {
  sdp.origin.sessionId = std::to_string(id_);
  sdp.origin.sessionVersion = "";
  std::string body = sdp.serialize();
  if (last_ && *last_ != body)
    ++version_;
  last_ = std::move(body);
  sdp.origin.sessionVersion = std::to_string(version_);
}

}  // namespace sb::media
