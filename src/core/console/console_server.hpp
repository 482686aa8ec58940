#pragma once
/// @file
/// The control socket in astrundir that `switchboard -r` and `-rx` talk to. Only root and
/// the server's own user may connect (mode 0660 plus a peer-credential check).

#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include <boost/asio/local/stream_protocol.hpp>

#include "core/cli/command_registry.hpp"
#include "core/reactor/reactor.hpp"
#include "core/util/result.hpp"

namespace sb::console {

class ConsoleSession;

class ConsoleServer {
 public:
  ConsoleServer(core::Reactor& reactor, cli::CommandRegistry& commands, std::filesystem::path path,
                std::string banner);
  ~ConsoleServer();

  /// Binds the socket (replacing a stale one left by a dead server) and starts accepting.
  Result<void> start();
  /// Flushes what sessions have queued, closes them and removes the socket file.
  void stop();

  const std::filesystem::path& path() const { return path_; }

 private:
  friend class ConsoleSession;
  void accept();
  void forget(ConsoleSession* session);

  core::Reactor& reactor_;
  cli::CommandRegistry& commands_;
  std::filesystem::path path_;
  std::string banner_;
  std::unique_ptr<boost::asio::local::stream_protocol::acceptor> acceptor_;
  std::set<std::shared_ptr<ConsoleSession>> sessions_;
  bool stopped_ = false;
};

}  // namespace sb::console
