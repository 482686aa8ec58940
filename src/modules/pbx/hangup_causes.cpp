#include "modules/pbx/hangup_causes.hpp"

#include <algorithm>
#include <utility>

namespace sb::modules::pbx {

std::string_view causeText(int cause) {
  switch (cause) {
    case 1:
      return "Unallocated (unassigned) number";
    case 2:
      return "No route to specified transmit network";
    case 3:
      return "No route to destination";
    case 6:
      return "Channel unacceptable";
    case 7:
      return "Call awarded and being delivered in an established channel";
    case 16:
      return "Normal Clearing";
    case 17:
      return "User busy";
    case 18:
      return "No user responding";
    case 19:
      return "User alerting, no answer";
    case 20:
      return "Subscriber absent";
    case 21:
      return "Call Rejected";
    case 22:
      return "Number changed";
    case 23:
      return "Redirected to new destination";
    case 26:
      return "Answered elsewhere";
    case 27:
      return "Destination out of order";
    case 28:
      return "Invalid number format";
    case 29:
      return "Facility rejected";
    case 30:
      return "Response to STATus ENQuiry";
    case 31:
      return "Normal, unspecified";
    case 34:
      return "Circuit/channel congestion";
    case 38:
      return "Network out of order";
    case 41:
      return "Temporary failure";
    case 42:
      return "Switching equipment congestion";
    case 43:
      return "Access information discarded";
    case 44:
      return "Requested channel not available";
    case 50:
      return "Facility not subscribed";
    case 52:
      return "Outgoing call barred";
    case 54:
      return "Incoming call barred";
    case 57:
      return "Bearer capability not authorized";
    case 58:
      return "Bearer capability not available";
    case 65:
      return "Bearer capability not implemented";
    case 66:
      return "Channel not implemented";
    case 69:
      return "Facility not implemented";
    case 81:
      return "Invalid call reference value";
    case 88:
      return "Incompatible destination";
    case 95:
      return "Invalid message unspecified";
    case 96:
      return "Mandatory information element is missing";
    case 97:
      return "Message type nonexist.";
    case 98:
      return "Wrong message";
    case 99:
      return "Info. element nonexist or not implemented";
    case 100:
      return "Invalid information element contents";
    case 101:
      return "Message not compatible with call state";
    case 102:
      return "Recover on timer expiry";
    case 103:
      return "Mandatory IE length error";
    case 111:
      return "Protocol error, unspecified";
    case 127:
      return "Interworking, unspecified";
    default:
      return "Unknown";
  }
}

int causeToSipStatus(int cause) {
  switch (cause) {
    case 1:
    case 2:
    case 3:
      return 404;
    case 17:
      return 486;
    case 18:
      return 408;
    case 19:
    case 20:
    case 31:
      return 480;
    case 21:
      return 403;
    case 22:
      return 410;
    case 23:
      return 302;
    case 27:
      return 502;
    case 28:
      return 484;
    case 29:
      return 501;
    case 34:
    case 42:
    case 66:
      return 503;
    case 38:
      return 500;
    case 58:
      return 488;
    case 127:
      return 500;
    default:
      return 603;
  }
}

int sipStatusToCause(int status) {
  switch (status) {
    case 401:
    case 403:
    case 407:
    case 603:
      return 21;
    case 404:
    case 485:
    case 604:
      return 1;
    case 408:
      return 18;
    case 409:
      return 41;
    case 410:
      return 22;
    case 420:
      return 3;
    case 480:
    case 483:
      return 19;
    case 484:
      return 28;
    case 486:
    case 600:
      return 17;
    case 500:
      return 38;
    case 501:
      return 29;
    case 502:
      return 27;
    case 503:
      return 34;
    case 504:
      return 102;
    case 606:
      return 58;
    default:
      if (status >= 400 && status < 500)
        return 127;
      if (status >= 500 && status < 600)
        return 34;
      if (status >= 600)
        return 127;
      return 16;
  }
}

std::string_view reasonPhrase(int status) {
  // RFC 3261 21 and the later RFCs' reason phrases (PJSIPHangup may send any 4xx-6xx).
  static constexpr std::pair<int, std::string_view> kPhrases[] = {
      {100, "Trying"},
      {180, "Ringing"},
      {181, "Call Is Being Forwarded"},
      {182, "Queued"},
      {183, "Session Progress"},
      {199, "Early Dialog Terminated"},
      {200, "OK"},
      {202, "Accepted"},
      {204, "No Notification"},
      {300, "Multiple Choices"},
      {301, "Moved Permanently"},
      {302, "Moved Temporarily"},
      {305, "Use Proxy"},
      {380, "Alternative Service"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {402, "Payment Required"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {406, "Not Acceptable"},
      {407, "Proxy Authentication Required"},
      {408, "Request Timeout"},
      {409, "Conflict"},
      {410, "Gone"},
      {411, "Length Required"},
      {412, "Conditional Request Failed"},
      {413, "Request Entity Too Large"},
      {414, "Request-URI Too Long"},
      {415, "Unsupported Media Type"},
      {416, "Unsupported URI Scheme"},
      {417, "Unknown Resource-Priority"},
      {420, "Bad Extension"},
      {421, "Extension Required"},
      {422, "Session Interval Too Small"},
      {423, "Interval Too Brief"},
      {424, "Bad Location Information"},
      {428, "Use Identity Header"},
      {429, "Provide Referrer Identity"},
      {430, "Flow Failed"},
      {433, "Anonymity Disallowed"},
      {436, "Bad Identity-Info"},
      {437, "Unsupported Certificate"},
      {438, "Invalid Identity Header"},
      {439, "First Hop Lacks Outbound Support"},
      {440, "Max-Breadth Exceeded"},
      {469, "Bad Info Package"},
      {470, "Consent Needed"},
      {480, "Temporarily Unavailable"},
      {481, "Call/Transaction Does Not Exist"},
      {482, "Loop Detected"},
      {483, "Too Many Hops"},
      {484, "Address Incomplete"},
      {485, "Ambiguous"},
      {486, "Busy Here"},
      {487, "Request Terminated"},
      {488, "Not Acceptable Here"},
      {489, "Bad Event"},
      {491, "Request Pending"},
      {493, "Undecipherable"},
      {494, "Security Agreement Required"},
      {500, "Internal Server Error"},
      {501, "Not Implemented"},
      {502, "Bad Gateway"},
      {503, "Service Unavailable"},
      {504, "Server Time-out"},
      {505, "Version Not Supported"},
      {513, "Message Too Large"},
      {555, "Push Notification Service Not Supported"},
      {580, "Precondition Failure"},
      {600, "Busy Everywhere"},
      {603, "Decline"},
      {604, "Does Not Exist Anywhere"},
      {606, "Not Acceptable"},
      {607, "Unwanted"},
      {608, "Rejected"},
  };
  for (const auto& [code, phrase] : kPhrases) {
    if (code == status) {
      return phrase;
    }
  }
  return "Unknown";
}

std::string dialStatusForCauses(const std::vector<int>& causes) {
  if (std::find(causes.begin(), causes.end(), cause::kUserBusy) != causes.end()) {
    return "BUSY";
  }
  for (int c : causes) {
    if (c == cause::kCongestion || c == 42 || c == cause::kFailure || c == 41) {
      return "CONGESTION";
    }
  }
  for (int c : causes) {
    if (c == cause::kNoAnswer || c == cause::kNoUserResponse) {
      return "NOANSWER";
    }
  }
  return "CHANUNAVAIL";
}

}  // namespace sb::modules::pbx
