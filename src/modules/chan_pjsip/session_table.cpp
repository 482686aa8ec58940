#include "modules/chan_pjsip/session_table.hpp"

#include <boost/asio/post.hpp>

#include "modules/chan_pjsip/session.hpp"
#include "sip/message/message.hpp"

namespace sb::modules::chan_pjsip {

void SessionTable::add(std::shared_ptr<Session> session) {
  const Session* key = session.get();
  sessions_[key] = std::move(session);
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
}

void SessionTable::remove(const Session* session) {
  auto found = sessions_.find(session);
  if (found == sessions_.end()) {
    return;
  }
  auto owned = std::move(found->second);
  sessions_.erase(found);
  std::erase_if(invites_, [session](const auto& entry) {
    auto live = entry.second.lock();
    return !live || live.get() == session;
  });
  std::erase_if(kept_, [](const sip::ClientTransactionHandle& h) { return !h.alive(); });
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

void SessionTable::keep(sip::ClientTransactionHandle handle) {
  std::erase_if(kept_, [](const sip::ClientTransactionHandle& h) { return !h.alive(); });
  if (handle.alive()) {
    kept_.push_back(std::move(handle));
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
