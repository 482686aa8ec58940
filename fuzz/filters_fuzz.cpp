// libFuzzer target for the hand-written filter languages: AMI advanced event filter criteria
// (`eventfilter(action(...),name(...),header(...),method(...))`) and res_pjsip_history's
// `where` expressions. Input: the first line is an event filter criteria, the rest the words
// of a `where` expression.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "modules/manager/event_filter.hpp"
#include "modules/res_pjsip/trace/history_filter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto newline = text.find('\n');
  const std::string_view criteria = text.substr(0, newline);
  const std::string_view rest =
      newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);

  // The criteria parser; the patterns stay trivial (regular expressions are the library's).
  sb::modules::manager::EventFilters filters;
  (void)filters.add(criteria, "x");
  (void)filters.add(criteria, "!x");
  (void)filters.add(criteria, "");
  (void)filters.passes("Event: Hangup\r\nChannel: PJSIP/x-1\r\nCause: 16\r\n");

  std::vector<std::string> words;
  std::istringstream stream{std::string(rest)};
  for (std::string word; stream >> word && words.size() < 64;) {
    words.push_back(word);
  }
  if (auto filter = sb::modules::res_pjsip::HistoryFilter::parse(words)) {
    sb::modules::res_pjsip::HistoryFields fields;
    fields.number = 7;
    fields.timestamp = 1700000000;
    fields.method = std::string_view("INVITE");
    fields.callId = "abc@192.0.2.1";
    (void)filter->matches(fields);
  }
  return 0;
}
