#pragma once
/// @file
/// Dialplan jumps and subroutine frames, as pbx.c's ast_parseable_goto and app_stack's
/// Gosub/Return do them. The runner moves on by one priority after every application, so a
/// jump leaves the channel one priority before its target.

#include <string_view>

#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {

class PbxService;

/// Goes to `[[context,]exten,]priority` (a number, `+N`/`-N`, or a label). False, with
/// Asterisk's warning, when the target does not parse or the label is unknown.
bool jumpTo(PbxService& pbx, Channel& channel, std::string_view target);

/// Gosub: `[[context,]exten,]priority[(arg1[,...])]`. Saves the return address (marked
/// `special` for a subroutine that Dial or another application runs and waits for), sets
/// ARG1..ARGn and ARGC, and jumps. False, with Asterisk's error and the channel where it
/// was, when the address is invalid or leads nowhere.
bool enterGosub(PbxService& pbx, Channel& channel, std::string_view data, bool special = false);

/// What Return did.
enum class ReturnResult {
  Returned,         ///< back after the Gosub; the dialplan goes on
  SubroutineEnded,  ///< back from a special frame: whoever ran the subroutine takes over
  NoFrame,          ///< nothing to return to (logged)
};
/// Return: restores the location and the ARGn of the innermost frame and sets GOSUB_RETVAL.
ReturnResult leaveGosub(PbxService& pbx, Channel& channel, std::string_view returnValue);

/// Drops frames down to and including the innermost special one (an abnormal end of a
/// subroutine), restoring the variables they saved.
void dropSubroutineFrames(Channel& channel);

}  // namespace sb::modules::pbx
