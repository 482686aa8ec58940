// Echo and Playback: media applications on the channel's relay stream.
#include <boost/asio/use_awaitable.hpp>

#include "core/log/logger.hpp"
#include "media/rtp/rtp_stream.hpp"
#include "modules/pbx/applications.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "modules/pbx/prompt_player.hpp"
#include "pbx/dialplan/app_args.hpp"

namespace sb::modules::pbx {

namespace {

namespace asio = boost::asio;
using Result = asio::awaitable<AppResult>;
using ChannelPtr = std::shared_ptr<Channel>;

Result echo(PbxService&, ChannelPtr channel, std::string) {
  auto media = channel->media();
  if (media.stream) {
    media.stream->echo();
    channel->reportActivity(ChannelActivity::MediaSent);
  }
  co_await sleepOnChannel(channel, std::chrono::hours(24 * 365));
  if (media.stream) {
    media.stream->stop();
  }
  co_return AppResult::Hangup;
}

Result playback(PbxService& pbx, ChannelPtr channel, std::string data) {
  auto args = sb::pbx::splitAppArgs(data);
  if (args.empty() || args[0].empty()) {
    SB_WARNING("Playback requires an argument (filename)");
    co_return AppResult::Hangup;
  }
  const std::string options = args.size() > 1 ? args[1] : "";
  if (channel->state() != ChannelState::Up && options.find("noanswer") == std::string::npos) {
    channel->answer();
  }
  std::string status = "SUCCESS";
  std::string_view files = args[0];
  while (!files.empty() && !channel->interrupted()) {
    const auto amp = files.find('&');
    const std::string file(files.substr(0, amp));
    files = amp == std::string_view::npos ? std::string_view() : files.substr(amp + 1);
    if (co_await playPrompt(pbx, channel, file) == PromptOutcome::Missing) {
      status = "FAILED";
      break;
    }
  }
  channel->setVariable("PLAYBACKSTATUS", status);
  co_return channel->hungUp() ? AppResult::Hangup : AppResult::Continue;
}

}  // namespace

Registrations addMediaApplications(PbxService& pbx) {
  Registrations out;
  out += pbx.addApplication("Echo",
                            ApplicationInfo{echo, "Echo media, DTMF back to the calling party"});
  out += pbx.addApplication("Playback", ApplicationInfo{playback, "Play a file."});
  return out;
}

}  // namespace sb::modules::pbx
