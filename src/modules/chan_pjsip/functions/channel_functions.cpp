#include "modules/chan_pjsip/functions/channel_functions.hpp"

#include <fmt/format.h>

#include "core/log/logger.hpp"
#include "core/store/object_store.hpp"
#include "modules/chan_pjsip/functions/function_outcome.hpp"
#include "modules/chan_pjsip/session.hpp"
#include "modules/pbx/pjsip_hangup.hpp"
#include "modules/res_pjsip/endpoint_config.hpp"
#include "modules/res_pjsip/endpoint_text.hpp"
#include "sip/message/text.hpp"

namespace sb::modules::chan_pjsip {

namespace {

/// The session behind a PJSIP channel, or the failure Asterisk logs. The session is null
/// (without a failure) once the channel has hung up.
struct ChannelSession {
  Session* session = nullptr;
  std::optional<Outcome> failure;
};

ChannelSession sessionOf(pbx::Channel* channel, std::string_view function) {
  if (channel == nullptr) {
    return {nullptr,
            Outcome::warning(fmt::format("No channel was provided to {} function.", function))};
  }
  if (channel->techName() != "PJSIP") {
    return {nullptr,
            Outcome::warning(fmt::format("Cannot call {} on a non-PJSIP channel", function))};
  }
  return {dynamic_cast<Session*>(channel->driver()), std::nullopt};
}

std::shared_ptr<const res_pjsip::EndpointConfig> endpointOf(const store::ObjectStore& store,
                                                            const pbx::Channel& channel) {
  return store.current()->get<res_pjsip::EndpointConfig>("endpoint", channel.endpoint());
}

std::optional<media::MediaKind> mediaKind(std::string_view text) {
  if (text == "audio") {
    return media::MediaKind::Audio;
  }
  if (text == "video") {
    return media::MediaKind::Video;
  }
  return std::nullopt;
}

Outcome readDtmfMode(const store::ObjectStore& store, pbx::Channel* channel) {
  auto found = sessionOf(channel, "PJSIP_DTMF_MODE");
  if (found.failure) {
    return *found.failure;
  }
  if (found.session != nullptr) {
    return Outcome::ok(found.session->dtmfMode());
  }
  const auto endpoint = endpointOf(store, *channel);
  return Outcome::ok(endpoint ? endpoint->dtmfMode : std::string());
}

Outcome writeDtmfMode(pbx::Channel* channel, const std::string& value) {
  auto found = sessionOf(channel, "PJSIP_DTMF_MODE");
  if (found.failure) {
    return *found.failure;
  }
  const auto mode = dtmfModeWord(value);
  if (!mode) {
    return Outcome::warning(
        fmt::format("Cannot set DTMF mode to '{}' on channel '{}' as value is invalid.", value,
                    channel->name()));
  }
  if (found.session != nullptr) {
    found.session->changeDtmfMode(*mode);
  }
  return Outcome::ok(*mode);
}

Outcome readMediaOffer(const store::ObjectStore& store, pbx::Channel* channel,
                       const std::string& args) {
  auto found = sessionOf(channel, "PJSIP_MEDIA_OFFER");
  if (found.failure) {
    return *found.failure;
  }
  const auto kind = mediaKind(args);
  if (!kind) {
    return Outcome::ok("");
  }
  if (found.session != nullptr) {
    return Outcome::ok(found.session->mediaOffer(*kind));
  }
  std::string names;
  if (const auto endpoint = endpointOf(store, *channel)) {
    for (const auto& pref : res_pjsip::endpointCodecs(*endpoint).codecs(*kind)) {
      names += (names.empty() ? "" : ",") + std::string(pref.codec->name);
    }
  }
  return Outcome::ok(names);
}

Outcome writeMediaOffer(pbx::Channel* channel, const std::string& args, const std::string& value) {
  auto found = sessionOf(channel, "PJSIP_MEDIA_OFFER");
  if (found.failure) {
    return *found.failure;
  }
  const auto kind = mediaKind(args);
  if (kind && found.session != nullptr) {
    found.session->setMediaOffer(*kind, value);
  }
  return Outcome::ok(value);
}

/// PJSIP_SEND_SESSION_REFRESH()=invite|update (anything else: invite, as Asterisk).
Outcome writeSessionRefresh(pbx::Channel* channel, const std::string& value) {
  auto found = sessionOf(channel, "PJSIP_SEND_SESSION_REFRESH");
  if (found.failure) {
    return *found.failure;
  }
  if (channel->state() != pbx::ChannelState::Up) {
    return Outcome::warning(
        fmt::format("'PJSIP_SEND_SESSION_REFRESH' not allowed on unanswered "
                    "channel '{}'.",
                    channel->name()));
  }
  if (found.session != nullptr) {
    found.session->sendSessionRefresh(value == "update");
  }
  return Outcome::ok(value);
}

boost::asio::awaitable<pbx::AppResult> sipDtmfMode(pbx::PbxService&,
                                                   std::shared_ptr<pbx::Channel> channel,
                                                   std::string data) {
  if (channel->techName() != "PJSIP" && channel->techName() != "SIP") {
    SB_WARNING("Call this application only on SIP incoming calls");
    co_return pbx::AppResult::Continue;
  }
  auto* session = dynamic_cast<Session*>(channel->driver());
  if (session == nullptr) {
    co_return pbx::AppResult::Continue;
  }
  if (const auto mode = legacyDtmfMode(data)) {
    session->changeDtmfMode(*mode);
  } else {
    SB_WARNING("I don't know about this dtmf mode: {}", data);
  }
  co_return pbx::AppResult::Continue;
}

/// PJSIPHangup(cause): the dialplan ends here whatever happens, as after Hangup().
boost::asio::awaitable<pbx::AppResult> pjsipHangupApp(pbx::PbxService&,
                                                      std::shared_ptr<pbx::Channel> channel,
                                                      std::string data) {
  if (data.empty()) {
    SB_WARNING("{}: Missing response code parameter", channel->name());
    co_return pbx::AppResult::Hangup;
  }
  pbx::pjsipHangup(*channel, pbx::pjsipHangupResponse(channel->name(), data));
  co_return pbx::AppResult::Hangup;
}

}  // namespace

std::optional<std::string> dtmfModeWord(std::string_view text) {
  for (const char* word : {"info", "rfc4733", "inband", "none", "auto", "auto_info"}) {
    if (sip::text::iequals(text, word)) {
      return std::string(word);
    }
  }
  return std::nullopt;
}

std::optional<std::string> legacyDtmfMode(std::string_view text) {
  if (sip::text::iequals(text, "info") || sip::text::iequals(text, "shortinfo")) {
    return "info";
  }
  if (sip::text::iequals(text, "rfc2833")) {
    return "rfc4733";
  }
  if (sip::text::iequals(text, "inband")) {
    return "inband";
  }
  return std::nullopt;
}

Registrations addChannelFunctions(pbx::PbxService& pbx, const store::ObjectStore& store) {
  Registrations out;
  pbx::FunctionInfo dtmf{
      reader([&store](pbx::Channel* channel, const std::string&) {
        return readDtmfMode(store, channel);
      }),
      writer([](pbx::Channel* channel, const std::string&, const std::string& value) {
        return writeDtmfMode(channel, value);
      }),
      "Get or change the DTMF mode for a SIP call."};
  dtmf.syntax = "PJSIP_DTMF_MODE()";
  dtmf.description =
      "When read, returns the current DTMF mode\n"
      "When written, sets the current DTMF mode\n"
      "This function uses the same DTMF mode naming as the dtmf_mode configuration option";
  dtmf.since = "13.18.0, 14.7.0, 15.1.0";
  dtmf.providedBy = "chan_pjsip";
  out += pbx.addFunction("PJSIP_DTMF_MODE", std::move(dtmf));

  pbx::FunctionInfo offer{
      reader([&store](pbx::Channel* channel, const std::string& args) {
        return readMediaOffer(store, channel, args);
      }),
      writer([](pbx::Channel* channel, const std::string& args, const std::string& value) {
        return writeMediaOffer(channel, args, value);
      }),
      "Media and codec offerings to be set on an outbound SIP channel prior to dialing."};
  offer.syntax = "PJSIP_MEDIA_OFFER(media)";
  offer.description =
      "When read, returns the codecs offered based upon the media choice.\n"
      "When written, sets the codecs to offer when an outbound dial attempt is made, or when "
      "a session\nrefresh is sent using 'PJSIP_SEND_SESSION_REFRESH'.";
  offer.arguments =
      "media - The type of media offered\n"
      "    audio - Audio codecs to offer\n"
      "    video - Video codecs to offer";
  offer.seeAlso = "PJSIP_SEND_SESSION_REFRESH()";
  offer.since = "12.0.0";
  offer.providedBy = "chan_pjsip";
  out += pbx.addFunction("PJSIP_MEDIA_OFFER", std::move(offer));

  pbx::FunctionInfo refresh{
      nullptr, writer([](pbx::Channel* channel, const std::string&, const std::string& value) {
        return writeSessionRefresh(channel, value);
      }),
      "W/O: Initiate a session refresh via an UPDATE or re-INVITE on an established media "
      "session"};
  refresh.syntax = "PJSIP_SEND_SESSION_REFRESH([update_type])";
  refresh.description =
      "This function will cause the PJSIP stack to immediately refresh the media session for "
      "the channel.\nThis will be done using either a re-INVITE (default) or an UPDATE "
      "request.\nThis is most useful when combined with the 'PJSIP_MEDIA_OFFER' dialplan "
      "function, as it allows the formats\nin use on a channel to be re-negotiated after call "
      "setup.";
  refresh.arguments =
      "update_type\n"
      "    invite - Refresh the session using a re-INVITE.\n"
      "    update - Refresh the session using an UPDATE.";
  refresh.seeAlso = "PJSIP_MEDIA_OFFER()";
  refresh.since = "13.12.0";
  refresh.providedBy = "chan_pjsip";
  out += pbx.addFunction("PJSIP_SEND_SESSION_REFRESH", std::move(refresh));

  out += pbx.addApplication(
      "SIPDtmfMode", pbx::ApplicationInfo{sipDtmfMode, "Change the dtmfmode for a SIP call."});
  out += pbx.addApplication(
      "PJSIPHangup",
      pbx::ApplicationInfo{pjsipHangupApp,
                           "Hangup an incoming PJSIP channel with a SIP response code"});
  return out;
}

}  // namespace sb::modules::chan_pjsip
