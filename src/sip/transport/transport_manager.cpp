#include "sip/transport/transport_manager.hpp"

#include <set>

#include "sip/transport/tcp_listener.hpp"
#include "sip/transport/udp_listener.hpp"
#include "sip/transport/ws_listener.hpp"

namespace sb::sip {

namespace {

bool onlyTlsChanged(const ListenerSpec& before, const ListenerSpec& after) {
  ListenerSpec same = after;
  same.tls = before.tls;
  return before.kind == TransportKind::Tls && same == before && !(before.tls == after.tls);
}

}  // namespace

TransportManager::TransportManager(boost::asio::io_context& io, PacketHandler handler)
    : io_(io), handler_(std::move(handler)) {}

TransportManager::~TransportManager() {
  closeAll();
}

std::shared_ptr<Listener> TransportManager::open(const ListenerSpec& spec, std::string& error) {
  switch (spec.kind) {
    case TransportKind::Udp:
      return UdpListener::open(io_, spec, handler_, error);
    case TransportKind::Tcp:
    case TransportKind::Tls:
      return TcpListener::open(io_, spec, handler_, streamLimits_, error);
    case TransportKind::Ws:
    case TransportKind::Wss:
      return WsListener::open(io_, spec, handler_, streamLimits_, error);
  }
  return nullptr;
}

TransportManager::ApplyResult TransportManager::apply(const std::vector<ListenerSpec>& specs) {
  ApplyResult result;
  std::set<std::string> wanted;
  for (const auto& spec : specs) {
    wanted.insert(spec.name);
  }
  // Close removed ones first so that a transport moved to another name can take its port.
  for (auto it = listeners_.begin(); it != listeners_.end();) {
    if (!wanted.count(it->first)) {
      it->second->close();
      result.closed.push_back(it->first);
      it = listeners_.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto& spec : specs) {
    auto existing = listeners_.find(spec.name);
    if (existing != listeners_.end() && existing->second->spec() == spec) {
      result.unchanged.push_back(spec.name);
      continue;
    }
    std::string error;
    if (existing != listeners_.end() && onlyTlsChanged(existing->second->spec(), spec)) {
      // A renewed certificate: swap it in place, connections stay up.
      auto* tcp = dynamic_cast<TcpListener*>(existing->second.get());
      if (tcp != nullptr && tcp->updateTls(spec.tls, error)) {
        result.updated.push_back(spec.name);
      } else {
        result.errors[spec.name] = error;
      }
      continue;
    }
    if (existing != listeners_.end()) {
      // Re-bind: the old socket may hold the very address the new one wants.
      auto old = existing->second;
      old->close();
      auto fresh = open(spec, error);
      if (!fresh) {
        std::string restoreError;
        if (auto restored = open(old->spec(), restoreError)) {
          existing->second = restored;
        } else {
          listeners_.erase(existing);
        }
        result.errors[spec.name] = error;
        continue;
      }
      existing->second = fresh;
      result.reopened.push_back(spec.name);
      continue;
    }
    if (auto fresh = open(spec, error)) {
      listeners_.emplace(spec.name, std::move(fresh));
      result.opened.push_back(spec.name);
    } else {
      result.errors[spec.name] = error;
    }
  }
  return result;
}

std::shared_ptr<Listener> TransportManager::find(const std::string& name) const {
  auto found = listeners_.find(name);
  return found == listeners_.end() ? nullptr : found->second;
}

std::vector<std::shared_ptr<Listener>> TransportManager::all() const {
  std::vector<std::shared_ptr<Listener>> out;
  for (const auto& [name, listener] : listeners_) {
    out.push_back(listener);
  }
  return out;
}

std::shared_ptr<Listener> TransportManager::select(TransportKind kind,
                                                   const SocketAddress& remote) const {
  std::shared_ptr<Listener> best;
  int bestScore = -1;
  for (const auto& [name, listener] : listeners_) {
    const auto& bind = listener->spec().bind.address;
    if (listener->spec().kind != kind || bind.is_v6() != remote.address.is_v6()) {
      continue;
    }
    int score = 0;
    if (bind == remote.address) {
      score = 3;  // talking to ourselves on that very address
    } else if (remote.address.is_loopback()) {
      score = bind.is_loopback() ? 2 : bind.is_unspecified() ? 1 : 0;
    } else {
      score = bind.is_unspecified() ? 1 : bind.is_loopback() ? -1 : 2;
    }
    if (score > bestScore) {
      best = listener;
      bestScore = score;
    }
  }
  return bestScore >= 0 ? best : nullptr;
}

void TransportManager::setStreamLimits(StreamLimits limits) {
  streamLimits_ = std::move(limits);
  for (auto& [name, listener] : listeners_) {
    listener->setStreamLimits(streamLimits_);
  }
}

void TransportManager::closeAll() {
  for (auto& [name, listener] : listeners_) {
    listener->close();
  }
  listeners_.clear();
}

}  // namespace sb::sip
