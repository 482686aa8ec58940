#pragma once
/// @file
/// The event bus: modules publish events (contact and registration changes, security events,
/// later channels and bridges) and consumers (AMI, later metrics) subscribe. Events are
/// AMI-shaped: a name, the permission classes that may see them (manager.conf read=), and
/// ordered fields. Reactor thread only; publishing calls each subscriber in order and never
/// blocks (subscribers queue what they cannot deliver at once).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/registration.hpp"

namespace sb::events {

/// AMI permission classes (manager.conf read=/write=, the Privilege: header), as bits.
enum Class : std::uint32_t {
  kSystem = 1u << 0,
  kCall = 1u << 1,
  kLog = 1u << 2,
  kVerbose = 1u << 3,
  kCommand = 1u << 4,
  kAgent = 1u << 5,
  kUser = 1u << 6,
  kConfig = 1u << 7,
  kDtmf = 1u << 8,
  kReporting = 1u << 9,
  kCdr = 1u << 10,
  kDialplan = 1u << 11,
  kOriginate = 1u << 12,
  kAgi = 1u << 13,
  kCc = 1u << 14,
  kAoc = 1u << 15,
  kTest = 1u << 16,
  kSecurity = 1u << 17,
  kMessage = 1u << 18,
};
inline constexpr std::uint32_t kAllClasses = (1u << 19) - 1;

/// Parses "system,call" / "all" / "none" (case-insensitive; unknown names are ignored, as
/// Asterisk does). Returns the bits.
std::uint32_t parseClasses(std::string_view text);

/// "system,call" in Asterisk's order; "" for none.
std::string classNames(std::uint32_t classes);

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Event {
  std::string name;  ///< AMI event name, e.g. "ContactStatus"
  std::uint32_t classes = kSystem;
  Fields fields;  ///< in AMI order, without Event/Privilege
  std::chrono::system_clock::time_point when = std::chrono::system_clock::now();
};

class EventBus {
 public:
  using Subscriber = std::function<void(const std::shared_ptr<const Event>& event)>;

  /// Adds a subscriber that takes events of `classes` (it may change them later with
  /// setInterest, by the id written to `id`); the registration removes it.
  [[nodiscard]] Registration subscribe(Subscriber subscriber, std::uint32_t classes = kAllClasses,
                                       std::uint64_t* id = nullptr);
  /// Changes the classes a subscriber takes (e.g. AMI: the read permissions of the sessions
  /// logged in now; none while nobody is).
  void setInterest(std::uint64_t id, std::uint32_t classes);

  /// Delivers `event` to every subscriber, in subscription order, when one takes its classes.
  void publish(Event event);

  /// Cheap test before building an event nobody would receive: does any subscriber take all
  /// of `classes`? (A conservative answer: the classes of all subscribers together.)
  bool wants(std::uint32_t classes) const {
    return interest_ != 0 && (interest_ & classes) == classes;
  }

  /// Asterisk's test framework events (`TestEvent`, class test), published only when
  /// switched on by `--test-events` or switchboard.conf `[options] testevents = yes`.
  void setTestEvents(bool on) { testEvents_ = on; }
  bool testEvents() const { return testEvents_ && wants(kTest); }

 private:
  struct Entry {
    std::uint64_t id;
    Subscriber subscriber;
    std::uint32_t classes;
  };
  void updateInterest();

  std::vector<Entry> subscribers_;
  std::uint32_t interest_ = 0;  ///< the classes of all subscribers together
  std::uint64_t nextId_ = 1;
  bool testEvents_ = false;
};

}  // namespace sb::events
