#pragma once
/// @file
/// Every dialplan function (and the SIPDtmfMode application) chan_pjsip offers: the object
/// readers PJSIP_ENDPOINT, PJSIP_AOR and PJSIP_CONTACT, PJSIP_DIAL_CONTACTS,
/// PJSIP_PARSE_URI(_FROM), the per-call PJSIP_DTMF_MODE and PJSIP_MEDIA_OFFER, and chan_sip's
/// SIPPEER, CHECKSIPDOMAIN and SIPDtmfMode.

#include "core/util/registration.hpp"
#include "modules/pbx/pbx_service.hpp"
#include "modules/res_pjsip/location/location_service.hpp"

namespace sb::store {
class ObjectStore;
}

namespace sb::modules::chan_pjsip {

/// Registers them all with `pbx`; `store` and `location` must outlive the registrations.
[[nodiscard]] Registrations addPjsipFunctions(pbx::PbxService& pbx, const store::ObjectStore& store,
                                              const res_pjsip::LocationService& location);

}  // namespace sb::modules::chan_pjsip
