#include "modules/res_pjsip/trace/logger_filter.hpp"

#include <algorithm>

#include "core/store/option_parsers.hpp"
#include "sip/message/text.hpp"

namespace sb::modules::res_pjsip {

Result<void> LoggerFilter::addHost(std::string_view hostOrSubnet, bool replace) {
  enabled_ = true;
  if (replace) {
    hosts_ = IpAcl{};
  }
  // A leading '!' would turn the rule around; a host to log is never written that way.
  if (hostOrSubnet.empty() || hostOrSubnet.front() == '!' ||
      hostOrSubnet.find(',') != std::string_view::npos) {
    return Error{"not an address or subnet"};
  }
  return hosts_.add(false, hostOrSubnet);
}

bool LoggerFilter::addMethod(std::string_view method, bool replace) {
  enabled_ = true;
  if (replace) {
    methods_.clear();
  }
  const auto same = [method](const std::string& chosen) {
    return store::equalsIgnoreCase(chosen, method);
  };
  if (std::any_of(methods_.begin(), methods_.end(), same)) {
    return false;
  }
  methods_.emplace_back(method);
  std::sort(methods_.begin(), methods_.end(), [](const std::string& a, const std::string& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
      return sip::text::toLower(x) < sip::text::toLower(y);
    });
  });
  return true;
}

std::string LoggerFilter::methodList() const {
  std::string out;
  for (const auto& method : methods_) {
    out += (out.empty() ? "" : ", ") + method;
  }
  return out;
}

bool LoggerFilter::passes(const boost::asio::ip::address& remote, std::string_view method) const {
  if (!enabled_) {
    return false;
  }
  if (logAll_) {
    return true;
  }
  if (!methods_.empty() &&
      std::none_of(methods_.begin(), methods_.end(), [method](const std::string& chosen) {
        return store::equalsIgnoreCase(chosen, method);
      })) {
    return false;
  }
  if (hosts_.empty()) {
    return !methods_.empty();
  }
  return !hosts_.allows(remote);
}

}  // namespace sb::modules::res_pjsip
