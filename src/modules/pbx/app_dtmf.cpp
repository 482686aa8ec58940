// SendDTMF: digits played to a channel as app_senddtmf does (ast_dtmf_stream).
#include <boost/asio/use_awaitable.hpp>

#include "core/log/logger.hpp"
#include "modules/pbx/applications.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "pbx/dialplan/app_args.hpp"
#include "pbx/dialplan/time_length.hpp"

namespace sb::modules::pbx {

namespace {

namespace asio = boost::asio;
using Result = asio::awaitable<AppResult>;
using ChannelPtr = std::shared_ptr<Channel>;
using std::chrono::milliseconds;

// app_senddtmf's pause between digits, and ast_senddigit's shortest digit.
constexpr int kDefaultBetweenMs = 250;
constexpr unsigned kMinimumDigitMs = 100;
// ast_dtmf_stream waits this long before the first digit, so that they start after a quiet time.
constexpr milliseconds kQuietBefore{100};

bool isDigitChar(char c) {
  return (c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'a' && c <= 'd') ||
         (c >= 'A' && c <= 'D');
}

int timeArgument(const std::vector<std::string>& args, std::size_t index) {
  if (args.size() <= index || trimmedString(args[index]).empty()) {
    return 0;
  }
  return sb::pbx::parseTimeLength(args[index], sb::pbx::TimeUnit::Milliseconds).value_or(0);
}

/// Waits unless `target` hangs up or is redirected first; false when it did.
asio::awaitable<bool> pause(ChannelPtr target, milliseconds length) {
  co_return co_await sleepOnChannel(target, length) && !target->interrupted();
}

/// ast_dtmf_stream: `digits` on `target`, `w` a half-second pause, `W` a second, `f`/`F` a
/// hook flash (not sent: SIP has none here). Stops when `target` hangs up or is redirected.
asio::awaitable<void> streamDigits(ChannelPtr target, std::string digits, int betweenMs,
                                   unsigned durationMs) {
  if (!co_await pause(target, kQuietBefore)) {
    co_return;
  }
  for (const char c : digits) {
    milliseconds gap{0};
    if (c == 'w') {
      gap = milliseconds(500);
    } else if (c == 'W') {
      gap = milliseconds(1000);
    } else if (isDigitChar(c) || c == 'f' || c == 'F') {
      if (c != 'f' && c != 'F') {
        target->sendDigit(c, durationMs);
        // ast_senddigit holds the digit for its duration before the pause starts.
        if (!co_await pause(target, milliseconds(durationMs))) {
          co_return;
        }
      }
      gap = milliseconds(betweenMs);
    } else {
      SB_WARNING("Illegal DTMF character '{}' in string. (0-9*#aAbBcCdD allowed)", c);
      continue;
    }
    if (!co_await pause(target, gap)) {
      co_return;
    }
  }
}

Result sendDtmf(PbxService& pbx, ChannelPtr channel, std::string data) {
  // SendDTMF(digits[,timeout_ms[,duration_ms[,channel[,options]]]])
  if (trimmedString(data).empty()) {
    SB_WARNING("SendDTMF requires an argument");
    co_return AppResult::Continue;
  }
  const auto args = sb::pbx::splitAppArgs(data);
  const std::string digits = trimmedString(args[0]);
  if (digits.empty()) {
    SB_WARNING("The digits argument is required (0-9,*#,a-d,A-D,wfF)");
    co_return AppResult::Continue;
  }
  const int between = timeArgument(args, 1);
  const int duration = timeArgument(args, 2);
  ChannelPtr target = channel;
  if (args.size() > 3 && !trimmedString(args[3]).empty()) {
    const std::string name = trimmedString(args[3]);
    target = pbx.findChannel(name);
    if (!target) {
      SB_WARNING("No such channel: {}", name);
      co_return AppResult::Continue;
    }
  }
  if (args.size() > 4 && args[4].find('a') != std::string::npos &&
      target->state() != ChannelState::Up) {
    target->answer();
  }
  co_await streamDigits(target, digits, between <= 0 ? kDefaultBetweenMs : between,
                        std::max(kMinimumDigitMs, unsigned(std::max(duration, 0))));
  co_return channel->hungUp() ? AppResult::Hangup : AppResult::Continue;
}

}  // namespace

Registrations addDtmfApplications(PbxService& pbx) {
  Registrations out;
  out += pbx.addApplication("SendDTMF", ApplicationInfo{sendDtmf, "Sends arbitrary DTMF digits"});
  return out;
}

}  // namespace sb::modules::pbx
