#include "modules/res_pjsip/cli_format.hpp"

#include <fmt/format.h>

namespace sb::modules::res_pjsip {

std::string cliRow(int level, std::string_view title, std::string_view rest) {
  return fmt::format("{:>{}}:  {}\n", title, indentWidth(level), rest);
}

std::string cliHeader(std::string_view headerRows) {
  return fmt::format("\n{}{}\n\n", headerRows, std::string(90, '='));
}

std::string cliFooter(std::size_t count) {
  if (count == 0) {
    return "No objects found.\n";
  }
  return fmt::format("\nObjects found: {}\n", count);
}

}  // namespace sb::modules::res_pjsip
