#pragma once
/// @file
/// Which endpoint sent a request, tried in global `endpoint_identifier_order` (Asterisk's
/// identifiers: `username`, `auth_username`, `ip`, `header`, `anonymous`); an endpoint is
/// only found by the ways its own `identify_by` allows. The lookup tables are rebuilt when
/// the configuration snapshot changes, so identification costs a few hash lookups.

#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/store/object_set.hpp"
#include "modules/res_pjsip/ip_acl.hpp"
#include "sip/message/message.hpp"
#include "sip/transport/packet.hpp"

namespace sb::modules::res_pjsip {

struct EndpointConfig;

class HostAddressBook;

class EndpointIdentifier {
 public:
  /// The endpoint an outbound registration's `;line=` token belongs to ("" if none).
  using LineLookup = std::function<std::string(std::string_view line)>;

  /// `hosts` resolves host names in `match` (may be null: host names then match nothing);
  /// `lines` (may be empty) identifies requests by the `line` parameter of their To or
  /// Request-URI before any other way, as Asterisk's outbound registrations do.
  explicit EndpointIdentifier(std::shared_ptr<HostAddressBook> hosts = nullptr,
                              LineLookup lines = {})
      : hosts_(std::move(hosts)), lines_(std::move(lines)) {}

  struct Identified {
    std::shared_ptr<const EndpointConfig> endpoint;
    std::string by;  ///< the identifier that matched ("username", "ip", ...)
  };

  /// Identifies against the snapshot `objects` (tables are cached per snapshot).
  std::optional<Identified> identify(const std::shared_ptr<const store::ObjectSet>& objects,
                                     const sip::Message& request, const sip::Flow& flow);

 private:
  struct NetworkMatch {
    IpAcl networks;  ///< denies everything, then permits each `match`
    std::string endpoint;
  };
  struct HostMatch {
    std::string host;
    bool srv = true;
    std::string endpoint;
  };
  struct HeaderMatch {
    std::string name;
    std::string value;
    std::optional<std::regex> pattern;
    std::string endpoint;
  };

  void rebuild(const store::ObjectSet& objects);
  std::shared_ptr<const EndpointConfig> byUsername(const store::ObjectSet& objects,
                                                   const sip::Message& request) const;
  std::shared_ptr<const EndpointConfig> byAuthUsername(const store::ObjectSet& objects,
                                                       const sip::Message& request) const;
  std::shared_ptr<const EndpointConfig> byIp(const store::ObjectSet& objects,
                                             const sip::Flow& flow) const;
  std::shared_ptr<const EndpointConfig> byHeader(const store::ObjectSet& objects,
                                                 const sip::Message& request) const;
  std::shared_ptr<const EndpointConfig> byRequestUri(const store::ObjectSet& objects,
                                                     const sip::Message& request) const;
  std::shared_ptr<const EndpointConfig> byLine(const store::ObjectSet& objects,
                                               const sip::Message& request) const;

  std::shared_ptr<const store::ObjectSet> built_;  // held so its address is not reused
  std::vector<std::string> order_;
  std::shared_ptr<HostAddressBook> hosts_;
  LineLookup lines_;
  std::vector<NetworkMatch> networks_;
  std::vector<HostMatch> hostMatches_;
  std::vector<HeaderMatch> headers_;
  std::vector<HeaderMatch> requestUris_;  ///< name unused: the value is the whole URI
  std::unordered_multimap<std::string, std::string> endpointsByAuthUser_;
  std::unordered_map<std::string, std::string> domainAliases_;
  bool multiDomain_ = true;
};

/// True when the endpoint's identify_by allows `method`.
bool identifiesBy(const EndpointConfig& endpoint, std::string_view method);

}  // namespace sb::modules::res_pjsip
