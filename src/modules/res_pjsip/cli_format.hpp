#pragma once
/// @file
/// The layout of Asterisk's `pjsip list|show` output (res_pjsip/pjsip_cli.c): titles right-
/// aligned to an indent that grows two columns per level, a 90-column rule, and a closing
/// "Objects found: N".

#include <string>
#include <string_view>

namespace sb::modules::res_pjsip {

/// Asterisk's CLI_INDENT_TO_SPACES(level): the width titles are right-aligned to.
constexpr int indentWidth(int level) {
  return level * 2 + 1 + 8;
}

/// "<title padded to the level's width>:  <rest>\n"
std::string cliRow(int level, std::string_view title, std::string_view rest);

/// The blank line, the header row(s) given, and the rule that precede a listing.
std::string cliHeader(std::string_view headerRows);

/// "\nObjects found: N\n", or "No objects found.\n" when N is 0.
std::string cliFooter(std::size_t count);

}  // namespace sb::modules::res_pjsip
