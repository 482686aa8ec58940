#pragma once
/// @file
/// Value parsers shared by option tables, with Asterisk's spelling rules.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"

namespace sb::store {

/// Asterisk's ast_true/ast_false: yes/true/y/t/1/on and no/false/n/f/0/off, any case.
std::optional<bool> parseBoolean(std::string_view text);
/// A decimal unsigned integer within [min, max].
Result<std::uint64_t> parseUnsigned(std::string_view text, std::uint64_t min, std::uint64_t max);
/// A decimal signed integer within [min, max].
Result<std::int64_t> parseSigned(std::string_view text, std::int64_t min, std::int64_t max);
/// A decimal number within [min, max] (e.g. "0.5").
Result<double> parseDouble(std::string_view text, double min, double max);
/// Splits a comma-separated list, trimming items and dropping empty ones.
std::vector<std::string> splitList(std::string_view text);
/// Trims ASCII whitespace at both ends.
std::string_view trimmed(std::string_view text);
/// Joins with ",".
std::string joinList(const std::vector<std::string>& items);
/// Case-insensitive equality.
bool equalsIgnoreCase(std::string_view a, std::string_view b);
/// ASCII lower-case copy (case-insensitive keys).
std::string lowered(std::string_view text);

}  // namespace sb::store
