#include "core/cli/command_registry.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "core/cli/completion.hpp"
#include "core/cli/help_format.hpp"
#include "core/cli/pattern_match.hpp"
#include "core/cli/syntax_pattern.hpp"
#include "core/cli/text_util.hpp"

namespace sb::cli {
namespace {

using detail::ElementKind;
using detail::Pattern;

// A registered command; immutable once added and shared so that a handler that removes its
// own command (or the whole registry) keeps running on a live object.
struct Command {
  CommandSpec spec;
  Pattern pattern;
  std::string syntax;   // canonical spelling
  std::string command;  // command words
  std::string usage;    // never empty
  std::vector<std::string> shapes;
  bool hidden = false;  // like Asterisk, words starting with '_' stay out of help/completion
};
using CommandPtr = std::shared_ptr<const Command>;

// Stands in for a missing reply so handlers never see a null pointer.
class DiscardReply : public Reply {
 public:
  void write(std::string_view) override {}
  void finish(Status) override {}
};

bool commandOrder(const CommandPtr& a, const CommandPtr& b) {
  if (!detail::iequals(a->command, b->command)) {
    return detail::ilessThan(a->command, b->command);
  }
  return detail::ilessThan(a->syntax, b->syntax);
}

void applyBindings(Arguments& arguments, const detail::Bindings& bindings) {
  for (const auto& [name, values] : bindings) {
    arguments.set(name, values);
  }
}

std::string withNewline(std::string text) {
  if (text.empty() || text.back() != '\n') {
    text += '\n';
  }
  return text;
}

// The usage texts of the given commands, each once, in listing order.
std::string usageOf(std::vector<CommandPtr> commands) {
  std::sort(commands.begin(), commands.end(), commandOrder);
  std::vector<std::string> seen;
  std::string text;
  for (const auto& command : commands) {
    if (std::find(seen.begin(), seen.end(), command->usage) == seen.end()) {
      seen.push_back(command->usage);
      text += withNewline(command->usage);
    }
  }
  return text;
}

void checkCompleters(const CommandSpec& spec, const Pattern& pattern) {
  for (const auto& [name, completer] : spec.completers) {
    const bool known = std::any_of(
        pattern.elements.begin(), pattern.elements.end(), [&name = name](const auto& element) {
          return element.name == name &&
                 (element.kind == ElementKind::Argument || element.kind == ElementKind::Rest);
        });
    if (!known) {
      throw std::invalid_argument("command '" + spec.syntax + "': completer for '" + name +
                                  "', which is not an argument");
    }
  }
}

}  // namespace

struct CommandRegistry::Impl {
  // Held through a shared_ptr so that Registrations may outlive the registry.
  struct State {
    std::map<std::uint64_t, CommandPtr> commands;  // by id, i.e. registration order
    std::uint64_t nextId = 1;
  };
  std::shared_ptr<State> state = std::make_shared<State>();

