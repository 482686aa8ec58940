#include "modules/pbx/originate.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cctype>

#include "core/log/logger.hpp"
#include "core/store/option_parsers.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "modules/pbx/hangup_causes.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {

namespace {

namespace asio = boost::asio;
using ChannelPtr = std::shared_ptr<Channel>;
using Clock = std::chrono::steady_clock;

/// ast_shrink_phone_number: drops the punctuation people write numbers with.
std::string shrinkNumber(std::string_view number) {
  std::string out;
  for (char c : number) {
    if (c != '(' && c != ')' && c != '-' && c != '.' && c != ' ') {
      out += c;
    }
  }
  return out;
}

bool looksLikeNumber(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '*' || c == '#' ||
           c == '(' || c == ')' || c == '-' || c == '.' || c == ' ';
  });
}

/// Fills an originated leg as ast_pbx_outgoing_* does before dialling.
void prepare(PbxService& pbx, Channel& leg, const OriginateRequest& request) {
  // Both the caller id and the connected line, when CallerID gives something: the leg goes to
  // the local user, who sees (and whose dialplan reads) it as if that party had called.
  if (!request.callerName.empty() || !request.callerNumber.empty()) {
    PartyId id = leg.caller();
    if (!request.callerName.empty()) {
      id.name = request.callerName;
    }
    if (!request.callerNumber.empty()) {
      id.number = request.callerNumber;
    }
    PartyId connected = leg.connected();
    connected.name = request.callerName.empty() ? connected.name : request.callerName;
    connected.number = request.callerNumber.empty() ? connected.number : request.callerNumber;
    leg.setIdentity(std::move(id), std::move(connected));
  }
  leg.accountCode = request.account;
  if (request.app.empty()) {
    leg.context = request.context;
    leg.exten = request.exten;
    leg.priority = request.priority;
  } else {
    leg.appName = request.app;
    leg.appData = request.appData;
  }
  for (const auto& [name, value] : request.variables) {
    pbx.setVariable(&leg, name, value);
  }
}

/// DialBegin / DialEnd of an originated channel: its fields as Dest*, then `name: value`.
void publishDialOf(PbxService& pbx, const Channel& leg, const char* event, const char* name,
                   const std::string& value) {
  auto fields = pbx.channelFields(leg, "Dest");
  fields.emplace_back(name, value);
  pbx.publish(event, events::kCall, std::move(fields));
}

/// Runs the application on the answered channel, then ends it (pbx_outgoing_exec).
asio::awaitable<void> runApplication(PbxService& pbx, ChannelPtr channel, std::string app,
                                     std::string data) {
  const auto* info = pbx.application(app);
  if (!info) {
    SB_WARNING("Could not find application ({})", app);
  } else {
    SB_VERBOSE(3, "Launching {}({}) on {}", app, data, channel->name());
    try {
      co_await info->run(pbx, channel, data);
    } catch (const std::exception& error) {
      SB_ERROR("Application {} failed on {}: {}", app, channel->name(), error.what());
    }
  }
  if (channel->gotoPending() && !channel->hungUp()) {
    // Redirected while the application ran: the dialplan takes the channel over.
    pbx.startDialplan(channel);
    co_return;
  }
  if (!channel->hungUp()) {
    channel->hangup(cause::kNormalClearing);
  }
  pbx.release(channel);
}

