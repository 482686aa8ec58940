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

namespace {

void append(events::Fields& fields, events::Fields more) {
  fields.insert(fields.end(), std::make_move_iterator(more.begin()),
                std::make_move_iterator(more.end()));
}

}  // namespace

events::Fields blindTransferFields(PbxService& pbx, TransferResult result,
                                   const Channel& transferer, const Channel* transferee,
                                   const std::string& context, const std::string& exten,
                                   bool external) {
  events::Fields fields{{"Result", transferResultText(result)}};
  append(fields, pbx.channelFields(transferer, "Transferer"));
  if (transferee) {
    append(fields, pbx.channelFields(*transferee, "Transferee"));
  }
  if (!transferer.bridgeId.empty()) {
    append(fields, bridgeFields(transferer.bridgeId, 2));
  }
  fields.emplace_back("IsExternal", external ? "Yes" : "No");
  fields.emplace_back("Context", context);
  fields.emplace_back("Extension", exten);
  return fields;
}

events::Fields attendedTransferFields(PbxService& pbx, TransferResult result,
                                      const Channel& origTransferer, const std::string& origBridge,
                                      const Channel& secondTransferer,
                                      const std::string& secondBridge, const Channel* transferee,
                                      const Channel* target, bool external) {
  events::Fields fields{{"Result", transferResultText(result)}};
  append(fields, pbx.channelFields(origTransferer, "OrigTransferer"));
  if (!origBridge.empty()) {
    append(fields, bridgeFields(origBridge, 2, "Orig"));
  }
  append(fields, pbx.channelFields(secondTransferer, "SecondTransferer"));
  if (!secondBridge.empty()) {
    append(fields, bridgeFields(secondBridge, 2, "Second"));
  }
  if (transferee) {
    append(fields, pbx.channelFields(*transferee, "Transferee"));
  }
  if (target) {
    append(fields, pbx.channelFields(*target, "TransferTarget"));
  }
  fields.emplace_back("IsExternal", external ? "Yes" : "No");
  return fields;
}

}  // namespace sb::modules::pbx
