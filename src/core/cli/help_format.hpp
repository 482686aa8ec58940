#pragma once
/// @file
/// Text layouts borrowed from Asterisk's CLI so scripts and people used to it feel at home.

#include <string>
#include <string_view>

namespace sb::cli::detail {

/// Usage text for a declaration that has none: "Usage: <syntax>\n       <synopsis>\n".
std::string defaultUsage(std::string_view syntax, std::string_view synopsis);

/// One line of the `core show help` listing, Asterisk's "%-30s -- %s\n"; an empty synopsis
/// shows as "<no description available>" as in Asterisk.
std::string helpLine(std::string_view command, std::string_view synopsis);

}  // namespace sb::cli::detail
