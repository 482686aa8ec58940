#include "sip/core/request_pipeline.hpp"

namespace sb::sip {

std::string_view stageName(Stage stage) {
  switch (stage) {
    case Stage::Filter:
      return "filter";
    case Stage::Dialog:
      return "dialog";
    case Stage::Identify:
      return "identify";
    case Stage::Authenticate:
      return "authenticate";
    case Stage::Route:
      return "route";
    case Stage::Handle:
      return "handle";
  }
  return "handle";
}

RequestPipeline::HandlerId RequestPipeline::add(Stage stage, std::string name, Handler handler,
                                                std::optional<Method> method) {
  const HandlerId id = nextId_++;
  handlers_.emplace(stage,
                    Registered{Entry{id, stage, std::move(name), method}, std::move(handler)});
  return id;
}

void RequestPipeline::remove(HandlerId id) {
  for (auto it = handlers_.begin(); it != handlers_.end(); ++it) {
    if (it->second.entry.id == id) {
      handlers_.erase(it);
      return;
    }
  }
}

Verdict RequestPipeline::run(IncomingRequest& request) const {
  // Copy the handlers a request will meet: a handler may register or remove others.
  std::vector<const Registered*> order;
  for (const auto& [stage, registered] : handlers_) {
    if (!registered.entry.method || *registered.entry.method == request.method()) {
      order.push_back(&registered);
    }
  }
  for (const auto* registered : order) {
    const Verdict verdict = registered->handler(request);
    if (verdict != Verdict::Continue || request.answered()) {
      return verdict == Verdict::Continue ? Verdict::Done : verdict;
    }
  }
  return Verdict::Continue;
}

std::vector<RequestPipeline::Entry> RequestPipeline::entries() const {
  std::vector<Entry> out;
  for (const auto& [stage, registered] : handlers_) {
    out.push_back(registered.entry);
  }
  return out;
}

}  // namespace sb::sip
