#pragma once
/// @file
/// Caller id presentation as Asterisk names and combines it (main/callerid.c's pres_types
/// table, ast_party_id_presentation), and the CALLERID()/CONNECTEDLINE() items that read and
/// write a PartyId (funcs/func_callerid.c).

#include <optional>
#include <string>
#include <string_view>

#include "modules/pbx/channel.hpp"

namespace sb::modules::pbx {

/// AST_PRES_* bits.
namespace presentation {
inline constexpr int kAllowed = 0x00;
inline constexpr int kRestricted = 0x20;
inline constexpr int kUnavailable = 0x40;
inline constexpr int kRestrictionMask = 0x60;
inline constexpr int kScreeningMask = 0x03;
inline constexpr int kNumberNotAvailable = kUnavailable | 0x03;  ///< 67
}  // namespace presentation

/// ast_parse_caller_presentation: "allowed_not_screened", "prohib", ... (any case) to its
/// value; -1 when the word is unknown.
int parseCallerPresentation(std::string_view word);
/// ast_describe_caller_presentation: "Presentation Allowed, Not Screened", or "unknown".
std::string_view describeCallerPresentation(int value);
/// ast_named_caller_presentation: "allowed_not_screened", or "unknown".
std::string_view namedCallerPresentation(int value);
/// ast_party_id_presentation: the presentation of name and number together (the more
/// restrictive one; "Number Unavailable" when neither is given). An empty name or number
/// counts as not given.
int partyPresentation(const PartyId& id);

/// Reads `item` of a party as CALLERID()/CONNECTEDLINE() do: name, num[ber], all
/// (`"name" <number>`), pres (the combined one, named), name-pres, num-pres. nullopt for an
/// item it does not know.
std::optional<std::string> readPartyItem(const PartyId& id, std::string_view item);

/// What writing an item did (func_callerid's ID_FIELD_STATUS).
enum class PartyWrite { Valid, Invalid, Unknown };
/// Writes `item` of `id` as CALLERID()/CONNECTEDLINE() do: the value's leading and trailing
/// blanks go; `all` is split as ast_callerid_split splits it; a presentation is a number or a
/// name from the table. Invalid leaves `id` as it was and sets `error` to Asterisk's log text.
PartyWrite writePartyItem(PartyId& id, std::string_view item, std::string_view value,
                          std::string& error);

}  // namespace sb::modules::pbx
