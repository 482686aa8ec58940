#include "app/remote_console.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "app/line_editor.hpp"
#include "core/console/frame.hpp"

namespace sb::app {
namespace {

using console::Frame;
using console::FrameType;

class Connection {
 public:
  ~Connection() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }

  bool connect(const std::filesystem::path& path) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string name = path.string();
    if (fd_ < 0 || name.size() >= sizeof address.sun_path) {
      return false;
    }
    std::memcpy(address.sun_path, name.c_str(), name.size() + 1);
    return ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }

  bool send(FrameType type, std::string_view payload) {
    const std::string frame = console::encodeFrame(type, payload);
    std::size_t sent = 0;
    while (sent < frame.size()) {
      const ssize_t n = ::send(fd_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        if (n < 0 && errno == EINTR) {
          continue;
        }
        return false;
      }
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  /// Blocks for the next frame; std::nullopt when the server went away.
  std::optional<Frame> receive() {
    for (;;) {
      if (auto frame = decoder_.next()) {
        return frame;
      }
      if (decoder_.failed()) {
        return std::nullopt;
      }
      char buffer[8192];
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        return std::nullopt;
      }
      decoder_.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
    }
  }

  void shutdown() { ::shutdown(fd_, SHUT_RDWR); }

 private:
  int fd_ = -1;
  console::FrameDecoder decoder_;
};

int runOneCommand(Connection& connection, const std::string& command) {
  if (!connection.send(FrameType::Command, command)) {
    std::cerr << "Lost the connection to the server" << std::endl;
    return 1;
  }
  while (auto frame = connection.receive()) {
    if (frame->type == FrameType::Output) {
      std::cout << frame->payload << std::flush;
    } else if (frame->type == FrameType::End) {
      return std::atoi(frame->payload.c_str());
    }
  }
  // The server closed the connection before finishing: e.g. `core stop now`.
  return 0;
}

/// Interactive session: a reader thread prints what arrives; the main thread edits lines.
int runInteractive(Connection& connection, const std::vector<std::string>& banner) {
  std::cout << "Connected to " << (banner.size() > 0 ? banner[0] : "Switchboard")
            << " currently running on " << (banner.size() > 1 ? banner[1] : "?")
            << " (pid = " << (banner.size() > 2 ? banner[2] : "?") << ")" << std::endl;
  std::mutex mutex;
  std::condition_variable changed;
  bool commandDone = true;
  bool serverGone = false;
  std::optional<std::vector<std::string>> completions;
  LineEditor* editorPtr = nullptr;

  connection.send(FrameType::Subscribe, "");
  std::thread reader([&] {
    while (auto frame = connection.receive()) {
      std::unique_lock lock(mutex);
      switch (frame->type) {
        case FrameType::Output:
        case FrameType::Log:
          std::cout << frame->payload << std::flush;
          break;
        case FrameType::End:
          commandDone = true;
          changed.notify_all();
          break;
        case FrameType::Completions: {
          std::vector<std::string> items;
          std::istringstream lines(frame->payload);
          for (std::string item; std::getline(lines, item);) {
            items.push_back(item);
          }
          completions = std::move(items);
          changed.notify_all();
          break;
        }
        default:
          break;
      }
    }
    std::unique_lock lock(mutex);
    serverGone = true;
    changed.notify_all();
    if (editorPtr != nullptr) {
      editorPtr->stop();
    }
  });

  const char* home = std::getenv("HOME");
  LineEditor editor("*CLI> ", std::filesystem::path(home ? home : ".") / ".switchboard_history",
                    [&](const std::string& line) {
                      std::unique_lock lock(mutex);
                      completions.reset();
                      if (!connection.send(FrameType::Complete, line)) {
                        return std::vector<std::string>{};
                      }
                      changed.wait(lock, [&] { return completions.has_value() || serverGone; });
                      return completions.value_or(std::vector<std::string>{});
                    });
  {
    std::lock_guard lock(mutex);
    editorPtr = &editor;
    if (serverGone) {
      editor.stop();
    }
  }
  editor.run([&](const std::string& line) {
    if (line == "exit" || line == "quit") {
      return false;
    }
    std::unique_lock lock(mutex);
    commandDone = false;
    if (!connection.send(FrameType::Command, line)) {
      return false;
    }
    changed.wait(lock, [&] { return commandDone || serverGone; });
    return !serverGone;
  });
  {
    std::lock_guard lock(mutex);
    editorPtr = nullptr;
  }
  connection.shutdown();
  reader.join();
  if (serverGone) {
    std::cout << "Disconnected from Switchboard server" << std::endl;
  }
  return 0;
}

}  // namespace

int runRemoteConsole(const std::filesystem::path& socketPath,
                     const std::optional<std::string>& command) {
  Connection connection;
  if (!connection.connect(socketPath)) {
    std::cerr << "Unable to connect to remote Switchboard (does " << socketPath.string()
              << " exist?)" << std::endl;
    return 1;
  }
  auto banner = connection.receive();
  if (!banner || banner->type != FrameType::Banner) {
    if (banner && banner->type == FrameType::Output) {
      std::cerr << banner->payload;
    } else {
      std::cerr << "Unable to talk to remote Switchboard at " << socketPath.string() << std::endl;
    }
    return 1;
  }
  if (command) {
    return runOneCommand(connection, *command);
  }
  std::vector<std::string> parts;
  std::istringstream lines(banner->payload);
  for (std::string part; std::getline(lines, part);) {
    parts.push_back(part);
  }
  return runInteractive(connection, parts);
}

}  // namespace sb::app
