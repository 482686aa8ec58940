#include "modules/chan_pjsip/session_table.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>

#include "modules/chan_pjsip/session.hpp"
#include "sip/message/message.hpp"

namespace sb::modules::chan_pjsip {

void SessionTable::add(std::shared_ptr<Session> session) {
  const Session* key = session.get();
  sessions_[key] = std::move(session);
}

std::vector<std::shared_ptr<Session>> SessionTable::all() const {
  std::vector<std::shared_ptr<Session>> out;
  out.reserve(sessions_.size());
  for (const auto& [key, session] : sessions_) {
    out.push_back(session);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a->created() < b->created(); });
  return out;
}

void SessionTable::addDialog(const std::string& dialogKey,
                             const std::shared_ptr<Session>& session) {
  dialogs_[dialogKey] = session;
}

void SessionTable::removeDialog(const std::string& dialogKey, const Session* session) {
  auto found = dialogs_.find(dialogKey);
  if (found != dialogs_.end()) {
    auto live = found->second.lock();
    if (!live || live.get() == session) {
      dialogs_.erase(found);
    }
  }
}

void SessionTable::addInvite(const std::string& inviteKey,
                             const std::shared_ptr<Session>& session) {
  invites_[inviteKey] = session;
  inviteOf_[session.get()] = inviteKey;
}

void SessionTable::addEarlyDialog(const std::string& dialogKey,
                                  const std::shared_ptr<Session>& session) {
  auto& keys = earlyOf_[session.get()];
  if (std::find(keys.begin(), keys.end(), dialogKey) == keys.end()) {
    keys.push_back(dialogKey);
    earlyDialogs_[dialogKey] = session;
  }
}

void SessionTable::remove(const Session* session) {
  auto found = sessions_.find(session);
  if (found == sessions_.end()) {
    return;
  }
  auto owned = std::move(found->second);
  sessions_.erase(found);
  auto invite = inviteOf_.find(session);
  if (invite != inviteOf_.end()) {
    invites_.erase(invite->second);
    inviteOf_.erase(invite);
  }
  if (auto early = earlyOf_.find(session); early != earlyOf_.end()) {
    for (const auto& key : early->second) {
      earlyDialogs_.erase(key);
    }
    earlyOf_.erase(early);
  }
  // Destroyed from a fresh call: the session may be in the middle of one of its methods.
  boost::asio::post(io_, [owned = std::move(owned)]() mutable { owned.reset(); });
}

std::shared_ptr<Session> SessionTable::findDialog(const std::string& dialogKey) const {
  auto found = dialogs_.find(dialogKey);
  return found == dialogs_.end() ? nullptr : found->second.lock();
}

std::shared_ptr<Session> SessionTable::findInvite(const std::string& inviteKey) const {
  auto found = invites_.find(inviteKey);
  return found == invites_.end() ? nullptr : found->second.lock();
}

std::shared_ptr<Session> SessionTable::findEarlyDialog(const std::string& dialogKey) const {
  auto found = earlyDialogs_.find(dialogKey);
  return found == earlyDialogs_.end() ? nullptr : found->second.lock();
}

void SessionTable::keep(sip::ClientTransactionHandle handle) {
  if (!handle.alive()) {
    return;
  }
  kept_.push_back(std::move(handle));
  // Amortized: finished handles are swept when the list has doubled since the last sweep.
  if (kept_.size() >= keptSweepAt_) {
    std::erase_if(kept_, [](const sip::ClientTransactionHandle& h) { return !h.alive(); });
    keptSweepAt_ = std::max<std::size_t>(64, kept_.size() * 2);
  }
}

std::string SessionTable::inviteKey(const sip::Message& request) {
  auto from = request.from();
  auto via = request.topVia();
  std::string key(request.callId());
  key += '\n';
  if (from) {
    key += from->tag();
  }
  key += '\n';
  if (via) {
    key += via->branch();
  }
  return key;
}

}  // namespace sb::modules::chan_pjsip
