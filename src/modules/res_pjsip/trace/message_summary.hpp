#pragma once
/// @file
/// The few facts about a raw SIP message that tracing needs (start line, Call-ID, CSeq), read
/// straight from the bytes: tracing sees every message in and out, before or after the parser,
/// and must not pay for a full parse.

#include <optional>
#include <string_view>

namespace sb::modules::res_pjsip {

/// Views into the message text, which must outlive the summary.
struct MessageSummary {
  bool request = false;
  std::string_view firstLine;   ///< "INVITE sip:600@host SIP/2.0" or "SIP/2.0 200 OK"
  std::string_view method;      ///< requests: "INVITE"
  std::string_view requestUri;  ///< requests: "sip:600@host"
  std::string_view status;      ///< responses: "200"
  std::string_view reason;      ///< responses: "OK" (may be empty)
  std::string_view callId;      ///< Call-ID (or i) value, trimmed; empty when absent
  std::string_view cseq;        ///< CSeq value, trimmed: "102 INVITE"
  bool hasRseq = false;         ///< an RSeq header: a reliable provisional response (RFC 3262)

  /// The method a message concerns: the request's, or the CSeq method of a response.
  std::string_view concernedMethod() const;
  /// The status code as a number (0 for requests or when unreadable).
  int statusCode() const;
};

/// Reads the start line and headers up to the blank line; nullopt when the first line is
/// neither a request line nor a status line (keep-alives, garbage).
std::optional<MessageSummary> summarizeMessage(std::string_view bytes);

}  // namespace sb::modules::res_pjsip
