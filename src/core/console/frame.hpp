#pragma once
/// @file
/// The control-socket protocol between `switchboard -r` and the server: frames of one type
/// byte, a 4-byte big-endian length and a payload.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sb::console {

enum class FrameType : char {
  // client -> server
  Command = 'C',    ///< run a command line
  Complete = 'T',   ///< completion candidates for the line before the cursor
  Subscribe = 'S',  ///< send me console log lines
  // server -> client
  Banner = 'B',       ///< first frame: "Switchboard <version>\n<host>\n<pid>"
  Output = 'O',       ///< command output
  End = 'E',          ///< command finished; payload = decimal status
  Log = 'L',          ///< a console log line
  Completions = 'M',  ///< candidates, one per line
};

inline constexpr std::size_t kMaxFrame = 4 * 1024 * 1024;

struct Frame {
  FrameType type;
  std::string payload;
};

std::string encodeFrame(FrameType type, std::string_view payload);

/// Incremental decoder for a byte stream.
class FrameDecoder {
 public:
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  /// The next complete frame, if any. Sets failed() on an oversized or unknown frame.
  std::optional<Frame> next();
  bool failed() const { return failed_; }

 private:
  std::string buffer_;
  bool failed_ = false;
};

}  // namespace sb::console
