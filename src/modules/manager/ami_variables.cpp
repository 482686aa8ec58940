#include "modules/manager/ami_variables.hpp"

#include "pbx/dialplan/app_args.hpp"

namespace sb::modules::manager {

AmiFields amiVariables(const AmiMessage& message) {
  AmiFields out;
  for (const auto& header : message.all("Variable")) {
    const auto start = header.find_first_not_of(" \t");
    if (start == std::string::npos) {
      continue;
    }
    for (const auto& item : sb::pbx::splitAppArgs(std::string_view(header).substr(start))) {
      const auto eq = item.find('=');
      if (eq == std::string::npos || eq == 0) {
        continue;
      }
      out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    }
  }
  return out;
}

}  // namespace sb::modules::manager
