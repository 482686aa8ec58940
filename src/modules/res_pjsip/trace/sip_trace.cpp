#include "modules/res_pjsip/trace/sip_trace.hpp"

#include <ctime>
#include <unordered_set>
#include <utility>

#include "core/log/logger.hpp"
#include "core/store/option_parsers.hpp"
#include "modules/res_pjsip/location/contact_flow.hpp"
#include "modules/res_pjsip/trace/message_summary.hpp"

namespace sb::modules::res_pjsip {

void SipTrace::onMessage(sip::Direction direction, const sip::Flow& flow, std::string_view bytes) {
  const bool logging = logger_.enabled();
  if (!logging && !messages_.enabled() && !dialogs_.enabled()) {
    return;
  }
  const auto summary = summarizeMessage(bytes);
  if (!summary) {
    return;  // keep-alives and garbage: Asterisk's modules only see parsed messages
  }
  const bool out = direction == sip::Direction::Out;
  sip::SocketAddress local = flow.local;
  if (pcap_.isOpen() && local.address.is_unspecified()) {
    local.address = localAddressTowards(flow);
  }
  const auto& source = out ? local : flow.remote;
  const auto& destination = out ? flow.remote : local;
  if (logging && logger_.passes(flow.remote.address, summary->concernedMethod())) {
    if (verbose_) {
      SB_VERBOSE(0, "<--- {} SIP {} ({} bytes) {} {}:{} --->\n{}",
                 out ? "Transmitting" : "Received", summary->request ? "request" : "response",
                 bytes.size(), out ? "to" : "from", sip::transportName(flow.kind),
                 flow.remote.str(), bytes);
    }
    pcap_.write(std::chrono::system_clock::now(), source, destination, bytes);
  }
  messages_.record(out, source, destination, bytes, std::time(nullptr));
  dialogs_.recordMessage(out, *summary, DialogHistory::Clock::now());
  scheduleHousekeeping();
}

boost::asio::ip::address SipTrace::localAddressTowards(const sip::Flow& flow) {
  if (const auto found = localAddresses_.find(flow.remote.address);
      found != localAddresses_.end()) {
    return found->second;
  }
  if (localAddresses_.size() >= 256) {
    localAddresses_.clear();  // a pcap session rarely sees that many peers; keep it bounded
  }
  const auto address = localAddressFor(flow.local, flow.remote);
  localAddresses_.emplace(flow.remote.address, address);
  return address;
}

Result<void> SipTrace::openPcap(const std::string& path) {
  auto opened = pcap_.open(path);
  scheduleHousekeeping();
  return opened;
}

void SipTrace::loggerOff() {
  logger_.reset();
  verbose_ = true;
  pcap_.close();
  localAddresses_.clear();
}

void SipTrace::applyDebugOption(std::string_view debug) {
  const auto flag = store::parseBoolean(debug);
  if (flag && !*flag) {
    if (console_ != Console::Changed) {
      loggerOff();
    }
    configLogsAll_ = false;
    return;
  }
  if (flag) {
    if (console_ == Console::Untouched && !configLogsAll_) {
      configLogsAll_ = true;
      logger_.enableAll();
    }
    return;
  }
  // Asterisk keeps logging everything when a reload turns debug=yes into a host; the host is
  // what the configuration now asks for, so it alone is logged.
  if (std::exchange(configLogsAll_, false) && console_ == Console::Untouched) {
    logger_.reset();
  }
  if (!logger_.addHost(store::trimmed(debug), true)) {
    SB_WARNING("Could not resolve host {} for debug logging", debug);
  }
}

void SipTrace::noteCallEvent(std::string_view callId, std::string_view event,
                             std::string_view detail) {
  if (!dialogs_.enabled()) {
    return;
  }
  dialogs_.note(callId, event, detail, DialogHistory::Clock::now());
  scheduleHousekeeping();
}

Registration SipTrace::provideLiveCalls(LiveCalls liveCalls) {
  liveCalls_ = std::move(liveCalls);
  return Registration([this] { liveCalls_ = nullptr; });
}

std::vector<std::string> SipTrace::liveCalls() const {
  return liveCalls_ ? liveCalls_() : std::vector<std::string>{};
}

void SipTrace::scheduleHousekeeping() {
  if (housekeeping_.pending() || (!pcap_.dirty() && dialogs_.empty())) {
    return;
  }
  housekeeping_.start(std::chrono::seconds(1), [this] { housekeep(); });
}

void SipTrace::housekeep() {
  pcap_.flush();
  if (!dialogs_.empty()) {
    const auto live = liveCalls();
    const std::unordered_set<std::string_view> alive(live.begin(), live.end());
    dialogs_.expire([&alive](std::string_view callId) { return alive.contains(callId); },
                    DialogHistory::Clock::now());
  }
  scheduleHousekeeping();
}

}  // namespace sb::modules::res_pjsip
