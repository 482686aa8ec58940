#pragma once
/// @file
/// The AMI server: the TCP listener of manager.conf [general] (re-bound when a reload changes
/// enabled/bindaddr/port), the set of sessions, authentication against manager.conf users, and
/// delivery of bus events to logged-in sessions.

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/events/event_bus.hpp"
#include "core/util/registration.hpp"
#include "modules/manager/login_throttle.hpp"
#include "modules/manager/manager_config.hpp"

namespace sb {
struct ModuleContext;
}

namespace sb::modules::manager {

class AmiRequest;
class AmiSession;
class ManagerService;

class AmiServer : public std::enable_shared_from_this<AmiServer> {
 public:
  AmiServer(ModuleContext& context, std::shared_ptr<ManagerService> actions);
  ~AmiServer();

  /// Subscribes to the bus and the store, and binds per [general].
  void start();
  /// Closes the listener and every session.
  void stop();
  /// Re-reads [general]; re-binds when enabled/bindaddr/port changed.
  void applyConfiguration();

  /// Handles Action: Login for `request` (sends every reply itself).
  void login(AmiRequest& request);
  /// Publishes one of the AMI's security events (InvalidAccountID, FailedACL, InvalidPassword,
  /// ChallengeResponseFailed, SuccessfulAuth, RequestNotAllowed, RequestBadFormat) with
  /// manager.c's values in security_events.c's field order, and logs it to the security log.
  /// `requestType` is the refused request's "Action: X" (the request events only); `extra`
  /// are the event's own fields, placed before SessionTV.
  void securityEvent(const AmiSession& session, std::string_view event, std::string_view account,
                     std::string_view requestType = {}, const events::Fields& extra = {});

  /// Seconds since start-up and since the last reload, as `core show uptime seconds` says.
  std::pair<long, long> uptime() const;

  ModuleContext& context() { return context_; }
  const ManagerGeneral& general() const { return *general_; }
  std::size_t sessionCount() const { return sessions_.size(); }

 private:
  void bind();
  void acceptNext();
  void onAccepted(boost::asio::ip::tcp::socket socket);
  void deliver(const std::shared_ptr<const events::Event>& event);
  void sessionClosed(AmiSession& session);

  ModuleContext& context_;
  std::shared_ptr<ManagerService> actions_;
  std::shared_ptr<const ManagerGeneral> general_;
  std::optional<boost::asio::ip::tcp::acceptor> acceptor_;
  std::string boundTo_;  ///< "address:port" of the current listener, "" when none
  std::map<std::uint64_t, std::shared_ptr<AmiSession>> sessions_;
  std::uint64_t nextSessionId_ = 1;
  Registration busSubscription_;
  std::uint64_t busSubscriber_ = 0;
  /// Tells the bus which classes the logged-in sessions may read, so that nobody builds
  /// events no session would take.
  void updateBusInterest();
  Registration storeObserver_;
  LoginThrottle throttle_;
  std::chrono::steady_clock::time_point loadedAt_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point reloadedAt_ = loadedAt_;
};

}  // namespace sb::modules::manager
