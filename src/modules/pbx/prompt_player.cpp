#include "modules/pbx/prompt_player.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>

#include <filesystem>
#include <fstream>

#include "core/log/logger.hpp"
#include "media/rtp/g711.hpp"
#include "media/rtp/rtp_stream.hpp"
#include "modules/pbx/dialplan_runner.hpp"
#include "modules/pbx/pbx_service.hpp"

namespace sb::modules::pbx {

namespace {

namespace asio = boost::asio;

std::optional<std::string> readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return data;
}

std::uint32_t le32(const std::string& data, std::size_t at) {
  return static_cast<std::uint8_t>(data[at]) | (static_cast<std::uint8_t>(data[at + 1]) << 8) |
         (static_cast<std::uint8_t>(data[at + 2]) << 16) |
         (static_cast<std::uint32_t>(static_cast<std::uint8_t>(data[at + 3])) << 24);
}

std::uint16_t le16(const std::string& data, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<std::uint8_t>(data[at]) |
                                    (static_cast<std::uint8_t>(data[at + 1]) << 8));
}

/// 8 kHz 16-bit mono samples from a WAV (PCM) or .sln file; std::nullopt when unusable.
std::optional<std::vector<std::int16_t>> linearSamples(const std::string& data, bool wav) {
  std::size_t offset = 0;
  std::size_t size = data.size();
  if (wav) {
    if (data.size() < 12 || data.compare(0, 4, "RIFF") != 0 || data.compare(8, 4, "WAVE") != 0) {
      return std::nullopt;
    }
    bool formatOk = false;
    std::size_t at = 12;
    offset = 0;
    while (at + 8 <= data.size()) {
      const std::string id = data.substr(at, 4);
      const std::uint32_t length = le32(data, at + 4);
      if (id == "fmt " && at + 8 + 16 <= data.size()) {
        formatOk = le16(data, at + 8) == 1 && le16(data, at + 10) == 1 &&
                   le32(data, at + 12) == 8000 && le16(data, at + 22) == 16;
      } else if (id == "data") {
        offset = at + 8;
        size = std::min<std::size_t>(length, data.size() - offset);
        break;
      }
      at += 8 + length + (length & 1);
    }
    if (!formatOk || offset == 0) {
      return std::nullopt;
    }
  }
  std::vector<std::int16_t> samples(size / 2);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    samples[i] = static_cast<std::int16_t>(le16(data, offset + 2 * i));
  }
  return samples;
}

}  // namespace

std::optional<std::vector<std::uint8_t>> loadPrompt(const std::string& soundsDir,
                                                    const std::string& language,
                                                    const std::string& name,
                                                    const std::string& codec) {
  std::vector<std::filesystem::path> bases;
  if (!name.empty() && name.front() == '/') {
    bases.emplace_back(name);
  } else {
    bases.push_back(std::filesystem::path(soundsDir) / language / name);
    bases.push_back(std::filesystem::path(soundsDir) / name);
  }
  for (const auto& base : bases) {
    for (const char* ext : {"ulaw", "alaw", "wav", "sln"}) {
      auto data = readFile(base.string() + "." + ext);
      if (!data) {
        continue;
      }
      std::vector<std::uint8_t> out(data->begin(), data->end());
      const std::string format = ext;
      if (format == codec) {
        return out;
      }
      if (format == "ulaw" || format == "alaw") {
        for (auto& byte : out) {
          byte = format == "ulaw" ? media::g711::ulawToAlaw(byte) : media::g711::alawToUlaw(byte);
        }
        return out;
      }
      auto samples = linearSamples(*data, format == "wav");
      if (!samples) {
        SB_WARNING("{}.{}: not 8 kHz 16-bit mono PCM", base.string(), ext);
        continue;
      }
      out.resize(samples->size());
      for (std::size_t i = 0; i < samples->size(); ++i) {
        out[i] = codec == "alaw" ? media::g711::linearToAlaw((*samples)[i])
                                 : media::g711::linearToUlaw((*samples)[i]);
      }
      return out;
    }
  }
  return std::nullopt;
}

asio::awaitable<PromptOutcome> playPrompt(PbxService& pbx, std::shared_ptr<Channel> channel,
                                          std::string name, std::shared_ptr<ChannelWatcher> watcher,
                                          std::function<bool()> stop) {
  auto media = channel->media();
  const std::string codec = media.codec == "alaw" ? "alaw" : "ulaw";
  auto prompt = loadPrompt(pbx.soundsDir(), channel->language, name, codec);
  if (!prompt) {
    SB_WARNING("ast_streamfile failed on {} for {}", channel->name(), name);
    co_return PromptOutcome::Missing;
  }
  SB_VERBOSE(3, "<{}> Playing '{}.{}' (language '{}')", channel->name(), name, codec,
             channel->language);
  if (!media.stream || media.payloadType < 0) {
    co_return PromptOutcome::Played;
  }
  if (!watcher) {
    watcher = std::make_shared<ChannelWatcher>(co_await asio::this_coro::executor);
    channel->watch(watcher);
  }
  auto done = std::make_shared<bool>(false);
  auto& io = pbx.io();
  channel->reportActivity(ChannelActivity::MediaSent);
  media.stream->play(std::move(*prompt), static_cast<std::uint8_t>(media.payloadType),
                     [&io, watcher, done] {
                       // Called on the media thread: hop back to the reactor.
                       asio::post(io, [watcher, done] {
                         *done = true;
                         watcher->notify();
                       });
                     });
  auto stopped = [&] { return channel->interrupted() || (stop && stop()); };
  while (!*done && !stopped()) {
    co_await waitForChange(watcher, std::chrono::steady_clock::time_point::max());
  }
  if (!*done) {
    media.stream->stop();
    co_return PromptOutcome::Interrupted;
  }
  co_return PromptOutcome::Played;
}

}  // namespace sb::modules::pbx
