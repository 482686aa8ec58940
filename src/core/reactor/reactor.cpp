#include "core/reactor/reactor.hpp"

#include <boost/asio/executor_work_guard.hpp>

namespace sb::core {

void Reactor::run() {
  owner_ = std::this_thread::get_id();
  // Keep running while idle: the loop ends only through stop().
  auto guard = boost::asio::make_work_guard(io_);
  io_.run();
}

}  // namespace sb::core
