#include "modules/pbx/channel.hpp"

#include <algorithm>

namespace sb::modules::pbx {

std::string_view channelStateName(ChannelState state) {
  switch (state) {
    case ChannelState::Down:
      return "Down";
    case ChannelState::Reserved:
      return "Rsrvd";
    case ChannelState::OffHook:
      return "OffHook";
    case ChannelState::Dialing:
      return "Dialing";
    case ChannelState::Ring:
      return "Ring";
    case ChannelState::Ringing:
      return "Ringing";
    case ChannelState::Up:
      return "Up";
    case ChannelState::Busy:
      return "Busy";
    case ChannelState::PreRing:
      return "Pre-ring";
  }
  return "Unknown";
}

int channelStateNumber(ChannelState state) {
  switch (state) {
    case ChannelState::Down:
      return 0;
    case ChannelState::Reserved:
      return 1;
    case ChannelState::OffHook:
      return 2;
    case ChannelState::Dialing:
      return 3;
    case ChannelState::Ring:
      return 4;
    case ChannelState::Ringing:
      return 5;
    case ChannelState::Up:
      return 6;
    case ChannelState::Busy:
      return 7;
    case ChannelState::PreRing:
      return 10;
  }
  return 0;
}

ChannelWatcher::ChannelWatcher(boost::asio::any_io_executor executor) : timer_(executor) {}

void ChannelWatcher::notify() {
  signalled_ = true;
  timer_.cancel();
}

Channel::Channel(Identity identity, std::shared_ptr<ChannelTech> tech, bool outbound)
    : identity_(std::move(identity)), tech_(std::move(tech)), outbound_(outbound) {
  if (identity_.linkedId.empty()) {
    identity_.linkedId = identity_.uniqueId;
  }
}

void Channel::setState(ChannelState state) {
  if (state == state_) {
    return;
  }
  state_ = state;
  if (stateSink_) {
    stateSink_(*this);
  }
  notify();
}

void Channel::setIdentity(PartyId caller, PartyId connected) {
  const bool callerChanged = !caller.sameAs(caller_);
  const bool connectedChanged = !connected.sameAs(connected_);
  caller_ = std::move(caller);
  connected_ = std::move(connected);
  if (announced && identitySink_ && (callerChanged || connectedChanged)) {
    identitySink_(*this, callerChanged, connectedChanged);
  }
}

std::optional<std::string> Channel::variable(const std::string& name) const {
  auto found = variables_.find(name);
  if (found == variables_.end()) {
    return std::nullopt;
  }
  return found->second;
}

void Channel::setVariable(const std::string& name, std::string value) {
  auto& stored = variables_[name];
  stored = std::move(value);
  variableAge_[name] = ++variableClock_;
  if (variableSink_ && announced) {
    variableSink_(*this, name, stored);
  }
}

void Channel::storeVariable(const std::string& name, std::string value) {
  variables_[name] = std::move(value);
  variableAge_[name] = ++variableClock_;
}

bool Channel::removeVariable(const std::string& name) {
  variableAge_.erase(name);
  return variables_.erase(name) > 0;
}

std::vector<std::pair<std::string, std::string>> Channel::variablesNewestFirst() const {
  std::vector<std::pair<std::string, std::string>> out(variables_.begin(), variables_.end());
  std::sort(out.begin(), out.end(), [this](const auto& a, const auto& b) {
    return variableAge_.at(a.first) > variableAge_.at(b.first);
  });
  return out;
}

void Channel::receiveDigitBegin(char digit, DigitSource source) {
  if (hungUp_) {
    return;
  }
  receivingDigit_ = digit;
  reportDigit(digit, DigitPhase::Begin, 0, true);
  if (digitInterceptor_ && digitInterceptor_(digit, DigitPhase::Begin, 0, source)) {
    return;
  }
  if (auto peer = bridgedWith.lock()) {
    peer->beginSendingDigit(digit, source);
  }
}

void Channel::receiveDigitEnd(char digit, unsigned durationMs, DigitSource source) {
  if (hungUp_) {
    return;
  }
  const bool begun = receivingDigit_ == digit;
  receivingDigit_ = '\0';
  const DigitPhase phase = begun ? DigitPhase::End : DigitPhase::Whole;
  reportDigit(digit, phase, durationMs, true);
  if (digitInterceptor_ && digitInterceptor_(digit, phase, durationMs, source)) {
    return;
  }
  if (auto peer = bridgedWith.lock()) {
    peer->sendDigit(digit, durationMs, source);
  }
}

void Channel::receiveDigit(char digit, unsigned durationMs, DigitSource source) {
  if (hungUp_) {
    return;
  }
  reportDigit(digit, DigitPhase::Whole, durationMs, true);
  if (digitInterceptor_ && digitInterceptor_(digit, DigitPhase::Whole, durationMs, source)) {
    return;
  }
  if (auto peer = bridgedWith.lock()) {
    peer->sendDigit(digit, durationMs, source);
  }
}

void Channel::beginSendingDigit(char digit, DigitSource source) {
  if (hungUp_ || !tech_ || !tech_->sendDigitBegin(*this, digit, source)) {
    return;
  }
  sendingDigit_ = digit;
  reportDigit(digit, DigitPhase::Begin, 0, false);
}

bool Channel::sendDigit(char digit, unsigned durationMs, DigitSource source) {
  const bool begun = sendingDigit_ == digit;
  sendingDigit_ = '\0';
  const bool sent = !hungUp_ && tech_ && tech_->sendDigit(*this, digit, durationMs, source);
  if (sent || begun) {
    // A begin already reported gets its end even if the digit could not go out after all.
    reportDigit(digit, begun ? DigitPhase::End : DigitPhase::Whole, durationMs, false);
  }
  return sent;
}

void Channel::requestGoto(Location target) {
  if (hungUp_) {
    return;
  }
  pendingGoto_ = std::move(target);
  notify();
}

bool Channel::applyPendingGoto() {
  if (!pendingGoto_) {
    return false;
  }
  context = std::move(pendingGoto_->context);
  exten = std::move(pendingGoto_->exten);
  priority = pendingGoto_->priority;
  pendingGoto_.reset();
  return true;
}

bool Channel::requestHandOver() {
  if (hungUp_) {
    return false;
  }
  handOver_ = HandOver::Requested;
  notify();
  return true;
}

void Channel::releaseToTaker() {
  if (handOver_ == HandOver::Requested) {
    handOver_ = HandOver::Released;
    notify();
  }
}

std::shared_ptr<ChannelTech> Channel::replaceDriver(std::shared_ptr<ChannelTech> tech) {
  if (hungUp_) {
    return nullptr;
  }
  auto previous = std::move(tech_);
  tech_ = std::move(tech);
  notify();
  return previous;
}

void Channel::reportActivity(ChannelActivity activity) {
  // A copy: the listener may remove itself.
  if (auto listener = activityListener_) {
    listener(activity);
  }
}

void Channel::answer() {
  if (hungUp_ || !tech_ || state_ == ChannelState::Up) {
    return;
  }
  tech_->answer(*this);
}

void Channel::indicate(Indication indication) {
  if (hungUp_ || !tech_) {
    return;
  }
  // Heard even when the channel is up, as Asterisk's framehooks see the control frame.
  switch (indication) {
    case Indication::Ringing:
      reportActivity(ChannelActivity::Ringing);
      break;
    case Indication::Progress:
      reportActivity(ChannelActivity::Progress);
      break;
    case Indication::Busy:
      reportActivity(ChannelActivity::Busy);
      break;
    case Indication::Congestion:
      reportActivity(ChannelActivity::Congestion);
      break;
  }
  if (state_ != ChannelState::Up && tech_) {
    tech_->indicate(*this, indication);
  }
}

void Channel::call() {
  if (!hungUp_ && tech_) {
    tech_->call(*this);
  }
}

void Channel::hangup(int cause) {
  if (hungUp_) {
    return;
  }
  hungUp_ = true;
  hangupCause_ = cause;
  // The driver is told once and then forgotten: nothing reaches a finished session.
  auto tech = std::move(tech_);
  if (tech) {
    tech->hangup(*this, cause);
  }
  reportActivity(ChannelActivity::HungUp);
  notify();
}

ChannelMedia Channel::media() const {
  return tech_ ? tech_->media() : ChannelMedia{};
}

std::optional<std::string> Channel::info(std::string_view item) const {
  return tech_ ? tech_->info(item) : std::nullopt;
}

void Channel::markAnswered() {
  if (hungUp_) {
    return;
  }
  if (!answeredAt_) {
    answeredAt_ = std::chrono::steady_clock::now();
  }
  setState(ChannelState::Up);
  notify();
}

void Channel::markRinging() {
  if (hungUp_) {
    return;
  }
  ringing_ = true;
  if (outbound_) {
    setState(ChannelState::Ringing);
  }
  notify();
}

void Channel::markProgress() {
  if (hungUp_) {
    return;
  }
  progressed_ = true;
  notify();
}

void Channel::remoteHangup(int cause) {
  if (hungUp_) {
    return;
  }
  if (announced && hangupRequestSink_) {
    hangupRequestSink_(*this, cause, false);
  }
  hungUp_ = true;
  hangupCause_ = cause;
  // The session has already ended on the wire; it only needs to let go of its resources.
  auto tech = std::move(tech_);
  (void)tech;
  reportActivity(ChannelActivity::HungUp);
  notify();
}

void Channel::driverHangup(int cause) {
  if (hungUp_) {
    return;
  }
  if (announced && hangupRequestSink_) {
    hangupRequestSink_(*this, cause, false);
  }
  hangup(cause);
}

void Channel::softHangup(int reason, int cause) {
  if (hungUp_) {
    return;
  }
  if (announced && hangupRequestSink_) {
    hangupRequestSink_(*this, reason, true);
  }
  hangup(cause);
}

void Channel::watch(const std::shared_ptr<ChannelWatcher>& watcher) {
  std::erase_if(watchers_, [](const auto& weak) { return weak.expired(); });
  watchers_.push_back(watcher);
}

void Channel::notify() {
  // Copy first: a woken coroutine only runs later, but a watcher may be added meanwhile.
  auto watchers = watchers_;
  for (const auto& weak : watchers) {
    if (auto watcher = weak.lock()) {
      watcher->notify();
    }
  }
}

}  // namespace sb::modules::pbx