  std::vector<CommandPtr> snapshot() const {
    std::vector<CommandPtr> result;
    result.reserve(state->commands.size());
    for (const auto& [id, command] : state->commands) {
      result.push_back(command);
    }
    return result;
  }
};

CommandRegistry::CommandRegistry() : impl_(std::make_unique<Impl>()) {}
CommandRegistry::~CommandRegistry() = default;

Registration CommandRegistry::add(CommandSpec spec) {
  if (!spec.handler) {
    throw std::invalid_argument("command '" + spec.syntax + "' has no handler");
  }
  auto command = std::make_shared<Command>();
  command->pattern = detail::parseSyntax(spec.syntax);
  checkCompleters(spec, command->pattern);
  command->syntax = command->pattern.render();
  command->command = command->pattern.commandWords();
  command->shapes = detail::expandShapes(command->pattern);
  command->hidden = command->command.front() == '_';
  command->usage =
      spec.usage.empty() ? detail::defaultUsage(command->syntax, spec.synopsis) : spec.usage;
  for (const auto& [id, existing] : impl_->state->commands) {
    for (const auto& shape : command->shapes) {
      if (std::binary_search(existing->shapes.begin(), existing->shapes.end(), shape)) {
        throw std::invalid_argument("command '" + command->syntax + "' overlaps '" +
                                    existing->syntax + "' (both accept '" + shape + "')");
      }
    }
  }
  command->spec = std::move(spec);

  const std::uint64_t id = impl_->state->nextId++;
  impl_->state->commands.emplace(id, std::move(command));
  return Registration([weak = std::weak_ptr<Impl::State>(impl_->state), id] {
    if (const auto state = weak.lock()) {
      state->commands.erase(id);
    }
  });
}

void CommandRegistry::execute(std::string_view line, ReplyPtr reply) const {
  if (!reply) {
    reply = std::make_shared<DiscardReply>();
  }
  const std::vector<std::string> words = splitWords(line);
  if (words.empty()) {
    reply->finish(Status::Success);
    return;
  }
  const auto commands = impl_->snapshot();

  CommandPtr chosen;
  std::optional<detail::Match> best;
  for (const auto& command : commands) {
    auto match = detail::matchWords(command->pattern, words);
    if (match && (!best || match->rank > best->rank)) {
      best = std::move(match);
      chosen = command;
    }
  }

  if (!chosen) {
    // Arguments that do not fit: the usage of the commands whose words were typed in full,
    // preferring the longest command name.
    std::size_t longest = 0;
    std::size_t hint = 0;
    std::vector<CommandPtr> named;
    for (const auto& command : commands) {
      const std::size_t matched = detail::commandWordsMatched(command->pattern, words);
      hint = std::max(hint, matched);
      if (matched == command->pattern.commandWordCount && matched >= longest) {
        if (matched > longest) {
          named.clear();
          longest = matched;
        }
        named.push_back(command);
      }
    }
    if (!named.empty()) {
      reply->write(usageOf(std::move(named)));
      reply->finish(Status::ShowUsage);
      return;
    }
    // Like Asterisk, suggest the words that matched plus the first one that did not.
    reply->write("No such command '" + std::string(detail::trim(line)) +
                 "' (type 'core show help " + detail::joinWords(words, hint + 1) +
                 "' for other possible commands)\n");
    reply->finish(Status::NoSuchCommand);
    return;
  }

  Arguments arguments;
  applyBindings(arguments, best->values);
  arguments.setWords(words);
  try {
    chosen->spec.handler(arguments, reply);
  } catch (const std::exception& e) {
    reply->write(std::string("Command failed: ") + e.what() + "\n");
    reply->finish(Status::Failure);
  } catch (...) {
    reply->write("Command failed: unknown error\n");
    reply->finish(Status::Failure);
  }
}

std::vector<std::string> CommandRegistry::complete(std::string_view lineBeforeCursor) const {
  detail::SplitLine split = detail::splitLine(lineBeforeCursor);
  std::string typing;
  if (split.lastWordOpen) {
    typing = std::move(split.words.back());
    split.words.pop_back();
  }
  std::vector<std::string> typedSoFar = split.words;
  typedSoFar.push_back(typing);

  std::vector<std::string> candidates;
  for (const auto& command : impl_->snapshot()) {
    if (command->hidden) {
      continue;
    }
    for (const auto& slot : detail::completionSlots(command->pattern, split.words)) {
      const detail::Element& element = *slot.element;
      if (element.kind == ElementKind::Literal || element.kind == ElementKind::Choice) {
        candidates.insert(candidates.end(), element.words.begin(), element.words.end());
        continue;
      }
      const auto completer = command->spec.completers.find(element.name);
      if (completer == command->spec.completers.end() || !completer->second) {
        continue;
      }
      Arguments arguments;
      applyBindings(arguments, slot.bound);
      arguments.setWords(typedSoFar);
      try {
        auto values = completer->second(arguments);
        candidates.insert(candidates.end(), std::make_move_iterator(values.begin()),
                          std::make_move_iterator(values.end()));
      } catch (...) {
        // A failing completer offers nothing; completion must never take the console down.
      }
    }
  }
  std::erase_if(candidates, [&](const std::string& c) { return !detail::istartsWith(c, typing); });
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

std::string CommandRegistry::help(std::string_view prefix) const {
  const std::vector<std::string> words = splitWords(prefix);
  auto commands = impl_->snapshot();

  if (!words.empty()) {
    std::vector<CommandPtr> exact;
    for (const auto& command : commands) {
      if (command->pattern.commandWordCount == words.size() &&
          detail::commandWordsMatched(command->pattern, words) == words.size()) {
        exact.push_back(command);
      }
    }
    if (!exact.empty()) {
      return usageOf(std::move(exact));
    }
  }

  std::sort(commands.begin(), commands.end(), commandOrder);
  std::string text;
  for (const auto& command : commands) {
    if (!command->hidden && detail::commandStartsWith(command->pattern, words)) {
      text += detail::helpLine(command->command, command->spec.synopsis);
    }
  }
  return text;
}

std::vector<CommandInfo> CommandRegistry::list() const {
  auto commands = impl_->snapshot();
  std::sort(commands.begin(), commands.end(), commandOrder);
  std::vector<CommandInfo> result;
  result.reserve(commands.size());
  for (const auto& command : commands) {
    result.push_back({command->syntax, command->command, command->spec.synopsis, command->usage});
  }
  return result;
}

}  // namespace sb::cli
