#pragma once
/// @file
/// The PBX core as other modules see it: channel drivers register their technology ("PJSIP",
/// "SIP") and hand inbound channels to the dialplan; applications and functions are looked
/// up here by the dialplan runner. Reactor thread only.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/events/event_bus.hpp"
#include "core/util/registration.hpp"
#include "modules/pbx/channel.hpp"
#include "modules/pbx/device_states.hpp"
#include "pbx/dialplan/dialplan.hpp"
#include "pbx/features/features_config.hpp"

namespace sb::modules::pbx {

/// A channel technology: creates outbound channels for dial strings "TECH/resource".
class ChannelDriver {
 public:
  virtual ~ChannelDriver() = default;
  /// Channels for `resource` (an endpoint with several contacts gives one channel per
  /// contact, rung in parallel). Empty with `cause` set when nothing can be called.
  virtual std::vector<std::shared_ptr<Channel>> request(const std::string& resource,
                                                        const Channel* requestor, int& cause) = 0;
};

/// What an application returns: keep going, or hang up (Asterisk's non-zero return).
enum class AppResult { Continue, Hangup };

class PbxService;
using Application = std::function<boost::asio::awaitable<AppResult>(
    PbxService&, std::shared_ptr<Channel>, std::string data)>;
/// Reads a dialplan function; `error` set for bad arguments.
using FunctionRead = std::function<std::optional<std::string>(
    PbxService&, Channel*, const std::string& args, std::string& error)>;
/// Writes a dialplan function (Set(FUNC(args)=value)); false with `error` on failure.
using FunctionWrite = std::function<bool(PbxService&, Channel*, const std::string& args,
                                         const std::string& value, std::string& error)>;

struct ApplicationInfo {
  Application run;
  std::string synopsis;
  std::string name;  ///< as registered ("Answer"); filled in by addApplication
};
struct FunctionInfo {
  FunctionRead read;
  FunctionWrite write;
  std::string synopsis;
  /// `core show functions` and `core show function`: "PJSIP_AOR(name,field)"; empty gives
  /// "NAME()". The texts below are Asterisk's documentation; empty ones show as not available.
  std::string syntax;
  std::string description;
  std::string arguments;
  std::string seeAlso;
  std::string since;       ///< versions that brought it, "13.2.0"
  std::string providedBy;  ///< the Asterisk module that has it, "func_pjsip_aor"
};

class PbxService : public std::enable_shared_from_this<PbxService> {
 public:
  PbxService(boost::asio::io_context& io, events::EventBus& events);

  boost::asio::io_context& io() { return io_; }
  events::EventBus& events() { return events_; }

  // Dialplan.
  std::shared_ptr<const sb::pbx::Dialplan> dialplan() const { return dialplan_; }
  void setDialplan(std::shared_ptr<const sb::pbx::Dialplan> dialplan);
  /// Where prompts are found: astdatadir/sounds.
  const std::string& soundsDir() const { return soundsDir_; }
  void setSoundsDir(std::string dir) { soundsDir_ = std::move(dir); }
  /// features.conf as read at load (Asterisk's defaults without one).
  const sb::pbx::FeaturesConfig& features() const { return *features_; }
  void setFeatures(sb::pbx::FeaturesConfig features) {
    features_ = std::make_shared<const sb::pbx::FeaturesConfig>(std::move(features));
  }
  /// [globals] plus Set(GLOBAL(x)=...) values.
  std::map<std::string, std::string>& globals() { return globals_; }

  // Technologies, applications, functions.
  [[nodiscard]] Registration addDriver(const std::string& tech, std::shared_ptr<ChannelDriver> d);
  std::shared_ptr<ChannelDriver> driver(const std::string& tech) const;
  [[nodiscard]] Registration addApplication(const std::string& name, ApplicationInfo app);
  const ApplicationInfo* application(const std::string& name) const;
  const std::map<std::string, ApplicationInfo>& applications() const { return apps_; }
  [[nodiscard]] Registration addFunction(const std::string& name, FunctionInfo function);
  const FunctionInfo* function(const std::string& name) const;
  const std::map<std::string, FunctionInfo>& functions() const { return functions_; }

  // Channels.

