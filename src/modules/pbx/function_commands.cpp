#include "modules/pbx/function_commands.hpp"

#include <fmt/format.h>

namespace sb::modules::pbx {

namespace {

std::string orNotAvailable(const std::string& text) {
  return text.empty() ? "Not available" : text;
}

std::string syntaxOf(const std::string& name, const FunctionInfo& function) {
  return function.syntax.empty() ? name + "()" : function.syntax;
}

}  // namespace

std::string functionRow(const std::string& name, const FunctionInfo& function) {
  return fmt::format("{:<20.20}  {:<35.35}  {}\n", name, syntaxOf(name, function),
                     function.synopsis);
}

std::string functionDetail(const std::string& name, const FunctionInfo& function) {
  std::string out = fmt::format("\n  -= Info about Function '{}' =- \n\n", name);
  const std::pair<const char*, std::string> sections[] = {
      {"[Synopsis]", orNotAvailable(function.synopsis)},
      {"[Provided By]", orNotAvailable(function.providedBy)},
      {"[Since]", orNotAvailable(function.since)},
      {"[Description]", orNotAvailable(function.description)},
      {"[Syntax]", syntaxOf(name, function)},
      {"[Arguments]", orNotAvailable(function.arguments)},
      {"[See Also]", orNotAvailable(function.seeAlso)},
  };
  for (const auto& [title, text] : sections) {
    out += fmt::format("{}\n{}\n\n", title, text);
  }
  return out;
}

Registrations addFunctionCommands(cli::CommandRegistry& commands, std::shared_ptr<PbxService> pbx) {
  std::weak_ptr<PbxService> weak = pbx;
  Registrations out;
  out += commands.add(
      {"core show functions [like <text>]", "Shows registered dialplan functions",
       "Usage: core show functions [like <text>]\n"
       "       List builtin functions, optionally only those matching a given string\n",
       [weak](const cli::Arguments& args, cli::ReplyPtr reply) {
         auto self = weak.lock();
         if (!self) {
           return;
         }
         const auto like = args.get("text");
         reply->write(fmt::format(
             "{} Custom Functions:\n"
             "--------------------------------------------------------------------------------\n",
             like ? "Matching" : "Installed"));
         std::size_t count = 0;
         for (const auto& [name, function] : self->functions()) {
           // strstr: a case-sensitive match anywhere in the name.
           if (!like || name.find(*like) != std::string::npos) {
             ++count;
             reply->write(functionRow(name, function));
           }
         }
         reply->write(
             fmt::format("{} {}custom functions installed.\n", count, like ? "matching " : ""));
       }});
  out += commands.add({"core show function <name>",
                       "Describe a specific dialplan function",
                       "Usage: core show function <function>\n"
                       "       Describe a particular dialplan function.\n",
                       [weak](const cli::Arguments& args, cli::ReplyPtr reply) {
                         auto self = weak.lock();
                         if (!self) {
                           return;
                         }
                         const auto name = *args.get("name");
                         // Asterisk finds functions by their exact (case-sensitive) name.
                         const auto found = self->functions().find(name);
                         if (found == self->functions().end()) {
                           reply->write("No function by that name registered.\n");
                           reply->finish(cli::Status::Failure);
                           return;
                         }
                         reply->write(functionDetail(found->first, found->second));
                       },
                       {{"name", [weak](const cli::Arguments&) {
                           std::vector<std::string> names;
                           if (auto self = weak.lock()) {
                             for (const auto& [name, function] : self->functions()) {
                               names.push_back(name);
                             }
                           }
                           return names;
                         }}}});
  return out;
}

}  // namespace sb::modules::pbx
