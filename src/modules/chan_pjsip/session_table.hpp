#pragma once
/// @file
/// Every live INVITE session, by dialog and (inbound, before the dialog is confirmed) by the
/// INVITE a CANCEL would name. The table is the sessions' owner: a session is destroyed
/// only after it has left the table, and never inside one of its own calls.

#include <boost/asio/io_context.hpp>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sip/transaction/client_transaction.hpp"

namespace sb::sip {
class Message;
}

namespace sb::modules::chan_pjsip {

class Session;

class SessionTable {
 public:
  explicit SessionTable(boost::asio::io_context& io) : io_(io) {}
  /// The reactor the sessions live on (media-thread callbacks are posted to it).
  boost::asio::io_context& io() { return io_; }

  void add(std::shared_ptr<Session> session);
  /// Files the session under its dialog (our tag, their tag).
  void addDialog(const std::string& dialogKey, const std::shared_ptr<Session>& session);
  void removeDialog(const std::string& dialogKey, const Session* session);
  /// Files an outbound session under an early dialog (a 1xx with a To tag) of its INVITE,
  /// for INVITE with Replaces only: requests are not routed by it.
  void addEarlyDialog(const std::string& dialogKey, const std::shared_ptr<Session>& session);
  /// Files an inbound session under its INVITE's Call-ID, From tag and branch (CANCEL).
  void addInvite(const std::string& inviteKey, const std::shared_ptr<Session>& session);
  /// The session leaves the table; it is destroyed later on the reactor, not during the
  /// caller's own call stack.
  void remove(const Session* session);

  std::shared_ptr<Session> findDialog(const std::string& dialogKey) const;
  std::shared_ptr<Session> findInvite(const std::string& inviteKey) const;
  std::shared_ptr<Session> findEarlyDialog(const std::string& dialogKey) const;
  std::size_t size() const { return sessions_.size(); }
  /// Every live session, oldest first (the console lists dialogs).
  std::vector<std::shared_ptr<Session>> all() const;

  /// Keeps a client transaction's handle (and so its callbacks) until it completes.
  void keep(sip::ClientTransactionHandle handle);

  /// The key CANCEL and INVITE share (RFC 3261 9.2).
  static std::string inviteKey(const sip::Message& request);

 private:
  boost::asio::io_context& io_;
  std::unordered_map<const Session*, std::shared_ptr<Session>> sessions_;
  std::unordered_map<std::string, std::weak_ptr<Session>> dialogs_;
  std::unordered_map<std::string, std::weak_ptr<Session>> invites_;
  std::unordered_map<const Session*, std::string> inviteOf_;  // to unfile in O(1)
  std::unordered_map<std::string, std::weak_ptr<Session>> earlyDialogs_;
  std::unordered_map<const Session*, std::vector<std::string>> earlyOf_;
  std::list<sip::ClientTransactionHandle> kept_;
  std::size_t keptSweepAt_ = 64;  // sweep finished handles when the list doubles
};

}  // namespace sb::modules::chan_pjsip
