#include "modules/manager/manager_service.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/store/option_parsers.hpp"

namespace sb::modules::manager {

AmiRequest::AmiRequest(AmiMessage message, Sink sink, std::weak_ptr<AmiSession> session)
    : message_(std::move(message)), sink_(std::move(sink)), session_(std::move(session)) {
  actionId_ = message_.get("ActionID");
}

void AmiRequest::setUser(std::string username, std::uint32_t readClasses,
                         std::uint32_t writeClasses) {
  username_ = std::move(username);
  readClasses_ = readClasses;
  writeClasses_ = writeClasses;
}

std::string AmiRequest::begin(std::string_view response) const {
  std::string out;
  appendAmiLine(out, "Response", response);
  if (!actionId_.empty()) {
    appendAmiLine(out, "ActionID", actionId_);
  }
  return out;
}

void AmiRequest::respond(std::string_view response, std::string_view message,
                         const AmiFields& extra) {
  std::string out = begin(response);
  if (!message.empty()) {
    appendAmiLine(out, "Message", message);
  }
  for (const auto& [key, value] : extra) {
    appendAmiLine(out, key, value);
  }
  out += "\r\n";
  replied_ = true;
  sendRaw(std::move(out));
}

void AmiRequest::success(std::string_view message, const AmiFields& extra) {
  respond("Success", message, extra);
}

void AmiRequest::error(std::string_view message) {
  respond("Error", message);
}

void AmiRequest::listStart(std::string_view message) {
  std::string out = begin("Success");
  appendAmiLine(out, "EventList", "start");
  appendAmiLine(out, "Message", message);
  out += "\r\n";
  listItems_ = 0;
  sendRaw(std::move(out));
}

void AmiRequest::listItem(std::string_view event, const AmiFields& fields) {
  std::string out;
  appendAmiLine(out, "Event", event);
  if (!actionId_.empty()) {
    appendAmiLine(out, "ActionID", actionId_);
  }
  for (const auto& [key, value] : fields) {
    appendAmiLine(out, key, value);
  }
  out += "\r\n";
  ++listItems_;
  sendRaw(std::move(out));
}

void AmiRequest::listComplete(std::string_view completeEvent, const AmiFields& extra) {
  std::string out;
  appendAmiLine(out, "Event", completeEvent);
  if (!actionId_.empty()) {
    appendAmiLine(out, "ActionID", actionId_);
  }
  appendAmiLine(out, "EventList", "Complete");
  appendAmiLine(out, "ListItems", std::to_string(listItems_));
  for (const auto& [key, value] : extra) {
    appendAmiLine(out, key, value);
  }
  out += "\r\n";
  replied_ = true;
  sendRaw(std::move(out));
}

void AmiRequest::sendRaw(std::string text) {
  if (sink_) {
    sink_(std::move(text));
  }
}

Registration ManagerService::addAction(std::string name, std::uint32_t writeClasses,
                                       std::string synopsis, Handler handler) {
  if (name.empty() || !handler) {
    throw std::invalid_argument("an AMI action needs a name and a handler");
  }
  auto key = store::lowered(name);
  if (actions_.contains(key)) {
    throw std::invalid_argument("AMI action '" + name + "' is already registered");
  }
  auto action = std::make_shared<Action>(
      Action{std::move(name), writeClasses, std::move(synopsis), std::move(handler)});
  const Action* raw = action.get();
  actions_.emplace(key, std::move(action));
  return Registration([this, key, raw, alive = std::weak_ptr<bool>(alive_)] {
    if (!alive.lock()) {
      return;
    }
    auto found = actions_.find(key);
    if (found != actions_.end() && found->second.get() == raw) {
      actions_.erase(found);
    }
  });
}

const ManagerService::Action* ManagerService::find(std::string_view name) const {
  auto found = actions_.find(store::lowered(name));
  return found == actions_.end() ? nullptr : found->second.get();
}

std::vector<const ManagerService::Action*> ManagerService::list() const {
  std::vector<const Action*> out;
  for (const auto& [key, action] : actions_) {
    out.push_back(action.get());
  }
  return out;
}

}  // namespace sb::modules::manager
