#pragma once
/// @file
/// A channel: one leg of a call as the PBX core sees it (Asterisk's ast_channel). The
/// channel driver (chan_pjsip) implements ChannelTech; the dialplan and Dial act on the
/// channel and never on SIP directly.
///
/// Threading: reactor thread only. Lifetime: shared_ptr, held by the channel registry while
/// the channel exists, by the coroutine running its dialplan or dialling it, and weakly by
/// its driver session. A hung-up channel stays a valid object; everything it forwards to the
/// driver checks that the driver is still attached.

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modules/pbx/sip_header_list.hpp"

namespace sb::media {
class RtpStream;
}

namespace sb::modules::pbx {

class Channel;

/// Asterisk's channel states (ast_state2str names).
enum class ChannelState { Down, Reserved, OffHook, Dialing, Ring, Ringing, Up, Busy, PreRing };
std::string_view channelStateName(ChannelState state);
/// Asterisk's numeric ChannelState (AMI).
int channelStateNumber(ChannelState state);

/// ast_softhangup reasons (AST_SOFTHANGUP_*): what SoftHangupRequest's Cause carries.
namespace softhangup {
inline constexpr int kDev = 1 << 0;       ///< the channel driver asked (RTP timeout)
inline constexpr int kExplicit = 1 << 5;  ///< someone asked (`channel request hangup`)
}  // namespace softhangup

/// What a channel can signal to its peer before or instead of answering.
enum class Indication { Ringing, Progress, Busy, Congestion };

/// A party's identity (Asterisk's ast_party_id: caller or connected line): name, number and
/// their presentations (AST_PRES_* values: 0 allowed, 0x20 prohibited, ... with the screening
/// in the low bits). An empty name or number counts as not given.
struct PartyId {
  std::string name;
  std::string number;
  int namePresentation = 0;
  int numberPresentation = 0;
  /// What the AMI compares (ast_channel_snapshot_caller_id_equal): name and number only.
  bool sameAs(const PartyId& other) const { return name == other.name && number == other.number; }
};

/// The media a channel anchors: its relay stream and the payload types it negotiated.
struct ChannelMedia {
  /// Keeps what the stream needs (its media engine) alive as long as this copy: coroutines
  /// may still hold a stream after its session has gone.
  std::shared_ptr<const void> owner;
  std::shared_ptr<media::RtpStream> stream;
  std::string codec;         ///< Asterisk codec name the peer sends and receives ("ulaw")
  int payloadType = -1;      ///< its payload type on this leg
  int dtmfPayloadType = -1;  ///< telephone-event payload type, -1 when not negotiated
};

/// Where a DTMF digit came from. A driver passing a peer's digit on uses it to tell whether the
/// digit already travels in the media it relays (RFC 4733 events between two legs that
/// negotiated them, tones in relayed audio).
enum class DigitSource { Info, Rfc4733, Inband, Local };

/// What a DTMF report covers: the digit's begin, its end, or the whole digit at once.
enum class DigitPhase { Begin, End, Whole };

/// What happens to a channel that a transfer's progress report follows (what Asterisk's
/// REFER progress framehook reads from the frames written to the transferee): indications,
/// media sent to it, entering a bridge, hanging up.
enum class ChannelActivity { Ringing, Progress, Busy, Congestion, MediaSent, Bridged, HungUp };

/// The driver side of one channel (one SIP session).
class ChannelTech {
 public:
  virtual ~ChannelTech() = default;
  /// Inbound: answer (200 OK). Outbound: not used.
  virtual void answer(Channel& channel) = 0;
  /// Inbound, before answer: 180/183/486/503.
  virtual void indicate(Channel& channel, Indication indication) = 0;
  /// Outbound: start the call (send the INVITE).
  virtual void call(Channel& channel) = 0;
  /// Ends the leg with an Asterisk hang-up cause (BYE, CANCEL or a final response). Called
  /// once; the driver detaches afterwards.
  virtual void hangup(Channel& channel, int cause) = 0;
  /// The negotiated media, when there is some (empty stream otherwise).
  virtual ChannelMedia media() const = 0;
  /// Driver items for CHANNEL(pjsip,...) and friends.
  virtual std::optional<std::string> info(std::string_view item) const = 0;
  /// A digit from `source` begins towards the far end (Asterisk's send_digit_begin): true when
  /// the driver will carry it. Nothing needs to go on the wire before sendDigit().
  virtual bool sendDigitBegin(Channel&, char /*digit*/, DigitSource /*source*/) { return false; }
  /// Plays a DTMF digit of `durationMs` to the far end (dtmf_mode decides how); false when it
  /// cannot.
  virtual bool sendDigit(Channel&, char /*digit*/, unsigned /*durationMs*/,
                         DigitSource /*source*/) {
    return false;
  }
  /// Outbound, before call(): offer only those of the endpoint's codecs that `allowList`
  /// (codec names, comma-separated) names, as AMI Originate's Codecs restricts a channel.
  virtual void restrictCodecs(std::string_view /*allowList*/) {}
  /// PJSIPHangup: ends an incoming call that is not answered yet with the final response
  /// `status` (the far end hangs up as far as the channel is concerned). False, with the INVITE
  /// session's state as pjsip names it in `state` ("CONFIRMED"), when the call is not incoming
  /// or is answered or over.
  virtual bool hangupWithResponse(Channel&, int /*status*/, std::string& state) {
    state = "NULL";
    return false;
  }
  /// Sends a request of `method` inside the channel's dialog with these extra headers and
  /// body (PJSIPNotify's channel form); false when there is no live dialog to carry it.
  virtual bool sendInDialogRequest(const std::string& /*method*/,
                                   const std::vector<std::pair<std::string, std::string>>&
                                   /*headers*/,
                                   const std::string& /*contentType*/,
                                   const std::string& /*body*/) {
    return false;
  }
};

/// Something waiting for channels to change (a dialplan step, Dial). Channels notify every
/// watcher on each change; a watcher wakes its coroutine.
class ChannelWatcher {
 public:
  explicit ChannelWatcher(boost::asio::any_io_executor executor);
  /// Wakes the waiting coroutine (or the next wait, if none is waiting).
  void notify();
  /// Waits until notify() or `deadline`, whichever comes first. Returns true when notified.
  /// Usable with co_await from a coroutine on the reactor.
  template <class CompletionToken>
  auto wait(std::chrono::steady_clock::time_point deadline, CompletionToken&& token);
  boost::asio::steady_timer& timer() { return timer_; }
  bool consumeSignal() {
    const bool was = signalled_;
    signalled_ = false;
    return was;
  }

