#pragma once
/// @file
/// Which messages `pjsip set logger` (and chan_sip's `sip set debug`) prints, with
/// res_pjsip_logger's rules: `on` logs everything; otherwise a message is logged when its
/// method is among the chosen ones (if any were chosen) and its remote address falls in one
/// of the chosen hosts or subnets (if any were chosen); with neither, nothing is logged.

#include <boost/asio/ip/address.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"
#include "modules/res_pjsip/ip_acl.hpp"

namespace sb::modules::res_pjsip {

class LoggerFilter {
 public:
  /// `on`: everything is logged (the host and method choices stay, as in Asterisk, but no
  /// longer restrict anything until `off`).
  void enableAll() {
    enabled_ = true;
    logAll_ = true;
  }
  /// `off`: back to the state at start-up, nothing logged and nothing chosen.
  void reset() { *this = LoggerFilter{}; }

  /// `host` (replace = true) or `add`: an IP address or a subnet ("10.0.0.0/8",
  /// "192.168.0.0/255.255.0.0", "2001:db8::/32"). On error nothing changes (but, as in Asterisk,
  /// a `host` has already dropped the previous choices).
  Result<void> addHost(std::string_view hostOrSubnet, bool replace);
  /// `method` (replace = true) or `methodadd`. False when the method was already chosen.
  bool addMethod(std::string_view method, bool replace);
  /// The chosen methods, sorted case-insensitively and joined with ", ".
  std::string methodList() const;

  bool enabled() const { return enabled_; }
  bool logsAll() const { return logAll_; }
  /// Whether a message exchanged with `remote` concerning `method` is logged.
  bool passes(const boost::asio::ip::address& remote, std::string_view method) const;

 private:
  bool enabled_ = false;
  bool logAll_ = false;
  /// The chosen hosts and subnets as deny rules: an address the list refuses is one to log
  /// (Asterisk keeps them as an ast_ha list the same way).
  IpAcl hosts_;
  std::vector<std::string> methods_;
};

}  // namespace sb::modules::res_pjsip
