#pragma once
// Our side's o= line across a dialog: a fixed session id and a version that only moves when the
// body we send changes (RFC 3264 §8).

#include <cstdint>
#include <optional>
#include <string>

#include "media/sdp/session_description.hpp"

namespace sb::media {

/// o= state of one dialog's SDP.
class SdpSession {
 public:
  /// A random session id; the version starts equal to it, as Asterisk does.
  SdpSession();
  /// A fixed session id (tests, or ids derived elsewhere).
  explicit SdpSession(uint64_t sessionId);

  uint64_t sessionId() const { return id_; }
  /// The version of the last body stamped (the initial value before any).
  uint64_t sessionVersion() const { return version_; }

  /// Writes our session id and version into sdp.origin. The version is incremented when the
  /// body differs from the last one stamped (ignoring the version itself), not otherwise.
  void stamp(SessionDescription& sdp);

 private:
  uint64_t id_;
  uint64_t version_;
  std::optional<std::string> last_;  // Last stamped body, with the version blanked.
};

}  // namespace sb::media