 private:
  boost::asio::steady_timer timer_;
  bool signalled_ = false;
};

class Channel : public std::enable_shared_from_this<Channel> {
 public:
  struct Identity {
    std::string name;      ///< "PJSIP/alice-00000001"
    std::string uniqueId;  ///< "1701234567.1"
    std::string linkedId;
    std::string endpoint;  ///< driver's device ("alice")
    std::string tech;      ///< "PJSIP"
  };

  Channel(Identity identity, std::shared_ptr<ChannelTech> tech, bool outbound);

  const std::string& name() const { return identity_.name; }
  const std::string& uniqueId() const { return identity_.uniqueId; }
  const std::string& linkedId() const { return identity_.linkedId; }
  void setLinkedId(std::string id) { identity_.linkedId = std::move(id); }
  const std::string& endpoint() const { return identity_.endpoint; }
  const std::string& techName() const { return identity_.tech; }
  bool outbound() const { return outbound_; }
  std::chrono::steady_clock::time_point created() const { return created_; }
  std::optional<std::chrono::steady_clock::time_point> answeredAt() const { return answeredAt_; }

  ChannelState state() const { return state_; }
  /// Changes the state and tells watchers (and the event sink) when it differs.
  void setState(ChannelState state);

  // Dialplan location.
  std::string context, exten;
  int priority = 1;
  std::string appName, appData;  ///< what runs now (core show channels)
  std::string language = "en";
  /// Gosub return addresses (Return resumes after the Gosub) and the ARGn/ARGC values they
  /// replaced (std::nullopt: the variable did not exist).
  struct Frame {
    std::string context, exten;
    int priority = 0;
    std::map<std::string, std::optional<std::string>> savedArgs;
    bool special = false;  ///< a routine an application runs (Dial's b/B/U): Return ends it
    int arguments = 0;     ///< how many ARGn this frame set
  };
  std::vector<Frame> gosubStack;
  std::string accountCode;

