#include "modules/chan_pjsip/dtmf_mode.hpp"

namespace sb::modules::chan_pjsip {

DtmfMethod dtmfMethod(std::string_view dtmfMode, bool telephoneEventNegotiated) {
  if (dtmfMode == "info") {
    return DtmfMethod::Info;
  }
  if (dtmfMode == "inband") {
    return DtmfMethod::Inband;
  }
  if (dtmfMode == "none") {
    return DtmfMethod::None;
  }
  if (dtmfMode == "auto") {
    return telephoneEventNegotiated ? DtmfMethod::Rfc4733 : DtmfMethod::Inband;
  }
  if (dtmfMode == "auto_info") {
    return telephoneEventNegotiated ? DtmfMethod::Rfc4733 : DtmfMethod::Info;
  }
  return DtmfMethod::Rfc4733;
}

}  // namespace sb::modules::chan_pjsip
