// Paths for #include: resolution against the configuration folder, display names, and the
// defaults that read from disk.

#include "core/config/include_paths.hpp"

#include <glob.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <vector>

namespace sb::config::detail {

namespace fs = std::filesystem;

bool hasGlobChars(std::string_view name) {
  return name.find_first_of("*?[") != std::string_view::npos;
}

fs::path resolvePath(const fs::path& configDir, std::string_view name) {
  fs::path path{std::string(name)};
  if (path.is_relative() && !configDir.empty()) {
    path = configDir / path;
  }
  return path.lexically_normal();
}

std::string displayName(const fs::path& configDir, const fs::path& resolved,
                        std::string_view asGiven) {
  fs::path dir = configDir.lexically_normal();
  if (dir == ".") {
    dir.clear();
  }
  // "/etc/asterisk/" normalises with a trailing empty element that would spoil the comparison.
  if (!dir.empty() && !dir.has_filename() && dir != dir.root_path()) {
    dir = dir.parent_path();
  }
  const fs::path relative = dir.empty() ? resolved : resolved.lexically_relative(dir);
  if (relative.empty() || relative.is_absolute() || relative == "." || *relative.begin() == "..") {
    return std::string(asGiven);
  }
  return relative.generic_string();
}

FileReader diskFileReader(std::size_t maxFileSize) {
  return [maxFileSize](const fs::path& path) -> std::optional<std::string> {
    std::error_code error;
    if (!fs::is_regular_file(path, error)) {
      return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return std::nullopt;
    }
    const std::size_t cap =
        maxFileSize == std::numeric_limits<std::size_t>::max() ? maxFileSize : maxFileSize + 1;
    std::string text;
    std::vector<char> buffer(64 * 1024);
    while (text.size() < cap) {
      const std::size_t want = std::min(buffer.size(), cap - text.size());
      in.read(buffer.data(), static_cast<std::streamsize>(want));
      const std::streamsize got = in.gcount();
      if (got <= 0) {
        break;
      }
      text.append(buffer.data(), static_cast<std::size_t>(got));
    }
    if (in.bad()) {
      return std::nullopt;
    }
    return text;
  };
}

GlobExpander diskGlobExpander() {
  return [](const fs::path& pattern) {
    std::vector<fs::path> matches;
    glob_t found{};
    if (::glob(pattern.c_str(), 0, nullptr, &found) == 0) {
      for (std::size_t i = 0; i < found.gl_pathc; ++i) {
        matches.emplace_back(found.gl_pathv[i]);
      }
    }
    ::globfree(&found);
    std::sort(matches.begin(), matches.end());
    return matches;
  };
}

}  // namespace sb::config::detail
