#include "modules/res_pjsip/settings_config.hpp"

#include "core/store/options.hpp"

namespace sb::modules::res_pjsip {

std::string defaultUserAgent() {
  return std::string("Switchboard ") + SB_VERSION;
}

std::shared_ptr<const store::ObjectTypeBase> systemType() {
  namespace opt = store::opt;
  using T = SystemConfig;
  std::vector<store::Option<T>> options{
      opt::uint(&T::timerT1, "timer_t1", "500",
                "RFC 3261 T1 in milliseconds (round-trip estimate).", 100, 60000),
      opt::uint(&T::timerB, "timer_b", "32000",
                "RFC 3261 timer B in milliseconds (INVITE transaction timeout); T2 is 4000 ms, T4 "
                "5000 ms.",
                500, 600000),
      opt::boolean(&T::compactHeaders, "compact_headers", "no",
                   "Use compact header names in outgoing messages."),
      opt::uint(&T::threadpoolInitialSize, "threadpool_initial_size", "0",
                "Accepted for compatibility; no effect."),
      opt::uint(&T::threadpoolAutoIncrement, "threadpool_auto_increment", "5",
                "Accepted for compatibility; no effect."),
      opt::uint(&T::threadpoolIdleTimeout, "threadpool_idle_timeout", "60",
                "Accepted for compatibility; no effect."),
      opt::uint(&T::threadpoolMaxSize, "threadpool_max_size", "50",
                "Accepted for compatibility; no effect."),
      opt::boolean(&T::disableTcpSwitch, "disable_tcp_switch", "yes",
                   "Do not switch from UDP to TCP for requests larger than the MTU."),
      opt::boolean(&T::disableRport, "disable_rport", "no",
                   "Do not add ;rport to outgoing Via headers."),
      opt::boolean(&T::followEarlyMediaFork, "follow_early_media_fork", "yes",
                   "Follow SDP changes in forked early media."),
      opt::boolean(&T::acceptMultipleSdpAnswers, "accept_multiple_sdp_answers", "no",
                   "Accept several SDP answers on one dialog."),
      opt::uint(
          &T::maxMessageSize, "max_message_size", "65535",
          "Largest SIP message accepted, in bytes (a larger request gets 513 Message Too Large). "
          "Switchboard option.",
          1024, 1048576),
      opt::uint(&T::maxHeaders, "max_headers", "256",
                "Most header fields accepted in one message. Switchboard option.", 16, 4096),
      opt::uint(&T::maxLineLength, "max_line_length", "8192",
                "Longest line accepted in a message, in bytes. Switchboard option.", 256, 1048576),
      opt::uint(&T::streamMaxConnections, "stream_max_connections", "8192",
                "Most connections of one TCP, TLS, WS or WSS transport, inbound and outbound "
                "together. Switchboard option.",
                1, 1000000),
      opt::uint(&T::streamMaxConnectionsPerSource, "stream_max_connections_per_source", "64",
                "Most inbound connections from one IP address to one stream transport. "
                "Switchboard option.",
                1, 1000000),
      opt::uint(&T::streamFirstMessageTimeout, "stream_first_message_timeout", "32000",
                "Milliseconds a new inbound connection has to deliver its first complete "
                "message before it is closed. Switchboard option.",
                100, 3600000),
      opt::uint(&T::streamIdleTimeout, "stream_idle_timeout", "900",
                "Seconds without any traffic (keep-alives count) after which a connection is "
                "closed. Switchboard option.",
                1, 604800),
  };
  return std::make_shared<store::ObjectType<T>>(
      "system", "res_pjsip", "Settings of the SIP stack itself (single object).",
      store::Binding{"config",
                     "pjsip.conf,criteria=type=system,single_object=yes,explicit_name=system"},
      std::move(options));
}

std::shared_ptr<const store::ObjectTypeBase> globalType() {
  namespace opt = store::opt;
  using T = GlobalConfig;
  std::vector<store::Option<T>> options{
      opt::uint(&T::maxForwards, "max_forwards", "70",
                "Max-Forwards of requests Switchboard originates.", 1, 255),
      opt::string(&T::userAgent, "user_agent", "",
                  "User-Agent and Server header value (default: Switchboard and its version)."),
      opt::string(&T::defaultOutboundEndpoint, "default_outbound_endpoint",
                  "default_outbound_endpoint",
                  "Endpoint used for out-of-dialog requests to bare URIs."),
      opt::list(&T::endpointIdentifierOrder, "endpoint_identifier_order", "ip,username,anonymous",
                "Order in which endpoint identifiers are tried."),
      opt::uint(&T::keepAliveInterval, "keep_alive_interval", "90",
                "Seconds between CRLF keep-alives on connection-oriented transports (0: off)."),
      opt::uint(&T::contactExpirationCheckInterval, "contact_expiration_check_interval", "30",
                "Seconds between sweeps for expired contacts."),
      opt::uint(&T::maxInitialQualifyTime, "max_initial_qualify_time", "0",
                "Spread the first qualify of each contact over up to this many seconds."),
      opt::string(&T::defaultRealm, "default_realm", "asterisk",
                  "Realm used in challenges when an auth has none."),
      opt::string(&T::defaultFromUser, "default_from_user", "asterisk",
                  "From user of requests without one."),
      opt::string(&T::defaultVoicemailExtension, "default_voicemail_extension", "",
                  "Voicemail extension sent in MWI NOTIFY bodies."),
      opt::string(&T::regcontext, "regcontext", "",
                  "Context where a NoOp extension is kept per registered endpoint."),
      opt::string(&T::debug, "debug", "no",
                  "Log SIP messages (as `pjsip set logger`) from start-up and whenever a reload "
                  "changes it: yes (all), no, or an IP address or subnet to log. Once the console "
                  "changed the logger, yes and no leave it as it is."),
      opt::boolean(&T::disableMultiDomain, "disable_multi_domain", "no",
                   "Ignore the domain part when identifying."),
      opt::uint(
          &T::unidentifiedRequestCount, "unidentified_request_count", "5",
          "Unidentified requests from one address within the period that raise a security event."),
      opt::uint(&T::unidentifiedRequestPeriod, "unidentified_request_period", "5",
                "Seconds over which unidentified requests are counted."),
      opt::uint(&T::unidentifiedRequestPruneInterval, "unidentified_request_prune_interval", "30",
                "Seconds between prunes of the unidentified request table."),
      opt::boolean(&T::ignoreUriUserOptions, "ignore_uri_user_options", "no",
                   "Ignore ;user options in the user part of URIs."),
      opt::boolean(&T::useCalleridContact, "use_callerid_contact", "no",
                   "Put the caller id number in the Contact user of outgoing calls."),
      opt::boolean(&T::sendContactStatusOnUpdateRegistration,
                   "send_contact_status_on_update_registration", "no",
                   "Emit ContactStatus events when a registration is refreshed."),
      opt::boolean(&T::norefersub, "norefersub", "yes",
                   "Advertise support for norefersub (RFC 4488)."),
      opt::boolean(&T::allowSending180After183, "allow_sending_180_after_183", "no",
                   "Allow a 180 after a 183."),
      opt::boolean(&T::allCodecsOnEmptyReinvite, "all_codecs_on_empty_reinvite", "no",
                   "Offer every codec in reply to an offerless re-INVITE."),
      opt::uint(&T::mwiTpsQueueHigh, "mwi_tps_queue_high", "500",
                "Accepted for compatibility; no effect."),
      opt::integer(&T::mwiTpsQueueLow, "mwi_tps_queue_low", "-1",
                   "Accepted for compatibility; no effect.", -1, 1000000),
      opt::boolean(&T::mwiDisableInitialUnsolicited, "mwi_disable_initial_unsolicited", "no",
                   "Send no unsolicited MWI at start-up."),
      opt::list(&T::defaultAuthAlgorithmsUas, "default_auth_algorithms_uas", "MD5",
                "Digest algorithms offered in challenges by default (MD5, SHA-256)."),
      opt::list(&T::defaultAuthAlgorithmsUac, "default_auth_algorithms_uac", "MD5",
                "Digest algorithms Switchboard answers by default (MD5, SHA-256)."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "global", "res_pjsip", "Server-wide SIP settings (single object).",
      store::Binding{"config",
                     "pjsip.conf,criteria=type=global,single_object=yes,explicit_name=global"},
      std::move(options));
}

}  // namespace sb::modules::res_pjsip