asio::awaitable<void> run(std::shared_ptr<PbxService> pbx, OriginateRequest request,
                          OriginateDone done) {
  OriginateOutcome outcome;
  auto report = [&] {
    if (done) {
      auto call = std::move(done);
      done = nullptr;
      call(outcome);
    }
  };
  auto driver = pbx->driver(request.tech);
  if (!driver) {
    SB_WARNING("Unable to request channel {}/{}", request.tech, request.resource);
    report();
    co_return;
  }
  int failure = 0;
  std::vector<ChannelPtr> legs = driver->request(request.resource, nullptr, failure);
  if (legs.empty()) {
    SB_WARNING("Unable to request channel {}/{} (cause {} - {})", request.tech, request.resource,
               failure, causeText(failure));
    outcome.reason = originateReasonForCause(failure);
    report();
    co_return;
  }

  auto watcher = std::make_shared<ChannelWatcher>(co_await asio::this_coro::executor);
  for (auto& leg : legs) {
    prepare(*pbx, *leg, request);
    if (!request.codecs.empty() && leg->driver() != nullptr) {
      leg->driver()->restrictCodecs(request.codecs);
    }
    pbx->announce(*leg);
    // Asterisk's dial API publishes these for originated channels too (no caller fields).
    publishDialOf(*pbx, *leg, "DialBegin", "DialString", request.resource);
    leg->watch(watcher);
  }
  for (auto& leg : legs) {
    leg->call();
  }
  const auto deadline =
      request.timeout.count() > 0 ? Clock::now() + request.timeout : Clock::time_point::max();
  ChannelPtr winner;
  int lastCause = 0;
  bool timedOut = false;
  std::vector<ChannelPtr> live = legs;
  while (true) {
    for (auto& leg : live) {
      if (leg->hungUp()) {
        continue;
      }
      if (leg->state() == ChannelState::Up) {
        winner = leg;
        break;
      }
      if (request.earlyMedia && leg->progressed()) {
        SB_VERBOSE(4, "Treating progress as answer on '{}' due to early media option", leg->name());
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
      lastCause = leg->hangupCause();
      publishDialOf(*pbx, *leg, "DialEnd", "DialStatus", dialStatusForCauses({lastCause}));
      pbx->release(leg);
      return true;
    });
    if (live.empty()) {
      break;
    }
    if (Clock::now() >= deadline) {
      timedOut = true;
      break;
    }
    co_await waitForChange(watcher, deadline);
  }
  // Legs that lost (or all of them on timeout) end here; the winner lives on.
  for (auto& leg : live) {
    if (leg == winner) {
      continue;
    }
    if (!leg->hungUp()) {
      leg->hangup(winner ? cause::kAnsweredElsewhere : cause::kNoAnswer);
      publishDialOf(*pbx, *leg, "DialEnd", "DialStatus", winner ? "CANCEL" : "NOANSWER");
    }
    pbx->release(leg);
  }
  if (!winner) {
    outcome.reason = timedOut ? originate_reason::kRingTimeout : originateReasonForCause(lastCause);
    SB_VERBOSE(3, "Originate to {}/{} failed (reason {})", request.tech, request.resource,
               outcome.reason);
    report();
    co_return;
  }

  publishDialOf(*pbx, *winner, "DialEnd", "DialStatus", "ANSWER");
  outcome.reason = originate_reason::kAnswered;
  outcome.channel = winner->name();
  outcome.uniqueId = winner->uniqueId();
  SB_VERBOSE(3, "{} answered", winner->name());
  report();
  if (request.app.empty()) {
    pbx->startDialplan(winner);
    co_return;
  }
  co_await runApplication(*pbx, winner, request.app, request.appData);
}

}  // namespace

void originate(PbxService& pbx, OriginateRequest request, OriginateDone done) {
  auto self = pbx.shared_from_this();
  auto reported = std::make_shared<bool>(false);
  // The callback may be needed by the error handler too, so both share one copy.
  auto shared = std::make_shared<OriginateDone>(std::move(done));
  // The coroutine is started from a plain call, so its arguments live in its own frame:
  // a capturing coroutine lambda would leave them in a lambda object that co_spawn does not
  // keep for the coroutine's whole life.
  OriginateDone report = [shared, reported](const OriginateOutcome& outcome) {
    *reported = true;
    if (*shared) {
      (*shared)(outcome);
    }
  };
  asio::co_spawn(pbx.io(), run(self, std::move(request), std::move(report)),
                 [shared, reported](std::exception_ptr error) {
                   if (error && !*reported && *shared) {
                     (*shared)(OriginateOutcome{});
                   }
                 });
}

int originateReasonForCause(int cause) {
  switch (cause) {
    case cause::kUserBusy:
      return originate_reason::kBusy;
    case cause::kCallRejected:
    case 27:  // destination out of order
    case 38:  // network out of order
    case 41:  // temporary failure
    case 42:  // switch congestion
    case cause::kCongestion:
      return originate_reason::kCongestion;
    case cause::kAnsweredElsewhere:
    case cause::kNoAnswer:
      return originate_reason::kRingTimeout;
    default:
      return originate_reason::kFailed;
  }
}

std::pair<std::string, std::string> parseCallerId(std::string_view callerId) {
  std::string_view text = store::trimmed(callerId);
  const auto open = text.find('<');
  const auto close = open == std::string_view::npos ? open : text.find('>', open);
  if (open != std::string_view::npos && close != std::string_view::npos) {
    std::string_view name = store::trimmed(text.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
    }
    return {std::string(name),
            shrinkNumber(store::trimmed(text.substr(open + 1, close - open - 1)))};
  }
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    return {std::string(text.substr(1, text.size() - 2)), ""};
  }
  if (looksLikeNumber(text)) {
    return {"", shrinkNumber(text)};
  }
  return {std::string(text), ""};
}

bool splitDialString(std::string_view dial, std::string& tech, std::string& resource) {
  const auto slash = dial.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= dial.size()) {
    return false;
  }
  tech = std::string(dial.substr(0, slash));
  resource = std::string(dial.substr(slash + 1));
  return true;
}

}  // namespace sb::modules::pbx
