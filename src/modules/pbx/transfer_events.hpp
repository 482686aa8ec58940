#pragma once
/// @file
/// The AMI fields of transfer events, shared by SIP REFER transfers and the bridge's DTMF
/// transfers (stasis_bridges.c: blind_transfer_to_ami and its result strings).

#include <string>

#include "core/events/event_bus.hpp"
#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {

class PbxService;

/// BlindTransfer's and AttendedTransfer's Result.
enum class TransferResult { Fail, Invalid, NotPermitted, Success };

/// "Fail", "Invalid", "Not Permitted", "Success".
std::string transferResultText(TransferResult result);

/// BlindTransfer's fields: Result, the Transferer and Transferee snapshots, the transferer's
/// bridge, IsExternal (Yes for a protocol transfer such as REFER, No for a DTMF feature),
/// Context and Extension.
events::Fields blindTransferFields(PbxService& pbx, TransferResult result,
                                   const Channel& transferer, const Channel* transferee,
                                   const std::string& context, const std::string& exten,
                                   bool external);

/// AttendedTransfer's fields up to DestType: Result, OrigTransferer (with its bridge, prefix
/// Orig), SecondTransferer (with its bridge, prefix Second), Transferee and TransferTarget when
/// known, IsExternal.
events::Fields attendedTransferFields(PbxService& pbx, TransferResult result,
                                      const Channel& origTransferer, const std::string& origBridge,
                                      const Channel& secondTransferer,
                                      const std::string& secondBridge, const Channel* transferee,
                                      const Channel* target, bool external);

}  // namespace sb::modules::pbx