  // Identity: who the channel's party is (caller id) and who it is connected to.

  const PartyId& caller() const { return caller_; }
  const PartyId& connected() const { return connected_; }
  /// Asterisk's ast_channel_set_caller_event: replaces the caller id; once announced, a new
  /// name or number is told to the identity sink (NewCallerid).
  void setCaller(PartyId caller) { setIdentity(std::move(caller), connected_); }
  /// ast_channel_set_connected_line: replaces the connected line (NewConnectedLine).
  void setConnected(PartyId connected) { setIdentity(caller_, std::move(connected)); }
  /// Both at once, as one channel snapshot: the sink hears of both changes together.
  void setIdentity(PartyId caller, PartyId connected);

  /// Channel variables (case-sensitive names as Asterisk).
  std::optional<std::string> variable(const std::string& name) const;
  /// Sets a variable and, once the channel is announced, tells the variable sink (VarSet).
  void setVariable(const std::string& name, std::string value);
  /// Sets a variable without telling anyone (a second copy of one already reported).
  void storeVariable(const std::string& name, std::string value);
  const std::map<std::string, std::string>& variables() const { return variables_; }
  /// Removes a variable (each of its `_`/`__` forms is a name of its own); false when absent.
  bool removeVariable(const std::string& name);
  /// The variables newest first: the order Asterisk keeps a channel's variables in (a set
  /// moves a variable to the front), which decides the order of SIPADDHEADER headers.
  std::vector<std::pair<std::string, std::string>> variablesNewestFirst() const;

  /// The SIP headers PJSIP_HEADER reads and adds to (see SipHeaderList). Kept on the
  /// channel, not the session, so that they stay readable after hang-up (the `h` extension).
  SipHeaderList sipHeaders;

  // Call control, forwarded to the driver while it is attached.
  void answer();
  void indicate(Indication indication);
  void call();
  /// Hangs the channel up locally (BYE/CANCEL/final response) with `cause`.
  void hangup(int cause);
  ChannelMedia media() const;
  std::optional<std::string> info(std::string_view item) const;
  /// The driver while it is attached (null once hung up), for the driver's own dialplan
  /// functions (PJSIP_DTMF_MODE, ...).
  ChannelTech* driver() const { return tech_.get(); }
  /// What Asterisk's masquerade (ast_channel_move) does for an INVITE with Replaces whose
  /// channel is in no bridge: `tech` (the new call) serves this channel from now on; the
  /// channel keeps its name, its place and whoever drives it. Returns the previous driver,
  /// for the caller to end; null (and nothing changes) once hung up.
  std::shared_ptr<ChannelTech> replaceDriver(std::shared_ptr<ChannelTech> tech);

  // Driver reports.

  /// The far end answered (outbound) or we answered (inbound).
  void markAnswered();
  /// The far end rings / sent early media.
  void markRinging();
  void markProgress();
  /// The far end hung up or the leg failed; `cause` is an Asterisk cause (16, 17, ...).
  /// Asterisk's ast_queue_hangup: a HangupRequest once announced.
  void remoteHangup(int cause);
  /// The driver ends the call itself (its own BYE, a final response it chose) and lets the
  /// core know as chan_pjsip does when a session ends under a channel: a HangupRequest with
  /// `cause`, then the hang-up.
  void driverHangup(int cause);
  /// Asterisk's ast_softhangup: a hang-up asked for from outside the channel's own dialplan
  /// (`channel request hangup`, an RTP timeout). A SoftHangupRequest with `reason` (an
  /// AST_SOFTHANGUP_* value), then the hang-up with `cause`.
  void softHangup(int reason, int cause);

