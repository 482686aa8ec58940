#pragma once
/// @file
/// What one out-of-dialog request (NOTIFY, MESSAGE, ...) says, and its text as it goes on
/// the wire. Pure: the sender fills in the flow-dependent parts (`WireDetails`).
///
///   METHOD <request-uri> SIP/2.0
///   Via, From ("display" <sip:user@host>;tag=), To, [Contact], Call-ID, CSeq: 1 METHOD,
///   Max-Forwards, [Route], extra headers in order, User-Agent, [Content-Type], Content-Length
///
/// The Request-URI loses a contact's x-ast-txp parameter (symmetric_transport).

#include <optional>
#include <string>
#include <vector>

#include "core/store/object_set.hpp"
#include "sip/transport/socket_address.hpp"

namespace sb::modules::res_pjsip {

struct EndpointConfig;

/// One extra header line.
struct HeaderLine {
  std::string name;
  std::string value;
};

/// Who the request is from: `"display" <sip:user@host>`. An empty host is the local address
/// the request leaves from.
struct FromIdentity {
  std::string display;  ///< unquoted; "" for none
  std::string user;     ///< as it goes into the URI (already escaped)
  std::string host;     ///< host[:port]
};

/// The From an endpoint sends with (from_user/from_domain), or with no endpoint (nullptr)
/// the server's: global default_from_user ("asterisk" without a global object).
FromIdentity defaultFrom(const store::ObjectSet& objects, const EndpointConfig* endpoint);

struct OutOfDialogRequest {
  std::string method;      ///< "NOTIFY", "MESSAGE"
  std::string requestUri;  ///< a SIP URI as written (a contact's, with x-ast-txp)
  std::string to;          ///< the To URI; "" for the Request-URI
  std::string toDisplay;   ///< unquoted display name of the To; "" for none
  FromIdentity from;
  std::string route;                       ///< Route value (a contact's Path); "" for none
  std::vector<HeaderLine> headers;         ///< after Max-Forwards and Route, in order
  std::optional<std::string> contentType;  ///< without it there is no body
  std::string body;
  bool withContact = true;              ///< MESSAGE carries none (RFC 3428)
  std::optional<unsigned> maxForwards;  ///< nullopt: global max_forwards
  std::string endpoint;                 ///< whose outbound_auth answers a 401/407; "" for none
};

/// What depends on the flow and the sending: filled in by the sender.
struct WireDetails {
  sip::TransportKind transport = sip::TransportKind::Udp;
  sip::SocketAddress local;  ///< Via sent-by and Contact; its host is the default From host
  std::string branch;
  std::string tag;
  std::string callId;
  unsigned maxForwards = 70;  ///< unless the request sets its own
  std::string userAgent;
};

/// The request's text; std::nullopt when a field other than the body holds CR, LF or NUL
/// (nothing may add header lines of its own).
std::optional<std::string> formatOutOfDialogRequest(const OutOfDialogRequest& request,
                                                    const WireDetails& wire);

/// `"text"` with `"` and `\` escaped: a display name as it goes into a header.
std::string quotedDisplayName(std::string_view text);

}  // namespace sb::modules::res_pjsip
