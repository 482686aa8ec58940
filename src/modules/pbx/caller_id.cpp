#include "modules/pbx/caller_id.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstdlib>
#include <vector>

#include "core/store/option_parsers.hpp"
#include "modules/pbx/originate.hpp"

namespace sb::modules::pbx {

namespace {

struct Presentation {
  int value;
  std::string_view name;
  std::string_view description;
};

// Asterisk's table, in its order: the first row of a value gives its name and description,
// the first row of a name gives its value.
constexpr std::array<Presentation, 12> kPresentations{{
    {0x00, "allowed_not_screened", "Presentation Allowed, Not Screened"},
    {0x01, "allowed_passed_screen", "Presentation Allowed, Passed Screen"},
    {0x02, "allowed_failed_screen", "Presentation Allowed, Failed Screen"},
    {0x03, "allowed", "Presentation Allowed, Network Number"},
    {0x20, "prohib_not_screened", "Presentation Prohibited, Not Screened"},
    {0x21, "prohib_passed_screen", "Presentation Prohibited, Passed Screen"},
    {0x22, "prohib_failed_screen", "Presentation Prohibited, Failed Screen"},
    {0x23, "prohib", "Presentation Prohibited, Network Number"},
    {0x43, "unavailable", "Number Unavailable"},
    {0x40, "unavailable", "Number Unavailable"},
    {0x42, "unavailable", "Number Unavailable"},
    {0x41, "unavailable", "Number Unavailable"},
}};

bool startsNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         store::equalsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

/// AST_NONSTANDARD_APP_ARGS(member, item, '-').
std::vector<std::string_view> subnames(std::string_view item) {
  std::vector<std::string_view> out;
  while (true) {
    const auto dash = item.find('-');
    out.push_back(item.substr(0, dash));
    if (dash == std::string_view::npos) {
      return out;
    }
    item.remove_prefix(dash + 1);
  }
}

/// A presentation given as a number (atoi, as Asterisk reads one that starts with a digit)
/// or a name; -1 when neither.
int presentationValue(std::string_view text) {
  if (!text.empty() && std::isdigit(static_cast<unsigned char>(text.front()))) {
    return std::atoi(std::string(text).c_str());
  }
  return parseCallerPresentation(text);
}

/// The priority ast_party_id_presentation gives a part: lower wins.
int priority(int restriction) {
  switch (restriction) {
    case presentation::kRestricted:
      return 0;
    case presentation::kAllowed:
      return 1;
    case presentation::kUnavailable:
      return 2;
    default:
      return 3;
  }
}

}  // namespace

int parseCallerPresentation(std::string_view word) {
  for (const auto& row : kPresentations) {
    if (store::equalsIgnoreCase(row.name, word)) {
      return row.value;
    }
  }
  return -1;
}

std::string_view describeCallerPresentation(int value) {
  for (const auto& row : kPresentations) {
    if (row.value == value) {
      return row.description;
    }
  }
  return "unknown";
}

std::string_view namedCallerPresentation(int value) {
  for (const auto& row : kPresentations) {
    if (row.value == value) {
      return row.name;
    }
  }
  return "unknown";
}

int partyPresentation(const PartyId& id) {
  int nameValue = presentation::kUnavailable;
  int namePriority = 3;
  if (!id.name.empty()) {
    nameValue = id.namePresentation & presentation::kRestrictionMask;
    namePriority = priority(nameValue);
    if (namePriority == 3) {
      nameValue = presentation::kUnavailable;
    }
  }
  int numberValue = presentation::kUnavailable;
  int numberPriority = 3;
  int screening = 0;
  if (!id.number.empty()) {
    screening = id.numberPresentation & presentation::kScreeningMask;
    numberValue = id.numberPresentation & presentation::kRestrictionMask;
    numberPriority = priority(numberValue);
    if (numberPriority == 3) {
      screening = 0;
      numberValue = presentation::kUnavailable;
    }
  }
  if (namePriority < numberPriority) {
    numberValue = nameValue;
  }
  if (numberValue == presentation::kUnavailable) {
    return presentation::kNumberNotAvailable;
  }
  return numberValue | screening;
}

std::optional<std::string> readPartyItem(const PartyId& id, std::string_view item) {
  const auto names = subnames(store::trimmed(item));
  const auto& first = names.front();
  if (names.size() == 1 && store::equalsIgnoreCase(first, "all")) {
    return fmt::format("\"{}\" <{}>", id.name, id.number);
  }
  const bool isName = store::equalsIgnoreCase(first, "name");
  const bool isNumber = startsNoCase(first, "num");
  if (isName || isNumber) {
    const auto& text = isName ? id.name : id.number;
    if (names.size() == 1) {
      return text;
    }
    if (names.size() == 2 && store::equalsIgnoreCase(names[1], "valid")) {
      return text.empty() ? "0" : "1";
    }
    if (names.size() == 2 && startsNoCase(names[1], "pres")) {
      return std::string(
          namedCallerPresentation(isName ? id.namePresentation : id.numberPresentation));
    }
    return std::nullopt;
  }
  if (names.size() == 1 && startsNoCase(first, "pres")) {
    return std::string(namedCallerPresentation(partyPresentation(id)));
  }
  return std::nullopt;
}

PartyWrite writePartyItem(PartyId& id, std::string_view item, std::string_view value,
                          std::string& error) {
  const auto names = subnames(store::trimmed(item));
  const auto& first = names.front();
  value = store::trimmed(value);
  if (names.size() == 1 && store::equalsIgnoreCase(first, "all")) {
    std::tie(id.name, id.number) = parseCallerId(value);
    return PartyWrite::Valid;
  }
  const bool isName = store::equalsIgnoreCase(first, "name");
  const bool isNumber = startsNoCase(first, "num");
  if (isName || isNumber) {
    if (names.size() == 1) {
      (isName ? id.name : id.number) = std::string(value);
      return PartyWrite::Valid;
    }
    if (names.size() == 2 && startsNoCase(names[1], "pres")) {
      const int parsed = presentationValue(value);
      if (parsed < 0) {
        error = fmt::format("Unknown {} presentation '{}', value unchanged",
                            isName ? "name" : "number", value);
        return PartyWrite::Invalid;
      }
      (isName ? id.namePresentation : id.numberPresentation) = parsed;
      return PartyWrite::Valid;
    }
    return PartyWrite::Unknown;
  }
  if (names.size() == 1 && startsNoCase(first, "pres")) {
    const int combined = presentationValue(value);
    if (combined < 0) {
      error = fmt::format("Unknown combined presentation '{}', value unchanged", value);
      return PartyWrite::Invalid;
    }
    id.namePresentation = combined;
    id.numberPresentation = combined;
    return PartyWrite::Valid;
  }
  return PartyWrite::Unknown;
}

}  // namespace sb::modules::pbx
