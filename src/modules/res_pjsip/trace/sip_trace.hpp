#pragma once
/// @file
/// What res_pjsip does with every SIP message SipCore sends or receives: print it
/// (`pjsip set logger`, `sip set debug`, [global] debug), write it to a pcap file
/// (`pjsip set logger pcap`), keep it in the message history (`pjsip set history`) and add it
/// to its call's ladder (`sip set history`). With all of them off a message costs a few flag
/// tests.

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/registration.hpp"
#include "core/util/result.hpp"
#include "modules/res_pjsip/trace/dialog_history.hpp"
#include "modules/res_pjsip/trace/logger_filter.hpp"
#include "modules/res_pjsip/trace/message_history.hpp"
#include "modules/res_pjsip/trace/pcap_writer.hpp"
#include "sip/core/sip_core.hpp"
#include "sip/timer/timer.hpp"

namespace sb::modules::res_pjsip {

class SipTrace {
 public:
  /// Call-IDs of the calls alive now; their histories are kept however quiet they are.
  using LiveCalls = std::function<std::vector<std::string>()>;

  explicit SipTrace(sip::TimerWheel& timers) : housekeeping_(timers) {}

  /// Every message in and out (SipCore's tracer), on the reactor.
  void onMessage(sip::Direction direction, const sip::Flow& flow, std::string_view bytes);

  // `pjsip set logger` and `sip set debug`.

  LoggerFilter& logger() { return logger_; }
  bool verbose() const { return verbose_; }
  void setVerbose(bool on) { verbose_ = on; }
  /// Starts writing matching messages to `path` (truncated first).
  Result<void> openPcap(const std::string& path);
  /// `off`: nothing is logged, verbose output is back on, the pcap file is closed.
  void loggerOff();
  /// A console command changed the logger (`off` or anything else): from then on a reload's
  /// [global] debug leaves it as the console set it, as res_pjsip_logger does.
  void noteConsoleChange(bool off) { console_ = off ? Console::Off : Console::Changed; }
  /// res_pjsip_logger's check_debug() for [global] debug: "no" turns the logger off unless the
  /// console turned it on; "yes" logs everything unless the console changed it; anything else
  /// is a host or subnet to log (a warning when it is neither).
  void applyDebugOption(std::string_view debug);

  // `pjsip set history` and `sip set history`.

  MessageHistory& messages() { return messages_; }
  DialogHistory& dialogs() { return dialogs_; }
  /// An event of a call other than a message ("NewChan", "Hangup"), for its ladder.
  void noteCallEvent(std::string_view callId, std::string_view event, std::string_view detail);
  /// chan_pjsip tells which calls are alive; undone when the Registration dies.
  Registration provideLiveCalls(LiveCalls liveCalls);
  std::vector<std::string> liveCalls() const;

 private:
  /// The address a transport bound to a wildcard (0.0.0.0, ::) uses towards the flow's
  /// remote end, as the kernel routes it (asked once per remote address), for pcap records.
  boost::asio::ip::address localAddressTowards(const sip::Flow& flow);
  /// Keeps a one-second tick running while a pcap buffer or dialog histories need it.
  void scheduleHousekeeping();
  void housekeep();

  LoggerFilter logger_;
  bool verbose_ = true;
  PcapWriter pcap_;
  std::map<boost::asio::ip::address, boost::asio::ip::address> localAddresses_;
  enum class Console { Untouched, Off, Changed } console_ = Console::Untouched;
  bool configLogsAll_ = false;  ///< [global] debug=yes turned the logger on
  MessageHistory messages_;
  DialogHistory dialogs_;
  LiveCalls liveCalls_;
  sip::Timer housekeeping_;
};

}  // namespace sb::modules::res_pjsip
