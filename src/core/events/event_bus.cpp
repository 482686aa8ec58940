#include "core/events/event_bus.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace sb::events {
namespace {

struct ClassName {
  std::uint32_t bit;
  std::string_view name;
};

// Asterisk's perms[] order (main/manager.c).
constexpr std::array<ClassName, 19> kClassNames{{
    {kSystem, "system"},
    {kCall, "call"},
    {kLog, "log"},
    {kVerbose, "verbose"},
    {kCommand, "command"},
    {kAgent, "agent"},
    {kUser, "user"},
    {kConfig, "config"},
    {kDtmf, "dtmf"},
    {kReporting, "reporting"},
    {kCdr, "cdr"},
    {kDialplan, "dialplan"},
    {kOriginate, "originate"},
    {kAgi, "agi"},
    {kCc, "cc"},
    {kAoc, "aoc"},
    {kTest, "test"},
    {kSecurity, "security"},
    {kMessage, "message"},
}};

std::string lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

}  // namespace

std::uint32_t parseClasses(std::string_view text) {
  std::uint32_t out = 0;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = lower(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (item == "all") {
      out = kAllClasses;
    } else if (item == "none") {
      out = 0;
    } else {
      for (const auto& entry : kClassNames) {
        if (entry.name == item) {
          out |= entry.bit;
        }
      }
    }
  }
  return out;
}

std::string classNames(std::uint32_t classes) {
  std::string out;
  for (const auto& entry : kClassNames) {
    if (classes & entry.bit) {
      if (!out.empty()) {
        out += ',';
      }
      out += entry.name;
    }
  }
  return out;
}

Registration EventBus::subscribe(Subscriber subscriber, std::uint32_t classes, std::uint64_t* id) {
  const auto assigned = nextId_++;
  subscribers_.push_back({assigned, std::move(subscriber), classes});
  updateInterest();
  if (id != nullptr) {
    *id = assigned;
  }
  return Registration([this, assigned] {
    std::erase_if(subscribers_, [assigned](const Entry& entry) { return entry.id == assigned; });
    updateInterest();
  });
}

void EventBus::setInterest(std::uint64_t id, std::uint32_t classes) {
  for (auto& entry : subscribers_) {
    if (entry.id == id) {
      entry.classes = classes;
    }
  }
  updateInterest();
}

void EventBus::updateInterest() {
  interest_ = 0;
  for (const auto& entry : subscribers_) {
    interest_ |= entry.classes;
  }
}

void EventBus::publish(Event event) {
  if (!wants(event.classes)) {
    return;
  }
  const auto shared = std::make_shared<const Event>(std::move(event));
  // A subscriber may subscribe or unsubscribe others while being called: iterate a copy.
  const auto subscribers = subscribers_;
  for (const auto& entry : subscribers) {
    entry.subscriber(shared);
  }
}

}  // namespace sb::events