  /// A dialplan location (where Redirect sends a channel).
  struct Location {
    std::string context, exten;
    int priority = 1;
  };
  /// Asterisk's ast_async_goto: asks whoever drives this channel (its dialplan runner, or the
  /// Dial that bridged it) to continue at `target`. The current application returns, a bridge
  /// is left; the location is applied by applyPendingGoto().
  void requestGoto(Location target);
  bool gotoPending() const { return pendingGoto_.has_value(); }
  /// Moves to the pending location (its priority runs next) and clears it; false when none.
  bool applyPendingGoto();
  /// True when the running application should stop: hung up, redirected or handed over.
  bool interrupted() const {
    return hungUp_ || pendingGoto_.has_value() || handOver_ == HandOver::Requested;
  }

  // Hand-over: a transfer moving the channel into a new bridge (PbxService::bridgeTogether)
  // takes it from whoever drives it now, as a redirect does, but without a dialplan goto.

  /// Asks whoever drives the channel (its dialplan runner, the Dial that bridged it) to let
  /// go of it: the current application returns, a bridge is left, and the driver calls
  /// releaseToTaker() instead of hanging the channel up or running its dialplan on. False
  /// when the channel has hung up.
  bool requestHandOver();
  /// True while a hand-over is asked for and the driver has not let go yet.
  bool handOverPending() const { return handOver_ == HandOver::Requested; }
  /// The driver lets go: the channel belongs to whoever asked for the hand-over.
  void releaseToTaker();
  /// True once let go and not yet taken over.
  bool releasedToTaker() const { return handOver_ == HandOver::Released; }
  /// Set by the dialplan runner that let the channel go: it waits for the channel to come
  /// back, hung up (it then runs `h` and releases it) or redirected (it goes on there),
  /// instead of forgetting it, as a caller's dialplan outlives the bridges a transfer put it in.
  bool dialplanWaiting = false;
  /// The taker is done with a channel whose dialplan waits: the runner takes it back.
  void returnToDialplan() {
    dialplanWaiting = false;
    notify();
  }
  /// The taker drives the channel from now on (a later transfer may move it again).
  void takeOver() { handOver_ = HandOver::None; }

  /// True once hung up either way.
  bool hungUp() const { return hungUp_; }
  int hangupCause() const { return hangupCause_; }
  bool progressed() const { return progressed_; }
  bool ringing() const { return ringing_; }

  /// Watchers are notified of every change; they are held weakly.
  void watch(const std::shared_ptr<ChannelWatcher>& watcher);
  /// Called whenever the state changes (events for AMI).
  using StateSink = std::function<void(Channel&)>;
  void setStateSink(StateSink sink) { stateSink_ = std::move(sink); }
  /// Called when a variable of an announced channel is set (VarSet events).
  using VariableSink =
      std::function<void(Channel&, const std::string& name, const std::string& value)>;
  void setVariableSink(VariableSink sink) { variableSink_ = std::move(sink); }
  /// Called when the caller id or connected line of an announced channel changes its name or
  /// number (a presentation alone is no change, as in Asterisk's snapshots).
  using IdentitySink = std::function<void(Channel&, bool callerChanged, bool connectedChanged)>;
  void setIdentitySink(IdentitySink sink) { identitySink_ = std::move(sink); }
  /// Called when a hang-up is requested of an announced channel: `soft` for a request from
  /// elsewhere (Asterisk's ast_softhangup: `cause` is its AST_SOFTHANGUP_* reason), else the
  /// driver queued the far end's hang-up (ast_queue_hangup: `cause` is the Q.850 cause, 0 for
  /// none).
  using HangupRequestSink = std::function<void(Channel&, int cause, bool soft)>;
  void setHangupRequestSink(HangupRequestSink sink) { hangupRequestSink_ = std::move(sink); }
  /// Called for every DTMF digit received from or sent to the far end (DTMF events);
  /// `durationMs` is meaningful for End and Whole.
  using DtmfSink = std::function<void(Channel&, char digit, DigitPhase phase, unsigned durationMs,
                                      bool received)>;
  void setDtmfSink(DtmfSink sink) { dtmfSink_ = std::move(sink); }

  /// The driver heard a digit begin (RFC 4733, tones): reported, and begun towards the bridged
  /// peer.
  void receiveDigitBegin(char digit, DigitSource source);
  /// The driver heard a digit end: reported, and played to the bridged peer.
  void receiveDigitEnd(char digit, unsigned durationMs, DigitSource source);
  /// The driver heard a whole digit (INFO): reported, and played to the bridged peer.
  void receiveDigit(char digit, unsigned durationMs, DigitSource source = DigitSource::Info);
  /// Plays a digit to the far end through the driver; false when the driver cannot.
  bool sendDigit(char digit, unsigned durationMs, DigitSource source = DigitSource::Local);

