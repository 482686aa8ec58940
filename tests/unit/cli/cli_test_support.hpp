#pragma once
/// @file
/// Helpers for the command registry tests: run a line and capture status and output.

#include <string>
#include <string_view>
#include <vector>

#include "core/cli/command_registry.hpp"

namespace sb::cli::test {

/// What one execute() produced.
struct Outcome {
  Status status = Status::Success;
  std::string output;
  int doneCalls = 0;
};

/// Runs `line` synchronously (handlers in these tests finish before returning).
inline Outcome run(const CommandRegistry& registry, std::string_view line) {
  Outcome outcome;
  registry.execute(line, std::make_shared<BufferedReply>([&outcome](Status s, std::string out) {
                     outcome.status = s;
                     outcome.output = std::move(out);
                     ++outcome.doneCalls;
                   }));
  return outcome;
}

/// A handler that prints every named argument it is asked about, as "name=value" lines
/// ("name absent" when missing), so tests can see what was bound.
inline Handler echo(std::vector<std::string> names) {
  return [names = std::move(names)](const Arguments& args, ReplyPtr reply) {
    for (const auto& name : names) {
      const auto value = args.get(name);
      reply->write(value ? name + "=" + *value + "\n" : name + " absent\n");
    }
  };
}

/// A handler that writes a fixed text.
inline Handler say(std::string text) {
  return [text = std::move(text)](const Arguments&, ReplyPtr reply) { reply->write(text); };
}

}  // namespace sb::cli::test
