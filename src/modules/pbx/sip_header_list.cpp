#include "modules/pbx/sip_header_list.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/store/option_parsers.hpp"

namespace sb::modules::pbx {

namespace {

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         store::equalsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

/// res_pjsip_header_funcs' repeat check: skip `name` when its first occurrence in the list
/// so far is a whole entry whose second character is a comma (true only for one letter).
bool pjsipListsAlready(const std::string& listed, const std::string& name) {
  const auto at = listed.find(name);
  if (at == std::string::npos || at + 1 >= listed.size() || listed[at + 1] != ',') {
    return false;
  }
  return at == 0 || listed[at - 1] == ',';
}

/// chan_sip's check: is `name` already one of the comma-terminated entries?
bool chanSipListsAlready(const std::string& listed, const std::string& name) {
  const std::string token = name + ",";
  for (auto at = listed.find(token); at != std::string::npos; at = listed.find(token, at + 1)) {
    if (at == 0 || listed[at - 1] == ',') {
      return true;
    }
  }
  return false;
}

}  // namespace

bool headerNameMatches(std::string_view name, std::string_view pattern) {
  if (!pattern.empty() && pattern.back() == '*') {
    return startsWithIgnoringCase(name, pattern.substr(0, pattern.size() - 1));
  }
  return store::equalsIgnoreCase(name, pattern);
}

void SipHeaderList::assign(std::vector<SipHeader> headers) {
  exists_ = true;
  headers_ = std::move(headers);
}

void SipHeaderList::add(std::string name, std::string value) {
  exists_ = true;
  headers_.push_back({std::move(name), std::move(value)});
}

std::optional<std::string> SipHeaderList::read(std::string_view pattern, int number) const {
  int seen = 0;
  for (const auto& header : headers_) {
    if (headerNameMatches(header.name, pattern) && ++seen == number) {
      return header.value;
    }
  }
  return std::nullopt;
}

SipHeaderList::UpdateResult SipHeaderList::update(std::string_view name, int number,
                                                  std::string value) {
  if (!exists_) {
    return UpdateResult::NoList;
  }
  int seen = 0;
  for (auto& header : headers_) {
    // An exact name: update takes no `*` patterns.
    if (store::equalsIgnoreCase(header.name, name) && ++seen == number) {
      header.value = std::move(value);
      return UpdateResult::Updated;
    }
  }
  return UpdateResult::NoSuchHeader;
}

std::optional<std::size_t> SipHeaderList::remove(std::string_view pattern) {
  if (!exists_) {
    return std::nullopt;
  }
  return std::erase_if(
      headers_, [&](const SipHeader& header) { return headerNameMatches(header.name, pattern); });
}

std::string SipHeaderList::names(std::string_view prefix, HeaderNameList style) const {
  std::string listed;
  for (const auto& header : headers_) {
    if (style == HeaderNameList::Pjsip) {
      if (!startsWithIgnoringCase(header.name, prefix) || pjsipListsAlready(listed, header.name)) {
        continue;
      }
    } else {
      const bool all = prefix.empty() || prefix == "*";
      if ((!all && !std::string_view(header.name).starts_with(prefix)) ||
          chanSipListsAlready(listed, header.name)) {
        continue;
      }
    }
    listed += header.name;
    listed += ',';
  }
  if (!listed.empty()) {
    listed.pop_back();
  }
  return listed;
}

std::vector<SipHeader> SipHeaderList::take() {
  exists_ = false;
  return std::exchange(headers_, {});
}

}  // namespace sb::modules::pbx
