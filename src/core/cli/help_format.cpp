#include "core/cli/help_format.hpp"

namespace sb::cli::detail {
namespace {

// Asterisk pads the command column to 30 characters and never truncates it.
constexpr std::size_t kCommandColumn = 30;
// Asterisk indents continuation lines of usage texts to line up after "Usage: ".
constexpr std::string_view kUsageIndent = "       ";

}  // namespace

std::string defaultUsage(std::string_view syntax, std::string_view synopsis) {
  std::string text = "Usage: ";
  text += syntax;
  text += '\n';
  if (!synopsis.empty()) {
    text += kUsageIndent;
    text += synopsis;
    text += '\n';
  }
  return text;
}

std::string helpLine(std::string_view command, std::string_view synopsis) {
  std::string line(command);
  if (line.size() < kCommandColumn) {
    line.append(kCommandColumn - line.size(), ' ');
  }
  line += " -- ";
  line += synopsis.empty() ? std::string_view("<no description available>") : synopsis;
  line += '\n';
  return line;
}

}  // namespace sb::cli::detail
