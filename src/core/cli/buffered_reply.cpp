#include "core/cli/command_registry.hpp"

namespace sb::cli {

BufferedReply::BufferedReply(Done done) : done_(std::move(done)) {}

BufferedReply::~BufferedReply() {
  // Dropping the last reference without finish() means success; a throwing Done must not
  // escape a destructor.
  try {
    finish(Status::Success);
  } catch (...) {
  }
}

void BufferedReply::write(std::string_view text) {
  if (!finished_) {
    output_.append(text);
  }
}

void BufferedReply::finish(Status status) {
  if (finished_) {
    return;
  }
  finished_ = true;
  // Moved out first so that a Done which re-enters finish() cannot run twice.
  if (auto done = std::move(done_)) {
    done(status, std::move(output_));
  }
}

}  // namespace sb::cli
