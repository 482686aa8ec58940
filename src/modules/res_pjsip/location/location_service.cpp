#include "modules/res_pjsip/location/location_service.hpp"

#include "sip/auth/digest_hash.hpp"

#include <boost/asio/post.hpp>

#include "core/log/logger.hpp"

namespace sb::modules::res_pjsip {

std::string_view contactStateName(ContactState state) {
  switch (state) {
    case ContactState::Unknown:
      return "Unknown";
    case ContactState::Reachable:
      return "Reachable";
    case ContactState::Unreachable:
      return "Unreachable";
    case ContactState::NonQualified:
      return "NonQualified";
    case ContactState::Removed:
      return "Removed";
  }
  return "Unknown";
}

LocationService::LocationService(boost::asio::io_context& io, std::unique_ptr<ContactStore> store,
                                 Clock clock)
    : io_(io), store_(std::move(store)), clock_(std::move(clock)), sweepTimer_(io) {
  if (!clock_) {
    clock_ = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
}

LocationService::~LocationService() {
  *alive_ = false;
  sweepTimer_.cancel();
  store_.reset();  // commits what is queued; completions find alive_ false and do nothing
}

Result<std::size_t> LocationService::restore() {
  if (!store_) {
    return std::size_t{0};
  }
  auto loaded = store_->loadAll(now());
  if (!loaded) {
    return loaded.error();
  }
  for (auto& stored : *loaded) {
    aorOfId_[stored.id] = stored.aor;
    auto& slot = byAor_[stored.aor][stored.id];
    slot.data = std::move(stored);
  }
  return loaded->size();
}

std::vector<const LocatedContact*> LocationService::contactsOf(std::string_view aor) const {
  std::vector<const LocatedContact*> out;
  auto found = byAor_.find(aor);
  if (found == byAor_.end()) {
    return out;
  }
  const auto time = now();
  for (const auto& [id, contact] : found->second) {
    if (contact.data.expiresAt > time) {
      out.push_back(&contact);
    }
  }
  return out;
}

std::vector<const LocatedContact*> LocationService::all() const {
  std::vector<const LocatedContact*> out;
  const auto time = now();
  for (const auto& [aor, contacts] : byAor_) {
    for (const auto& [id, contact] : contacts) {
      if (contact.data.expiresAt > time) {
        out.push_back(&contact);
      }
    }
  }
  return out;
}

const LocatedContact* LocationService::find(std::string_view id) const {
  auto aor = aorOfId_.find(std::string(id));
  if (aor == aorOfId_.end()) {
    return nullptr;
  }
  const auto& contacts = byAor_.find(aor->second)->second;
  auto found = contacts.find(std::string(id));
  return found == contacts.end() || found->second.data.expiresAt <= now() ? nullptr
                                                                          : &found->second;
}

std::size_t LocationService::size() const {
  return all().size();
}

void LocationService::apply(Change change, std::function<void(bool ok)> done) {
  for (const auto& id : change.remove) {
    auto aor = aorOfId_.find(id);
    if (aor == aorOfId_.end()) {
      continue;
    }
    auto& contacts = byAor_[aor->second];
    auto found = contacts.find(id);
    if (found != contacts.end()) {
      SB_VERBOSE(3, "Removed contact '{}' from AOR '{}' due to {}", found->second.data.uri,
                 aor->second, change.reason);
      found->second.state = ContactState::Removed;
      emit(ContactEvent::Kind::Removed, found->second);
      contacts.erase(found);
    }
    if (contacts.empty()) {
      byAor_.erase(aor->second);
    }
    aorOfId_.erase(aor);
  }
  const auto time = now();
  for (const auto& stored : change.put) {
    auto& contacts = byAor_[stored.aor];
    auto [slot, added] = contacts.try_emplace(stored.id);
    // A binding that expired but was not swept yet comes back as new, so observers can rely
    // on a refresh leaving the set of live contacts (and their states) as it was.
    added = added || slot->second.data.expiresAt <= time;
    slot->second.data = stored;
    aorOfId_[stored.id] = stored.aor;
    SB_VERBOSE(3, "{} contact '{}' {} AOR '{}' with expiration of {} seconds",
               added ? "Added" : "Updated", stored.uri, added ? "to" : "for", stored.aor,
               stored.expiresAt - time);
    emit(added ? ContactEvent::Kind::Added : ContactEvent::Kind::Refreshed, slot->second);
  }
  persist(std::move(change.put), std::move(change.remove), std::move(done));
}

void LocationService::persist(std::vector<StoredContact> puts, std::vector<std::string> removals,
                              std::function<void(bool ok)> done) {
  const std::size_t operations = puts.size() + removals.size();
  if (!store_ || operations == 0) {
    if (done) {
      boost::asio::post(io_, [done = std::move(done)] { done(true); });
    }
    return;
  }
  // Completions arrive in order through the reactor; the last one answers for the group.
  struct Group {
    std::size_t left;
    bool ok = true;
    std::function<void(bool)> done;
  };
  auto group = std::make_shared<Group>(Group{operations, true, std::move(done)});
  auto completion = [group, alive = std::weak_ptr<bool>(alive_)](bool ok, std::string error) {
    if (!ok) {
      SB_ERROR("Contact store: {}", error);
      group->ok = false;
    }
    if (--group->left == 0 && group->done && !alive.expired()) {
      group->done(group->ok);
    }
  };
  for (auto& id : removals) {
    store_->remove(std::move(id), completion);
  }
  for (auto& stored : puts) {
    store_->put(std::move(stored), completion);
  }
}

void LocationService::setState(std::string_view id, ContactState state, double rttMs) {
  auto aor = aorOfId_.find(std::string(id));
  if (aor == aorOfId_.end()) {
    return;
  }
  auto& contact = byAor_[aor->second][std::string(id)];
  contact.rttMs = rttMs;
  if (contact.state != state) {
    contact.state = state;
    emit(ContactEvent::Kind::StateChanged, contact);
  }
}

std::string LocationService::staticContactId(const std::string& aor, const std::string& uri) {
  return aor + "@@" + sip::auth::hexDigest(sip::auth::HashFunction::Md5, uri).value_or("");
}

void LocationService::setStaticState(const std::string& aor, const std::string& uri,
                                     const std::string& endpoint, ContactState state,
                                     double rttMs) {
  const std::string id = staticContactId(aor, uri);
  auto& stored = statics_[id];
  const bool changed = stored.state != state;
  stored = StaticState{state, rttMs};
  if (changed) {
    LocatedContact contact;
    contact.data.id = id;
    contact.data.aor = aor;
    contact.data.uri = uri;
    contact.data.endpoint = endpoint;
    contact.state = state;
    contact.rttMs = rttMs;
    emit(ContactEvent::Kind::StateChanged, contact);
  }
}

void LocationService::sweep() {
  const auto time = now();
  std::vector<std::string> expired;
  for (auto& [aor, contacts] : byAor_) {
    for (auto& [id, contact] : contacts) {
      if (contact.data.expiresAt <= time) {
        expired.push_back(id);
      }
    }
  }
  if (expired.empty()) {
    return;
  }
  for (const auto& id : expired) {
    const auto& aor = aorOfId_[id];
    auto& contacts = byAor_[aor];
    auto found = contacts.find(id);
    SB_VERBOSE(3, "Contact {}/{} has been deleted due to expiration", aor, found->second.data.uri);
    found->second.state = ContactState::Removed;
    emit(ContactEvent::Kind::Expired, found->second);
    contacts.erase(found);
    if (contacts.empty()) {
      byAor_.erase(aor);
    }
    aorOfId_.erase(id);
  }
  persist({}, std::move(expired), nullptr);
}

void LocationService::startSweeping(std::chrono::seconds interval) {
  sweepInterval_ = interval.count() > 0 ? interval : std::chrono::seconds(30);
  scheduleSweep();
}

void LocationService::scheduleSweep() {
  sweepTimer_.expires_after(sweepInterval_);
  sweepTimer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](auto error) {
    if (error || alive.expired()) {
      return;
    }
    sweep();
    scheduleSweep();
  });
}

Registration LocationService::addObserver(Observer observer) {
  const auto id = nextObserver_++;
  observers_.emplace_back(id, std::move(observer));
  return Registration([this, id, alive = std::weak_ptr<bool>(alive_)] {
    if (!alive.expired()) {
      std::erase_if(observers_, [id](const auto& entry) { return entry.first == id; });
    }
  });
}

void LocationService::emit(ContactEvent::Kind kind, const LocatedContact& contact) {
  const ContactEvent event{kind, contact};
  for (const auto& [id, observer] : observers_) {
    observer(event);
  }
}

}  // namespace sb::modules::res_pjsip
