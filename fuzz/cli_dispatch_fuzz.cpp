/// @file
/// libFuzzer target for the console command line: word splitting, dispatch, usage and
/// "No such command" replies, completion and help, against a fixed set of commands shaped like
/// the real ones. Besides crashes it checks the registry's promises: every reply finishes
/// exactly once with a known status, and completions are sorted and unique.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/cli/command_registry.hpp"

namespace {

using sb::cli::Arguments;
using sb::cli::CommandRegistry;
using sb::cli::CommandSpec;
using sb::cli::ReplyPtr;
using sb::cli::Status;

// Replies kept by the asynchronous command, finished at the end of each input.
std::vector<ReplyPtr>& pendingReplies() {
  static std::vector<ReplyPtr> pending;
  return pending;
}

void check(bool condition) {
  if (!condition) {
    std::abort();
  }
}

// Reads every argument the way a real handler would.
void printAll(const Arguments& args, const ReplyPtr& reply) {
  for (const char* name : {"level", "pattern", "name", "id", "file", "names", "state", "text"}) {
    if (const auto value = args.get(name)) {
      reply->write(std::string(name) + "=" + *value + "\n");
      (void)args.integer(name);
      (void)args.list(name);
    }
  }
}

std::vector<std::string> fixedCompletions(const Arguments& typed) {
  std::vector<std::string> values{"res_pjsip", "chan_pjsip", "app_dial", "alice", "bob"};
  if (!typed.words().empty()) {
    values.push_back(typed.words().back() + "x");
  }
  return values;
}

CommandRegistry& registry() {
  static CommandRegistry instance;
  static sb::Registrations registrations = [] {
    sb::Registrations regs;
    auto add = [&regs](std::string syntax, sb::cli::Handler handler,
                       std::vector<std::string> completed = {}) {
      CommandSpec spec{std::move(syntax), "synopsis", "", std::move(handler), {}};
      for (auto& name : completed) {
        spec.completers[name] = fixedCompletions;
      }
      regs.add(instance.add(std::move(spec)));
    };
    add("core show version", printAll);
    add("core show uptime [seconds]", printAll);
    add("core set verbose <level:uint>", printAll);
    add("core set debug <level:int> [<name>]", printAll, {"name"});
    add("core stop {now|gracefully|when-convenient}", printAll);
    add("module show [like <pattern>]", printAll, {"pattern"});
    add("module show <name>", printAll, {"name"});
    add("module reload [<names>...]", printAll, {"names"});
    add("pjsip show endpoint <id>", printAll, {"id"});
    add("pjsip show endpoints", printAll);
    add("pjsip set logger {state=on|off}", printAll);
    add("config show <file>", printAll, {"file"});
    add("logger add <name> <text>...", printAll, {"name", "text"});
    add("core fail", [](const Arguments&, ReplyPtr) { throw std::runtime_error("boom"); });
    add("core waitfullybooted",
        [](const Arguments&, ReplyPtr reply) { pendingReplies().push_back(std::move(reply)); });
    add("_hidden command", printAll);
    return regs;
  }();
  (void)registrations;
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  CommandRegistry& commands = registry();

  int doneCalls = 0;
  commands.execute(
      line, std::make_shared<sb::cli::BufferedReply>([&doneCalls](Status status, std::string) {
        ++doneCalls;
        const int value = static_cast<int>(status);
        check(value >= 0 && value <= 3);
      }));
  for (auto& reply : pendingReplies()) {
    reply->finish(Status::Success);
  }
  pendingReplies().clear();
  check(doneCalls == 1);

  const auto candidates = commands.complete(line);
  check(std::is_sorted(candidates.begin(), candidates.end()));
  check(std::adjacent_find(candidates.begin(), candidates.end()) == candidates.end());

  (void)commands.help(line);
  (void)sb::cli::splitWords(line);
  return 0;
}
