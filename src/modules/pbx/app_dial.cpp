// Dial: calls one or more targets in parallel, bridges the first that answers.
#include <fmt/format.h>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cctype>
#include <map>

#include "core/log/logger.hpp"
#include "core/store/option_parsers.hpp"
#include "modules/pbx/applications.hpp"
#include "modules/pbx/bridge.hpp"
#include "modules/pbx/bridge_feature_actions.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "modules/pbx/gosub.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/originate.hpp"
#include "pbx/dialplan/app_args.hpp"
#include "pbx/dialplan/app_options.hpp"

namespace sb::modules::pbx {

namespace {

namespace asio = boost::asio;
using ChannelPtr = std::shared_ptr<Channel>;
using Clock = std::chrono::steady_clock;

/// Every option letter app_dial knows; others are warned about.
constexpr std::string_view kDialOptionLetters = "AabBCcdDEefFgGhHiIjkKLmnNoOpPQrRSstTuUwWxXz";

/// Copies inheritable variables (_x once, __x always) to an outbound channel. The oldest go
/// first, so that the outbound channel keeps the caller's newest-first order.
void inherit(const Channel& from, Channel& to) {
  const auto variables = from.variablesNewestFirst();
  for (auto it = variables.rbegin(); it != variables.rend(); ++it) {
    const auto& [name, value] = *it;
    if (name.starts_with("__")) {
      to.setVariable(name, value);
      to.setVariable(name.substr(2), value);
    } else if (name.starts_with("_")) {
      to.setVariable(name.substr(1), value);
    }
  }
}

std::string upperCopy(std::string text) {
  for (auto& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

void publishDial(PbxService& pbx, const Channel& caller, const Channel& callee, const char* event,
                 const std::string& extraName, const std::string& extraValue) {
  auto fields = pbx.channelFields(caller);
  auto dest = pbx.channelFields(callee, "Dest");
  fields.insert(fields.end(), dest.begin(), dest.end());
  fields.emplace_back(extraName, extraValue);
  pbx.publish(event, events::kCall, std::move(fields));
}

/// What Dial does after the U() routine ran on the answered callee.
struct CalleeGosubOutcome {
  bool abort = false;  ///< hang the callee up instead of bridging
  bool goOn = false;   ///< the caller's dialplan continues (as with the g option)
  std::string status;  ///< DIALSTATUS when aborting (empty: ANSWER)
  std::string result;  ///< GOSUB_RESULT as set, for DialEnd
};

/// Dial's U(context[^arg...]): runs Gosub(context,s,1(args)) on the answered callee and reads
/// GOSUB_RESULT as app_dial does (BUSY, CONGESTION, CHANUNAVAIL, CONTINUE, ABORT, GOTO:...).
asio::awaitable<CalleeGosubOutcome> runCalleeGosub(PbxService& pbx, ChannelPtr caller,
                                                   ChannelPtr callee, std::string option) {
  const std::string spec = sb::pbx::replaceSubargumentDelimiter(option);
  const auto comma = spec.find(',');
  const std::string context = spec.substr(0, comma);
  std::string start = "s";
  auto dialplan = pbx.dialplan();
  if (dialplan && !dialplan->exists(context, "s", 1, callee->caller().number) &&
      dialplan->exists(context, "~~s~~", 1, callee->caller().number)) {
    start = "~~s~~";
  }
  const std::string target = comma == std::string::npos ? fmt::format("{},{},1", context, start)
                                                        : fmt::format("{},{},1({})", context, start,
                                                                      spec.substr(comma + 1));
  CalleeGosubOutcome outcome;
  if (!co_await runSubroutine(pbx, callee, target)) {
    co_return outcome;
  }
  const auto result = callee->variable("GOSUB_RESULT");
  if (!result) {
    co_return outcome;
  }
  if (auto retval = callee->variable("GOSUB_RETVAL")) {
    pbx.setVariable(caller.get(), "GOSUB_RETVAL", *retval);
  }
  const std::string word = upperCopy(*result);
  outcome.result = *result;
  if (word == "BUSY" || word == "CONGESTION" || word == "CHANUNAVAIL") {
    outcome = {true, true, *result, *result};
  } else if (word == "CONTINUE") {
    outcome = {true, true, "", *result};
  } else if (word == "ABORT") {
    outcome = {true, false, "", *result};
  } else if (word.starts_with("GOTO:")) {
    std::string destination = result->substr(5);
    if (destination.find('^') != std::string::npos) {
      destination = sb::pbx::replaceSubargumentDelimiter(destination);
    }
    outcome = {true, jumpTo(pbx, *caller, destination), "", *result};
  }
  co_return outcome;
}

/// The DTMF features a party may use in the bridge: Dial's options for its side (t/T
/// transfer, h/H disconnect), its CHANNEL(dtmf_features) and its BRIDGE_FEATURES variable.
std::string featureLetters(const Channel& party, bool transfer, bool disconnect) {
  std::string letters = party.dtmfFeatures;
  if (auto variable = party.variable("BRIDGE_FEATURES")) {
    letters += upperCopy(*variable);
  }
  if (transfer) {
    letters += 'T';
  }
  if (disconnect) {
    letters += 'H';
  }
  return letters;
}

/// The caller id Dial gives a new leg (dial_exec_full): with `o`, the caller's own (or the
/// one the option names); else, when its driver set no number, the dialled extension with
/// the caller's connected name (Asterisk would take a hint's name first; hints have none
/// here); else the driver's, named after the caller's connected name when it has no name.
PartyId legCallerId(const Channel& caller, const Channel& leg, const sb::pbx::AppOptions& options) {
  if (auto original = options.argument('o')) {
    if (original->empty()) {
      return caller.caller();
    }
    PartyId id;
    std::tie(id.name, id.number) = parseCallerId(*original);
    return id;
  }
  PartyId id = leg.caller();
  if (id.number.empty()) {
    id = PartyId{};
    id.name = caller.connected().name;
    id.number = caller.exten;
  } else if (id.name.empty()) {
    id.name = caller.connected().name;
  }
  return id;
}

/// The caller's connected line becomes the party `leg` calls (app_dial's connected line
/// updates, unless the I option ignores them).
void connectCallerTo(Channel& caller, const Channel& leg, const sb::pbx::AppOptions& options) {
  if (!options.has('I')) {
    caller.setConnected(leg.caller());
  }
}

asio::awaitable<AppResult> dial(PbxService& pbx, ChannelPtr caller, std::string data) {
  auto args = sb::pbx::splitAppArgs(data);
  if (args.empty() || trimmedString(args[0]).empty()) {
    SB_WARNING("Dial requires an argument (technology/resource)");
    caller->setVariable("DIALSTATUS", "INVALIDARGS");
    co_return AppResult::Continue;
  }
  double timeoutSeconds = 0;
  if (args.size() > 1 && !trimmedString(args[1]).empty()) {
    timeoutSeconds = std::max(0.0, std::strtod(trimmedString(args[1]).c_str(), nullptr));
  }
  auto parsed = sb::pbx::parseAppOptions(args.size() > 2 ? args[2] : "", kDialOptionLetters);
  for (const auto& warning : parsed.warnings) {
    SB_WARNING("{}", warning);
  }
  if (!parsed.ok) {
    caller->setVariable("DIALSTATUS", "INVALIDARGS");
    co_return AppResult::Hangup;
  }
  const auto& options = parsed.options;
  const bool continueOnCalleeHangup = options.has('g');
  if (auto routine = options.argument('B'); routine && !routine->empty()) {
    // B(): a routine on the caller before anything is dialled.
    co_await runSubroutine(pbx, caller, sb::pbx::replaceSubargumentDelimiter(*routine));
  }
  if (options.has('r')) {
    caller->indicate(Indication::Ringing);
  }

  const auto started = Clock::now();
  std::vector<ChannelPtr> legs;
  std::map<const Channel*, std::pair<std::string, std::string>> dialled;  // interface, string
  std::vector<int> causes;
  std::string_view targets = args[0];
  while (!targets.empty()) {
    const auto amp = targets.find('&');
    const std::string target = trimmedString(targets.substr(0, amp));
    targets = amp == std::string_view::npos ? std::string_view() : targets.substr(amp + 1);
    const auto slash = target.find('/');
    if (slash == std::string::npos) {
      SB_WARNING("Dial argument takes format (technology/resource)");
      continue;
    }
    auto driver = pbx.driver(target.substr(0, slash));
    if (!driver) {
      SB_WARNING("Unable to create channel of type '{}' (cause 66 - Channel not implemented)",
                 target.substr(0, slash));
      causes.push_back(66);
      continue;
    }
    int failure = 0;
    auto created = driver->request(target.substr(slash + 1), caller.get(), failure);
    if (created.empty()) {
      SB_WARNING("Unable to create channel of type '{}' (cause {} - {})", target.substr(0, slash),
                 failure, causeText(failure));
      causes.push_back(failure ? failure : 20);
    }
    for (auto& leg : created) {
      leg->context = caller->context;
      leg->exten = caller->exten;
      inherit(*caller, *leg);
      // What Asterisk shows for a dialled leg in `core show channels`.
      leg->appName = "AppDial";
      leg->appData = "(Outgoing Line)";
      // Announced with the identity its driver gave it; Dial's own one follows as a change
      // (NewCallerid, NewConnectedLine), as Asterisk's snapshots show it.
      pbx.announce(*leg);
      leg->setIdentity(legCallerId(*caller, *leg, options), caller->caller());
      dialled[leg.get()] = {target, target.substr(slash + 1)};
      legs.push_back(std::move(leg));
    }
  }
  if (legs.empty()) {
    caller->setVariable("DIALSTATUS", "CHANUNAVAIL");
    caller->setVariable("HANGUPCAUSE", std::to_string(causes.empty() ? 20 : causes.back()));
    co_return AppResult::Continue;
  }

  if (auto routine = options.argument('b'); routine && !routine->empty()) {
    // b(): a routine on each new channel before its INVITE goes out (PJSIP_HEADER(add)...);
    // a short target is completed from the caller's location, as app_dial does.
    const std::string target = sb::pbx::expandGosubTarget(
        sb::pbx::replaceSubargumentDelimiter(*routine), caller->context, caller->exten);
    for (auto& leg : legs) {
      co_await runSubroutine(pbx, leg, target);
    }
  }

  auto watcher = std::make_shared<ChannelWatcher>(co_await asio::this_coro::executor);
  caller->watch(watcher);
  std::erase_if(legs, [&](const ChannelPtr& leg) {
    if (!leg->hungUp()) {
      return false;
    }
    // Hung up by its pre-dial routine: it cannot be called.
    SB_VERBOSE(3, "Couldn't call {}", dialled[leg.get()].first);
    causes.push_back(leg->hangupCause());
    pbx.release(leg);
    return true;
  });
  for (auto& leg : legs) {
    leg->watch(watcher);
    leg->call();
    publishDial(pbx, *caller, *leg, "DialBegin", "DialString", dialled[leg.get()].second);
    SB_VERBOSE(3, "Called {}", dialled[leg.get()].first);
  }
  // A single leg's identity reaches the caller as soon as it is called (chan_pjsip queues it
  // as the leg's first connected line update); with several, the winner's at answer.
  const bool single = legs.size() == 1;
  if (single && !legs.front()->hungUp()) {
    connectCallerTo(*caller, *legs.front(), options);
  }
  const auto deadline = timeoutSeconds > 0
                            ? started + std::chrono::duration_cast<Clock::duration>(
                                            std::chrono::duration<double>(timeoutSeconds))
                            : Clock::time_point::max();
  ChannelPtr winner;
  ChannelPtr earlyFrom;
  std::string status;
  bool ringingSent = options.has('r');
  std::vector<ChannelPtr> live = legs;
  while (true) {
    if (caller->interrupted()) {
      // Hung up, or redirected away (AMI Redirect) while the legs rang.
      status = "CANCEL";
      break;
    }
    for (auto& leg : live) {
      if (leg->state() == ChannelState::Up && !leg->hungUp()) {
        winner = leg;
        break;
      }
    }
    if (winner) {
      break;
    }
    std::erase_if(live, [&](const ChannelPtr& leg) {
      if (!leg->hungUp()) {
        return false;
      }
      causes.push_back(leg->hangupCause());
      publishDial(pbx, *caller, *leg, "DialEnd", "DialStatus",
                  dialStatusForCauses({leg->hangupCause()}));
      pbx.release(leg);
      return true;
    });
    if (live.empty()) {
      status = dialStatusForCauses(causes);
      break;
    }
    if (!earlyFrom && caller->state() != ChannelState::Up) {
      // The first leg with early media (183 with SDP) is heard by the caller, as in
      // Asterisk; the caller's own 183 pins that leg's codec.
      for (auto& leg : live) {
        if (leg->progressed() && leg->media().stream) {
          earlyFrom = leg;
          caller->earlyMediaFrom = leg;
          caller->indicate(Indication::Progress);
          relayEarlyMedia(*leg, *caller);
          ringingSent = true;
          break;
        }
      }
    }
    // An answered caller (a transferee) is told too: nothing goes on the wire, but a
    // transfer's progress report hears it.
    if (!ringingSent) {
      for (auto& leg : live) {
        if (leg->ringing() || leg->progressed()) {
          caller->indicate(leg->progressed() ? Indication::Progress : Indication::Ringing);
          ringingSent = true;
          break;
        }
      }
    }
    if (Clock::now() >= deadline) {
      status = "NOANSWER";
      break;
    }
    co_await waitForChange(watcher, deadline);
  }

  caller->earlyMediaFrom.reset();
  for (auto& leg : live) {
    if (leg == winner) {
      continue;
    }
    if (!leg->hungUp()) {
      leg->hangup(winner ? cause::kAnsweredElsewhere : cause::kNormalClearing);
      publishDial(pbx, *caller, *leg, "DialEnd", "DialStatus", winner ? "CANCEL" : status);
    }
    pbx.release(leg);
  }
  if (!winner) {
    caller->setVariable("DIALSTATUS", status);
    caller->setVariable(
        "DIALEDTIME",
        std::to_string(
            std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started).count()));
    caller->setVariable("ANSWEREDTIME", "0");
    if (!causes.empty()) {
      caller->setVariable("HANGUPCAUSE", std::to_string(causes.back()));
    }
    SB_VERBOSE(
        3, "Nobody picked up in {} ms",
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
    if ((caller->gotoPending() || caller->handOverPending()) && !caller->hungUp()) {
      co_return AppResult::Continue;
    }
    co_return status == "CANCEL" ? AppResult::Hangup : AppResult::Continue;
  }

  SB_VERBOSE(3, "{} answered {}", winner->name(), caller->name());
  caller->setVariable("DIALSTATUS", "ANSWER");
  caller->setVariable("DIALEDPEERNAME", winner->name());
  caller->setVariable("DIALEDPEERNUMBER", winner->endpoint());
  if (!single) {
    connectCallerTo(*caller, *winner, options);
  }
  if (auto routine = options.argument('U'); routine && !routine->empty()) {
    // U(): a routine on the callee before the bridge; its GOSUB_RESULT may end the call.
    const auto outcome = co_await runCalleeGosub(pbx, caller, winner, *routine);
    if (outcome.abort) {
      publishDial(pbx, *caller, *winner, "DialEnd", "DialStatus", outcome.result);
      winner->hangup(cause::kNormalClearing);
      pbx.release(winner);
      caller->setVariable("DIALSTATUS", outcome.status.empty() ? "ANSWER" : outcome.status);
      if ((outcome.goOn || continueOnCalleeHangup) && !caller->hungUp()) {
        co_return AppResult::Continue;
      }
      co_return AppResult::Hangup;
    }
  }
  publishDial(pbx, *caller, *winner, "DialEnd", "DialStatus", "ANSWER");
  const auto answered = Clock::now();
  co_await bridgeCall(pbx, caller, winner, watcher,
                      featureLetters(*caller, options.has('T'), options.has('H')),
                      featureLetters(*winner, options.has('t'), options.has('h')));
  const auto ended = Clock::now();
  caller->setVariable(
      "DIALEDTIME",
      std::to_string(std::chrono::duration_cast<std::chrono::seconds>(ended - started).count()));
  caller->setVariable(
      "ANSWEREDTIME",
      std::to_string(std::chrono::duration_cast<std::chrono::seconds>(ended - answered).count()));
  // The callee's channel ends with the call, unless it was redirected: then it runs the
  // dialplan at its new location (Asterisk's after-bridge goto); or a transfer took it into
  // a bridge of its own. The caller may go on.
  if (winner->handOverPending() && !winner->hungUp()) {
    winner->releaseToTaker();
  } else if (winner->gotoPending() && !winner->hungUp()) {
    pbx.startDialplan(winner);
  } else {
    winner->hangup(cause::kNormalClearing);
    pbx.release(winner);
  }
  if (caller->hungUp()) {
    co_return AppResult::Hangup;
  }
  if (caller->gotoPending() || caller->handOverPending()) {
    co_return AppResult::Continue;
  }
  caller->setVariable("HANGUPCAUSE", std::to_string(winner->hangupCause()));
  if (continueOnCalleeHangup) {
    co_return AppResult::Continue;
  }
  caller->hangup(winner->hangupCause() ? winner->hangupCause() : cause::kNormalClearing);
  co_return AppResult::Hangup;
}

}  // namespace

Registrations addDialApplication(PbxService& pbx) {
  Registrations out;
  out += pbx.addApplication(
      "Dial", ApplicationInfo{
                  dial, "Attempt to connect to another device or endpoint and bridge the call."});
  return out;
}

}  // namespace sb::modules::pbx
