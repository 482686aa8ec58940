#include "modules/chan_pjsip/functions/standard_args.hpp"

#include <optional>

namespace sb::modules::chan_pjsip {

std::vector<std::string> standardArgs(std::string_view data, std::size_t count) {
  std::vector<std::string> out;
  if (count == 0) {
    return out;
  }
  int paren = 0;
  int bracket = 0;
  bool quote = false;
  std::optional<std::size_t> lastDelimiter;
  std::size_t i = 0;
  while (i < data.size() && out.size() < count - 1) {
    std::string arg;
    for (; i < data.size(); ++i) {
      const char c = data[i];
      if (c == '(') {
        ++paren;
      } else if (c == ')') {
        paren -= paren > 0 ? 1 : 0;
      } else if (c == '[') {
        ++bracket;
      } else if (c == ']') {
        bracket -= bracket > 0 ? 1 : 0;
      } else if (c == '"') {
        quote = !quote;
        continue;  // the quote itself is removed
      } else if (c == '\\') {
        // The backslash goes; the next character is taken as it is.
        if (i + 1 < data.size()) {
          arg += data[++i];
        }
        continue;
      } else if (c == ',' && paren == 0 && !quote && bracket == 0) {
        lastDelimiter = i++;
        break;
      }
      arg += c;
    }
    out.push_back(std::move(arg));
  }
  if (i < data.size() || (lastDelimiter && *lastDelimiter + 1 == i)) {
    out.emplace_back(data.substr(i));
  }
  return out;
}

}  // namespace sb::modules::chan_pjsip
