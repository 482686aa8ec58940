#pragma once
/// @file
/// The service the manager module publishes (`context.services.find<ManagerService>()`) so
/// that other modules add AMI actions, and the request object each action handler receives.
///
///   auto ami = context.services.find<manager::ManagerService>();
///   out += ami->addAction("PJSIPQualify", events::kSystem | events::kReporting,
///                         "Qualify a chan_pjsip endpoint.", [](manager::AmiRequest& request) {
///     if (request.get("Endpoint").empty()) { request.error("Endpoint parameter missing."); return;
///     } request.success("Endpoint found, will qualify");
///   });
///
/// Reactor thread only. A handler replies before returning, or keeps `request.shared()` and
/// replies later (the reply is dropped if the client has gone by then).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/events/event_bus.hpp"  // events::kSystem etc. for writeClasses
#include "core/util/registration.hpp"
#include "modules/manager/ami_message.hpp"

namespace sb::modules::manager {

class AmiSession;

/// One action invocation: the message, who sent it, and Asterisk-shaped reply helpers. Every
/// reply echoes the request's ActionID.
class AmiRequest : public std::enable_shared_from_this<AmiRequest> {
 public:
  /// Where replies go: one complete serialized message (or several) at a time.
  using Sink = std::function<void(std::string text)>;

  AmiRequest(AmiMessage message, Sink sink, std::weak_ptr<AmiSession> session = {});

  /// The Action: header as sent.
  std::string action() const { return message_.get("Action"); }
  /// First value of header `key` (case-insensitive), "" when absent.
  std::string get(std::string_view key) const { return message_.get(key); }
  /// True if header `key` is present (even empty).
  bool has(std::string_view key) const { return message_.find(key).has_value(); }
  /// Every value of a repeated header (Variable:), in order.
  std::vector<std::string> all(std::string_view key) const { return message_.all(key); }
  const AmiMessage& message() const { return message_; }
  /// The ActionID: header, "" when absent.
  const std::string& actionId() const { return actionId_; }

  /// The logged-in user's name and classes ("" / 0 before Login).
  const std::string& username() const { return username_; }
  std::uint32_t readClasses() const { return readClasses_; }
  std::uint32_t writeClasses() const { return writeClasses_; }

  /// `Response: Success / ActionID / [Message: message] / extra... / blank line`.
  void success(std::string_view message = {}, const AmiFields& extra = {});
  /// `Response: Error / ActionID / Message: message`.
  void error(std::string_view message);
  /// Any response: `Response: <response> / ActionID / [Message] / extra...`.
  void respond(std::string_view response, std::string_view message, const AmiFields& extra = {});

  /// Event-list framing (Asterisk's astman_send_listack / list_complete):
  /// `Response: Success / ActionID / EventList: start / Message: message`.
  void listStart(std::string_view message);
  /// `Event: event / ActionID / fields...` (counted for ListItems).
  void listItem(std::string_view event, const AmiFields& fields);
  /// `Event: completeEvent / ActionID / EventList: Complete / ListItems: N / extra...`.
  void listComplete(std::string_view completeEvent, const AmiFields& extra = {});

  /// Writes raw, already serialized text (for unusual shapes such as ListCommands).
  void sendRaw(std::string text);

  /// Keep this to reply after the handler returns.
  std::shared_ptr<AmiRequest> shared() { return shared_from_this(); }
  /// True once success/error/respond/listComplete ran.
  bool replied() const { return replied_; }
  /// The session (built-in actions only; empty for requests made in tests).
  std::shared_ptr<AmiSession> session() const { return session_.lock(); }

  /// Filled by the session before dispatch.
  void setUser(std::string username, std::uint32_t readClasses, std::uint32_t writeClasses);

 private:
  std::string begin(std::string_view response) const;

  AmiMessage message_;
  Sink sink_;
  std::weak_ptr<AmiSession> session_;
  std::string actionId_;
  std::string username_;
  std::uint32_t readClasses_ = 0;
  std::uint32_t writeClasses_ = 0;
  std::size_t listItems_ = 0;
  bool replied_ = false;
};

/// The table of AMI actions. Names are matched case-insensitively.
class ManagerService {
 public:
  using Handler = std::function<void(AmiRequest&)>;

  struct Action {
    std::string name;                ///< as registered, e.g. "PJSIPShowEndpoints"
    std::uint32_t writeClasses = 0;  ///< write= classes needed (any one of them); 0: everyone
    std::string synopsis;
    Handler handler;
  };

  /// Adds an action; the Registration removes it. Throws std::invalid_argument when the name
  /// is taken or empty, or the handler is missing.
  [[nodiscard]] Registration addAction(std::string name, std::uint32_t writeClasses,
                                       std::string synopsis, Handler handler);

  /// The action named `name` (case-insensitive), or nullptr.
  const Action* find(std::string_view name) const;
  /// Every action, sorted by name case-insensitively (ListCommands order).
  std::vector<const Action*> list() const;

  /// Whether a user with `userWriteClasses` may run `action` (Asterisk: any shared bit, or an
  /// action that needs none).
  static bool allowed(const Action& action, std::uint32_t userWriteClasses) {
    return action.writeClasses == 0 || (action.writeClasses & userWriteClasses) != 0;
  }

 private:
  std::map<std::string, std::shared_ptr<Action>> actions_;  ///< by lower-case name
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace sb::modules::manager
