#include "modules/pbx/transfer_events.hpp"

#include "modules/pbx/bridge.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {

std::string transferResultText(TransferResult result) {
  switch (result) {
    case TransferResult::Fail:
      return "Fail";
    case TransferResult::Invalid:
      return "Invalid";
    case TransferResult::NotPermitted:
      return "Not Permitted";
    case TransferResult::Success:
      return "Success";
  }
  return "Fail";
}

events::Fields blindTransferFields(PbxService& pbx, TransferResult result,
                                   const Channel& transferer, const Channel* transferee,
                                   const std::string& context, const std::string& exten,
                                   bool external) {
  events::Fields fields{{"Result", transferResultText(result)}};
  auto add = [&fields](events::Fields more) {
    fields.insert(fields.end(), std::make_move_iterator(more.begin()),
                  std::make_move_iterator(more.end()));
  };
  add(pbx.channelFields(transferer, "Transferer"));
  if (transferee) {
    add(pbx.channelFields(*transferee, "Transferee"));
  }
  if (!transferer.bridgeId.empty()) {
    add(bridgeFields(transferer.bridgeId, 2));
  }
  fields.emplace_back("IsExternal", external ? "Yes" : "No");
  fields.emplace_back("Context", context);
  fields.emplace_back("Extension", exten);
  return fields;
}

}  // namespace sb::modules::pbx
