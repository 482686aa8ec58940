#pragma once
/// @file
/// Local channels (Asterisk's chan_local / core_local): `Local/exten@context` is a pair of
/// channels, ";1" the leg whoever dialled it holds and ";2" running the dialplan at
/// exten@context. Indications, answer, hang-up and digits cross from one half to the other.
/// Media is always "optimised": once ";2" is bridged with a real channel, ";1" carries that
/// channel's media, so a bridge with ";1" relays directly between the two real channels (an
/// application that plays media on ";2" itself, such as Echo, has none).

#include "core/util/registration.hpp"

namespace sb::modules::pbx {

class PbxService;

/// Registers the "Local" channel driver (Dial(Local/exten@context[/n]); the /n option is
/// accepted and changes nothing).
[[nodiscard]] Registrations addLocalChannels(PbxService& pbx);

}  // namespace sb::modules::pbx