  /// Takes the digits this channel receives before they reach its bridged peer (the bridge's
  /// DTMF features); returns true when it keeps the digit. The digit is reported (DTMF
  /// events) either way. While one is set, a bridge does not relay this channel's RFC 4733
  /// events itself: whatever the interceptor passes on is played by the peer's driver.
  using DigitInterceptor =
      std::function<bool(char digit, DigitPhase phase, unsigned durationMs, DigitSource source)>;
  void setDigitInterceptor(DigitInterceptor interceptor) {
    digitInterceptor_ = std::move(interceptor);
  }
  bool interceptsDigits() const { return static_cast<bool>(digitInterceptor_); }
  /// The DTMF features it may use in a bridge besides Dial's options (CHANNEL(dtmf_features):
  /// letters T transfer, H disconnect, K park, W and X recording).
  std::string dtmfFeatures;

  /// The driver renegotiated the media (codec, payload types, ports): whoever bridges the
  /// channel links it again (TwoPartyBridge::refresh).
  void mediaChanged() { notify(); }

  /// Hears the channel's activity (a transfer's progress report). One listener at a time: a
  /// new one replaces the old, an empty one removes it. It may remove itself while called.
  using ActivityListener = std::function<void(ChannelActivity)>;
  void setActivityListener(ActivityListener listener) { activityListener_ = std::move(listener); }
  /// Tells the listener. Indications (also on an answered channel) and hang-ups report
  /// themselves; bridges and applications sending media call this.
  void reportActivity(ChannelActivity activity);
  /// Set once Newchannel has been published (state changes before that are not events).
  bool announced = false;
  /// The channel it is bridged with (empty when not bridged).
  std::weak_ptr<Channel> bridgedWith;
  /// The dialled leg whose early media (183 with SDP) this caller hears before an answer.
  std::weak_ptr<Channel> earlyMediaFrom;
  /// The unique id of the bridge it is in (empty when not bridged), for the console.
  std::string bridgeId;

 private:
  void notify();
  void beginSendingDigit(char digit, DigitSource source);
  void reportDigit(char digit, DigitPhase phase, unsigned durationMs, bool received) {
    if (dtmfSink_) {
      dtmfSink_(*this, digit, phase, durationMs, received);
    }
  }

  Identity identity_;
  std::shared_ptr<ChannelTech> tech_;
  const bool outbound_;
  std::chrono::steady_clock::time_point created_ = std::chrono::steady_clock::now();
  std::optional<std::chrono::steady_clock::time_point> answeredAt_;
  ChannelState state_ = ChannelState::Down;
  std::map<std::string, std::string> variables_;
  std::map<std::string, std::uint64_t> variableAge_;  ///< when each variable was last set
  std::uint64_t variableClock_ = 0;
  bool hungUp_ = false;
  bool ringing_ = false;
  bool progressed_ = false;
  int hangupCause_ = 0;
  std::vector<std::weak_ptr<ChannelWatcher>> watchers_;
  PartyId caller_, connected_;
  StateSink stateSink_;
  IdentitySink identitySink_;
  HangupRequestSink hangupRequestSink_;
  VariableSink variableSink_;
  DtmfSink dtmfSink_;
  DigitInterceptor digitInterceptor_;
  char receivingDigit_ = '\0';  // a received digit whose end is awaited
  char sendingDigit_ = '\0';    // a digit reported begun towards the far end
  std::optional<Location> pendingGoto_;
  enum class HandOver { None, Requested, Released };
  HandOver handOver_ = HandOver::None;
  ActivityListener activityListener_;
};

template <class CompletionToken>
auto ChannelWatcher::wait(std::chrono::steady_clock::time_point deadline, CompletionToken&& token) {
  timer_.expires_at(deadline);
  return timer_.async_wait(std::forward<CompletionToken>(token));
}

}  // namespace sb::modules::pbx
