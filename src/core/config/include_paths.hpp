#pragma once
/// @file
/// File names for `#include`: resolving against the configuration folder, naming files in
/// diagnostics, and the default disk reader and glob expander.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/config/config_file.hpp"

namespace sb::config::detail {

/// True when `name` holds a glob metacharacter (`*`, `?` or `[`).
bool hasGlobChars(std::string_view name);

/// `configDir / name` unless `name` is absolute, lexically normalised.
std::filesystem::path resolvePath(const std::filesystem::path& configDir, std::string_view name);

/// How diagnostics name `resolved`: relative to `configDir` when it lies inside it
/// ("sub/extra.conf"), otherwise `asGiven`.
std::string displayName(const std::filesystem::path& configDir,
                        const std::filesystem::path& resolved, std::string_view asGiven);

/// Reads regular files from disk, at most `maxFileSize + 1` bytes so an oversized file is
/// detected without being loaded whole.
FileReader diskFileReader(std::size_t maxFileSize);

/// Expands a pattern with glob(3); sorted matches, empty when none.
GlobExpander diskGlobExpander();

}  // namespace sb::config::detail
