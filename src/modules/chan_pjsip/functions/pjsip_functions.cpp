#include "modules/chan_pjsip/functions/pjsip_functions.hpp"

#include "modules/chan_pjsip/functions/channel_functions.hpp"
#include "modules/chan_pjsip/functions/dial_contacts.hpp"
#include "modules/chan_pjsip/functions/legacy_functions.hpp"
#include "modules/chan_pjsip/functions/object_functions.hpp"
#include "modules/chan_pjsip/functions/parse_uri.hpp"

namespace sb::modules::chan_pjsip {

Registrations addPjsipFunctions(pbx::PbxService& pbx, const store::ObjectStore& store,
                                const res_pjsip::LocationService& location) {
  Registrations out;
  out += addObjectFunctions(pbx, store, location);
  out += addDialContactsFunction(pbx, store, location);
  out += addParseUriFunctions(pbx);
  out += addChannelFunctions(pbx, store);
  out += addLegacyFunctions(pbx, store, location);
  return out;
}

}  // namespace sb::modules::chan_pjsip
