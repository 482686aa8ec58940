#include "app/line_editor.hpp"

#include <poll.h>
#include <unistd.h>

// libedit's readline emulation.
#include <editline/readline.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

namespace sb::app {
namespace {

// readline keeps global state, so only one editor is active at a time.
LineEditor::Completer* activeCompleter = nullptr;
std::vector<std::string> candidates;
std::string* pendingLine = nullptr;
bool gotLine = false;
bool gotEof = false;

char* nextCandidate(const char* /*text*/, int state) {
  static std::size_t index = 0;
  if (state == 0) {
    index = 0;
  }
  if (index < candidates.size()) {
    return ::strdup(candidates[index++].c_str());
  }
  return nullptr;
}

char** completeLine(const char* text, int /*start*/, int end) {
  ::rl_attempted_completion_over = 1;  // no filename completion
  if (activeCompleter == nullptr) {
    return nullptr;
  }
  candidates = (*activeCompleter)(std::string(::rl_line_buffer, static_cast<std::size_t>(end)));
  if (candidates.empty()) {
    return nullptr;
  }
  return ::rl_completion_matches(text, nextCandidate);
}

void onReadlineLine(char* line) {
  if (line == nullptr) {
    gotEof = true;
    return;
  }
  *pendingLine = line;
  gotLine = true;
  std::free(line);
}

}  // namespace

LineEditor::LineEditor(std::string prompt, std::filesystem::path historyFile, Completer completer)
    : prompt_(std::move(prompt)),
      historyFile_(std::move(historyFile)),
      completer_(std::move(completer)) {
  if (::pipe(wakePipe_) != 0) {
    wakePipe_[0] = wakePipe_[1] = -1;
  }
}

LineEditor::~LineEditor() {
  for (int fd : wakePipe_) {
    if (fd >= 0) {
      ::close(fd);
    }
  }
}

void LineEditor::stop() {
  if (wakePipe_[1] >= 0) {
    const char byte = 'x';
    [[maybe_unused]] auto written = ::write(wakePipe_[1], &byte, 1);
  }
}

bool LineEditor::run(const LineHandler& onLine) {
  const bool terminal = ::isatty(STDIN_FILENO) != 0;
  std::string line;
  std::string buffered;
  if (terminal) {
    activeCompleter = &completer_;
    pendingLine = &line;
    ::rl_attempted_completion_function = completeLine;
    ::using_history();
    ::read_history(historyFile_.c_str());
    ::rl_callback_handler_install(prompt_.c_str(), onReadlineLine);
  }
  bool endOfInput = false;
  for (;;) {
    pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {wakePipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      continue;
    }
    if (fds[1].revents != 0) {
      break;
    }
    if (fds[0].revents == 0) {
      continue;
    }
    std::vector<std::string> lines;
    if (terminal) {
      ::rl_callback_read_char();
      if (gotEof) {
        endOfInput = true;
        break;
      }
      if (gotLine) {
        gotLine = false;
        lines.push_back(line);
      }
    } else {
      char chunk[4096];
      const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
      if (n <= 0) {
        endOfInput = true;
        if (!buffered.empty()) {
          lines.push_back(buffered);
        }
      } else {
        buffered.append(chunk, static_cast<std::size_t>(n));
        std::size_t newline;
        while ((newline = buffered.find('\n')) != std::string::npos) {
          lines.push_back(buffered.substr(0, newline));
          buffered.erase(0, newline + 1);
        }
      }
    }
    bool keepGoing = true;
    for (const auto& entered : lines) {
      if (terminal && !entered.empty()) {
        ::add_history(entered.c_str());
      }
      if (!onLine(entered)) {
        keepGoing = false;
        break;
      }
    }
    if (!keepGoing || endOfInput) {
      break;
    }
  }
  if (terminal) {
    ::rl_callback_handler_remove();
    ::write_history(historyFile_.c_str());
    activeCompleter = nullptr;
    pendingLine = nullptr;
    std::cout << std::endl;
  }
  return endOfInput;
}

}  // namespace sb::app
