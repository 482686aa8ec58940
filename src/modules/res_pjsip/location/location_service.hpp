#pragma once
/// @file
/// Where each AOR can be reached: the registered (and later static) contacts, kept in memory
/// for the reactor and written through to the durable ContactStore. A change is applied in
/// memory at once and its completion is reported only once it is on disk, so the registrar
/// can answer 200 OK for exactly what survives a crash.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/util/registration.hpp"
#include "core/util/result.hpp"
#include "modules/res_pjsip/location/contact_store.hpp"

namespace sb::modules::res_pjsip {

/// Reachability of a contact as qualify sees it (Asterisk's names).
enum class ContactState { Unknown, Reachable, Unreachable, NonQualified, Removed };

/// "Reachable", "Unreachable", "Unknown", "NonQualified", "Removed".
std::string_view contactStateName(ContactState state);

/// A contact with what is known about it at run time.
struct LocatedContact {
  StoredContact data;
  ContactState state = ContactState::Unknown;
  double rttMs = std::nan("");  ///< last qualify round trip
};

/// What happened to a contact, for the log and (later) the event bus.
struct ContactEvent {
  enum class Kind { Added, Refreshed, Removed, Expired, StateChanged };
  Kind kind;
  const LocatedContact& contact;
};

class LocationService {
 public:
  /// Unix time in seconds; injectable for tests.
  using Clock = std::function<std::int64_t()>;
  using Observer = std::function<void(const ContactEvent&)>;

  /// `store` may be null (no durability: changes complete at once).
  LocationService(boost::asio::io_context& io, std::unique_ptr<ContactStore> store,
                  Clock clock = {});
  ~LocationService();

  /// Loads the stored contacts (the store drops those that expired while we were down).
  /// Call once, before anything else.
  Result<std::size_t> restore();

  /// Unexpired contacts of an AOR, ordered by id.
  std::vector<const LocatedContact*> contactsOf(std::string_view aor) const;
  /// Every unexpired contact, ordered by AOR then id.
  std::vector<const LocatedContact*> all() const;
  const LocatedContact* find(std::string_view id) const;
  std::size_t size() const;

  /// Changes to one AOR, applied in memory in order (removals first) and written as one
  /// group. `done(true)` runs on the reactor once everything is durable.
  struct Change {
    std::vector<StoredContact> put;
    std::vector<std::string> remove;
    std::string reason = "request";  ///< for the log line of removals
  };
  void apply(Change change, std::function<void(bool ok)> done);

  /// Records a qualify result; emits StateChanged when the state differs.
  void setState(std::string_view id, ContactState state, double rttMs);

  /// What qualify found for a static `contact=` of an AOR. Static contacts are
  /// configuration; only their state is kept here, by Asterisk's id (staticContactId()).
  struct StaticState {
    ContactState state = ContactState::Unknown;
    double rttMs = 0;
  };
  /// "<aor>@@<md5 of the URI>", as Asterisk names a permanent contact.
  static std::string staticContactId(const std::string& aor, const std::string& uri);
  /// Records a qualify result for a static contact of `aor` (owned by `endpoint`); emits
  /// StateChanged (ContactStatus, PeerStatus) when the state differs from the last one.
  void setStaticState(const std::string& aor, const std::string& uri, const std::string& endpoint,
                      ContactState state, double rttMs);
  std::optional<StaticState> staticState(const std::string& id) const {
    auto found = statics_.find(id);
    return found == statics_.end() ? std::nullopt : std::optional<StaticState>(found->second);
  }

  /// Removes expired contacts now (also done every `interval` once started).
  void sweep();
  void startSweeping(std::chrono::seconds interval);

  std::int64_t now() const { return clock_(); }
  /// Calls `observer` for every contact event until the registration is dropped.
  Registration addObserver(Observer observer);

 private:
  void emit(ContactEvent::Kind kind, const LocatedContact& contact);
  void scheduleSweep();
  void persist(std::vector<StoredContact> puts, std::vector<std::string> removals,
               std::function<void(bool ok)> done);

  boost::asio::io_context& io_;
  std::unique_ptr<ContactStore> store_;
  Clock clock_;
  // aor -> id -> contact
  std::map<std::string, std::map<std::string, LocatedContact>, std::less<>> byAor_;
  std::unordered_map<std::string, std::string> aorOfId_;
  std::unordered_map<std::string, StaticState> statics_;
  std::vector<std::pair<std::uint64_t, Observer>> observers_;
  std::uint64_t nextObserver_ = 1;
  boost::asio::steady_timer sweepTimer_;
  std::chrono::seconds sweepInterval_{30};
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace sb::modules::res_pjsip
