#include "sip/message/header_names.hpp"

#include <array>

#include "sip/message/text.hpp"

namespace sb::sip {
namespace {

struct Entry {
  HeaderId id;
  std::string_view name;
  char compact;
};

// Indexed by HeaderId.
constexpr Entry kEntries[] = {
    {HeaderId::Other, "", 0},
    {HeaderId::Accept, "Accept", 0},
    {HeaderId::AcceptContact, "Accept-Contact", 'a'},
    {HeaderId::AcceptEncoding, "Accept-Encoding", 0},
    {HeaderId::AcceptLanguage, "Accept-Language", 0},
    {HeaderId::AlertInfo, "Alert-Info", 0},
    {HeaderId::Allow, "Allow", 0},
    {HeaderId::AllowEvents, "Allow-Events", 'u'},
    {HeaderId::AuthenticationInfo, "Authentication-Info", 0},
    {HeaderId::Authorization, "Authorization", 0},
    {HeaderId::CallId, "Call-ID", 'i'},
    {HeaderId::CallInfo, "Call-Info", 0},
    {HeaderId::Contact, "Contact", 'm'},
    {HeaderId::ContentDisposition, "Content-Disposition", 0},
    {HeaderId::ContentEncoding, "Content-Encoding", 'e'},
    {HeaderId::ContentLanguage, "Content-Language", 0},
    {HeaderId::ContentLength, "Content-Length", 'l'},
    {HeaderId::ContentType, "Content-Type", 'c'},
    {HeaderId::CSeq, "CSeq", 0},
    {HeaderId::Date, "Date", 0},
    {HeaderId::ErrorInfo, "Error-Info", 0},
    {HeaderId::Event, "Event", 'o'},
    {HeaderId::Expires, "Expires", 0},
    {HeaderId::From, "From", 'f'},
    {HeaderId::Identity, "Identity", 'y'},
    {HeaderId::IdentityInfo, "Identity-Info", 'n'},
    {HeaderId::InReplyTo, "In-Reply-To", 0},
    {HeaderId::MaxForwards, "Max-Forwards", 0},
    {HeaderId::MimeVersion, "MIME-Version", 0},
    {HeaderId::MinExpires, "Min-Expires", 0},
    {HeaderId::MinSE, "Min-SE", 0},
    {HeaderId::Organization, "Organization", 0},
    {HeaderId::PAssertedIdentity, "P-Asserted-Identity", 0},
    {HeaderId::Path, "Path", 0},
    {HeaderId::Priority, "Priority", 0},
    {HeaderId::Privacy, "Privacy", 0},
    {HeaderId::ProxyAuthenticate, "Proxy-Authenticate", 0},
    {HeaderId::ProxyAuthorization, "Proxy-Authorization", 0},
    {HeaderId::ProxyRequire, "Proxy-Require", 0},
    {HeaderId::RAck, "RAck", 0},
    {HeaderId::Reason, "Reason", 0},
    {HeaderId::RecordRoute, "Record-Route", 0},
    {HeaderId::ReferredBy, "Referred-By", 'b'},
    {HeaderId::ReferTo, "Refer-To", 'r'},
    {HeaderId::RejectContact, "Reject-Contact", 'j'},
    {HeaderId::Replaces, "Replaces", 0},
    {HeaderId::ReplyTo, "Reply-To", 0},
    {HeaderId::RequestDisposition, "Request-Disposition", 'd'},
    {HeaderId::Require, "Require", 0},
    {HeaderId::RetryAfter, "Retry-After", 0},
    {HeaderId::Route, "Route", 0},
    {HeaderId::RSeq, "RSeq", 0},
    {HeaderId::Server, "Server", 0},
    {HeaderId::ServiceRoute, "Service-Route", 0},
    {HeaderId::SessionExpires, "Session-Expires", 'x'},
    {HeaderId::Subject, "Subject", 's'},
    {HeaderId::SubscriptionState, "Subscription-State", 0},
    {HeaderId::Supported, "Supported", 'k'},
    {HeaderId::Timestamp, "Timestamp", 0},
    {HeaderId::To, "To", 't'},
    {HeaderId::Unsupported, "Unsupported", 0},
    {HeaderId::UserAgent, "User-Agent", 0},
    {HeaderId::Via, "Via", 'v'},
    {HeaderId::Warning, "Warning", 0},
    {HeaderId::WwwAuthenticate, "WWW-Authenticate", 0},
};
static_assert(std::size(kEntries) == static_cast<std::size_t>(HeaderId::Count_));

/// Compact letter -> id, and per first letter the ids to compare against.
struct Index {
  std::array<HeaderId, 26> compact{};
  std::array<std::array<HeaderId, 16>, 26> byFirst{};
  std::array<std::uint8_t, 26> byFirstCount{};
};

constexpr Index makeIndex() {
  Index ix{};
  for (const Entry& e : kEntries) {
    if (e.id == HeaderId::Other)
      continue;
    if (e.compact != 0)
      ix.compact[e.compact - 'a'] = e.id;
    char f = e.name[0];
    int slot = (f >= 'a' ? f - 'a' : f - 'A');
    ix.byFirst[slot][ix.byFirstCount[slot]++] = e.id;
  }
  return ix;
}
constexpr Index kIndex = makeIndex();

}  // namespace

HeaderId headerIdFromName(std::string_view name) {
  if (name.empty())
    return HeaderId::Other;
  char f = text::toLower(name[0]);
  if (f < 'a' || f > 'z')
    return HeaderId::Other;
  int slot = f - 'a';
  if (name.size() == 1)
    return kIndex.compact[slot];
  for (std::uint8_t k = 0; k < kIndex.byFirstCount[slot]; ++k) {
    HeaderId id = kIndex.byFirst[slot][k];
    if (text::iequals(kEntries[static_cast<std::size_t>(id)].name, name))
      return id;
  }
  return HeaderId::Other;
}

std::string_view canonicalHeaderName(HeaderId id) {
  auto i = static_cast<std::size_t>(id);
  return i < std::size(kEntries) ? kEntries[i].name : std::string_view{};
}

char compactHeaderForm(HeaderId id) {
  auto i = static_cast<std::size_t>(id);
  return i < std::size(kEntries) ? kEntries[i].compact : '\0';
}

}  // namespace sb::sip