  /// A new channel named "<tech>/<device>-<8 hex digits>" with a fresh unique id, filed in
  /// the registry; announce() it once filled in.
  std::shared_ptr<Channel> newChannel(const std::string& tech, const std::string& device,
                                      std::shared_ptr<ChannelTech> driver, bool outbound,
                                      const Channel* requestor = nullptr);
  /// The same with the name given (Local channels' ";1"/";2" halves share a number).
  std::shared_ptr<Channel> newNamedChannel(std::string name, const std::string& tech,
                                           const std::string& device,
                                           std::shared_ptr<ChannelTech> driver, bool outbound,
                                           const Channel* requestor = nullptr);
  /// A fresh "<tech>/<device>-<8 hex digits>".
  std::string nextChannelName(const std::string& tech, const std::string& device);
  /// Publishes Newchannel once the driver has filled in the channel (location, caller id).
  void announce(Channel& channel);
  /// Runs the dialplan for an inbound channel at its context/exten/priority; the channel
  /// is hung up and released when the dialplan ends.
  void startDialplan(std::shared_ptr<Channel> channel);
  /// Asterisk's ast_async_goto: sends a live channel to `target`. Whatever drives it acts on
  /// the request: its dialplan continues there, a Dial it is bridged in ends (the other leg
  /// hangs up unless it is redirected too). False when the channel has hung up.
  bool redirect(Channel& channel, Channel::Location target);
  /// A transfer's bridge (Asterisk's bridge move/merge in ast_bridge_transfer_attended): takes
  /// `a` and `b` from whatever drives them (each leaves its bridge or application, as on a
  /// redirect) and bridges them together until either leaves; the other is then hung up.
  /// Returns the new bridge's unique id. A channel already released to a taker (a new call
  /// nothing drives yet) joins as it is.
  std::string bridgeTogether(std::shared_ptr<Channel> a, std::shared_ptr<Channel> b);
  /// Removes a hung-up channel from the registry (Hangup event).
  void release(const std::shared_ptr<Channel>& channel);
  std::vector<std::shared_ptr<Channel>> channels() const;
  /// Inbound calls whose dialplan was started (`core show channels` footer).
  std::uint64_t callsProcessed() const { return callsProcessed_; }
  std::shared_ptr<Channel> findChannel(const std::string& nameOrPrefix) const;

  /// Variable substitution for a channel (channel variables, globals, functions).
  std::string substitute(Channel* channel, std::string_view text);
  /// Reads a variable as ${NAME} would: channel builtins (EXTEN, CONTEXT, ...), channel
  /// variables, then globals.
  std::optional<std::string> readVariable(Channel* channel, const std::string& name);
  /// Set(name=value): functions when name has "(", GLOBAL/inheritance prefixes handled.
  void setVariable(Channel* channel, const std::string& name, const std::string& value);

  /// Device states of the channel technologies (DEVICE_STATE, DeviceStateChange events).
  DeviceStates& deviceStates() { return deviceStates_; }

  /// Publishes an AMI-shaped event.
  void publish(std::string name, std::uint32_t classes, events::Fields fields);
  /// DTMFBegin and/or DTMFEnd (class dtmf) for a digit received on or sent to `channel`.
  void publishDtmf(const Channel& channel, char digit, DigitPhase phase, unsigned durationMs,
                   bool received);
  /// Publishes VarSet (class dialplan) for a channel variable, or a global one when
  /// `channel` is null, as pbx_builtin_setvar_helper does.
  void publishVarSet(const Channel* channel, const std::string& name, const std::string& value);
  /// NewCallerid and/or NewConnectedLine (class call) for an announced channel whose caller id
  /// or connected line changed (manager_channels.c's snapshot monitors).
  void publishIdentity(const Channel& channel, bool callerChanged, bool connectedChanged);
  /// HangupRequest (the driver queued the far end's hang-up; Cause when non-zero) or
  /// SoftHangupRequest (asked for from elsewhere; Cause is the AST_SOFTHANGUP_* reason).
  void publishHangupRequest(const Channel& channel, int cause, bool soft);
  /// The fields every channel event starts with (Channel, ChannelState, ...), ending with a
  /// "ChanVariable: NAME=value" for each of manager.conf's channelvars.
  events::Fields channelFields(const Channel& channel, const std::string& prefix = {}) const;
  /// manager.conf [general] channelvars: variables every channel event carries (a channel
  /// variable, else a global; empty when neither is set).
  void setManagerVariables(std::vector<std::string> names) { managerVariables_ = std::move(names); }

 private:
  boost::asio::io_context& io_;
  events::EventBus& events_;
  std::vector<std::string> managerVariables_;
  std::shared_ptr<const sb::pbx::Dialplan> dialplan_;
  std::string soundsDir_;
  std::shared_ptr<const sb::pbx::FeaturesConfig> features_ =
      std::make_shared<const sb::pbx::FeaturesConfig>();
  std::map<std::string, std::string> globals_;
  std::map<std::string, std::shared_ptr<ChannelDriver>> drivers_;
  std::map<std::string, ApplicationInfo> apps_;               // lower-case names
  std::map<std::string, FunctionInfo> functions_;             // upper-case names
  std::map<std::string, std::shared_ptr<Channel>> channels_;  // by name
  std::uint32_t nextChannel_ = 0;
  std::uint64_t nextUnique_ = 0;
  std::uint64_t callsProcessed_ = 0;
  std::int64_t epoch_;
  DeviceStates deviceStates_;
};

}  // namespace sb::modules::pbx
