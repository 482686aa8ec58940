#pragma once
/// @file
/// The request pipeline: every incoming request passes through named stages in this order,
///
///   Filter → Dialog → Identify → Authenticate → Route → Handle
///
/// and each registered handler returns a Verdict. This file is the one place that names the
/// order; upper layers register handlers with it instead of picking numeric priorities.
/// The Dialog stage takes requests that belong to an existing dialog or INVITE transaction
/// (in-dialog requests, ACK, CANCEL): those are not identified or challenged again.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sip/core/incoming_request.hpp"

namespace sb::sip {

enum class Stage { Filter, Dialog, Identify, Authenticate, Route, Handle };

/// "filter", "identify", ... for logs and listings.
std::string_view stageName(Stage stage);

enum class Verdict {
  Continue,  ///< not mine, or done with my part: go on to the next handler
  Done,      ///< answered (or deliberately dropped): stop here
  Async,     ///< I keep the request and will answer later: stop here
};

class RequestPipeline {
 public:
  using Handler = std::function<Verdict(IncomingRequest&)>;
  using HandlerId = std::uint64_t;

  /// Adds a handler to a stage; handlers of a stage run in the order they were added.
  /// With `method`, the handler only sees requests of that method.
  HandlerId add(Stage stage, std::string name, Handler handler,
                std::optional<Method> method = std::nullopt);
  void remove(HandlerId id);

  /// Runs the stages. Returns the verdict that stopped it, or Continue when no handler did.
  Verdict run(IncomingRequest& request) const;

  struct Entry {
    HandlerId id;
    Stage stage;
    std::string name;
    std::optional<Method> method;
  };
  /// Every handler in the order requests meet them (for a console listing).
  std::vector<Entry> entries() const;

 private:
  struct Registered {
    Entry entry;
    Handler handler;
  };
  std::multimap<Stage, Registered> handlers_;
  HandlerId nextId_ = 1;
};

}  // namespace sb::sip
