#pragma once
/// @file
/// Dialog state (RFC 3261 section 12): identifiers, sequence numbers, remote target and
/// route set, created from the request/response that establishes the dialog, and the
/// in-dialog requests built from it.
///
/// A Dialog is plain data with no timers and no I/O: the session that owns it decides what
/// to send and sends it. Reactor thread only, like everything that touches it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/message/message.hpp"
#include "sip/transport/packet.hpp"

namespace sb::sip {

/// Call-ID plus both tags: what identifies a dialog from our side.
struct DialogId {
  std::string callId;
  std::string localTag;
  std::string remoteTag;

  /// One string for hash tables.
  std::string key() const;
  friend bool operator==(const DialogId&, const DialogId&) = default;
};

/// The key an incoming in-dialog request maps to (our tag is its To tag).
std::string dialogKeyOfRequest(const Message& request);

class Dialog {
 public:
  /// The dialog a UAS creates by answering `request` (12.1.1): remote target from its
  /// Contact, route set from Record-Route in order, remote sequence from its CSeq.
  /// `localContact` is the Contact URI we put in our responses and requests.
  static std::optional<Dialog> asUas(const Message& request, std::string localTag,
                                     std::string localContact, Flow flow);
  /// The dialog a UAC creates from a response with a To tag to `request` (12.1.2): route set
  /// from Record-Route reversed, remote target from the response's Contact.
  static std::optional<Dialog> asUac(const Message& request, const Message& response,
                                     std::string localContact, Flow flow);

  const DialogId& id() const { return id_; }
  const std::string& localUri() const { return localUri_; }
  const std::string& remoteUri() const { return remoteUri_; }
  const std::string& remoteTarget() const { return remoteTarget_; }
  const std::vector<std::string>& routeSet() const { return routeSet_; }
  const std::string& localContact() const { return localContact_; }
  std::uint32_t localSeq() const { return localSeq_; }
  std::optional<std::uint32_t> remoteSeq() const { return remoteSeq_; }
  /// Where in-dialog requests go: the flow the dialog was made on (the UA's registered or
  /// signalling address, so NATed phones are reached as they reached us).
  const Flow& flow() const { return flow_; }

  /// Builds an in-dialog request (12.2.1.1): Request-URI, Route, From/To with tags,
  /// Call-ID, a new CSeq (ACK and CANCEL reuse `cseqOverride`), Max-Forwards, Contact for
  /// target-refresh methods. The caller adds the top Via and any body.
  std::optional<Message> makeRequest(std::string_view method,
                                     std::optional<std::uint32_t> cseqOverride = std::nullopt,
                                     unsigned maxForwards = 70);

  /// Checks an incoming in-dialog request's CSeq (12.2.2): false when it is lower than or
  /// equal to the last one (answer 500), else records it. ACK and CANCEL are not checked.
  bool acceptRemoteSeq(const Message& request);
  /// A target refresh (re-INVITE, UPDATE, or a 2xx to ours) replaces the remote target.
  void refreshTarget(const Message& message);

 private:
  Dialog() = default;

  DialogId id_;
  std::string localUri_;   ///< our From (UAC) / To (UAS) address without the tag
  std::string remoteUri_;  ///< the peer's address without the tag
  std::string remoteTarget_;
  std::vector<std::string> routeSet_;
  std::string localContact_;
  std::uint32_t localSeq_ = 0;
  std::optional<std::uint32_t> remoteSeq_;
  Flow flow_;
};

}  // namespace sb::sip
