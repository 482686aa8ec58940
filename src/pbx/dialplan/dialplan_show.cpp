// `dialplan show`, formatted with the printf formats of main/pbx.c so columns line up the
// way Asterisk users expect.

#include "pbx/dialplan/dialplan_show.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace sb::pbx {
namespace {

constexpr std::string_view kRegistrar = "pbx_config";
/// AST_PBX_MAX_STACK: how deep `dialplan show exten@ctx` follows includes.
constexpr int kMaxIncludeDepth = 128;

/// printf's "%-Ns": left-aligned in `width` columns, never cut.
std::string padRight(std::string_view text, std::size_t width) {
  std::string out(text);
  if (out.size() < width) {
    out.append(width - out.size(), ' ');
  }
  return out;
}

/// The registrar file as Asterisk records it: the name without its folders.
std::string baseName(const std::string& file) {
  const std::size_t slash = file.rfind('/');
  return slash == std::string::npos ? file : file.substr(slash + 1);
}

/// "  %-17s %-45s [%s:%d]\n"
void line(std::string& out, std::string_view first, std::string_view second,
          const config::SourceLocation& where) {
  out += "  " + padRight(first, 17) + " " + padRight(second, 45) + " [" + baseName(where.file) +
         ":" + std::to_string(where.line) + "]\n";
}

/// print_ext(): "N. App(data)".
std::string describe(const Priority& p) {
  return std::to_string(p.number) + ". " + p.app + "(" + p.data + ")";
}

struct Counters {
  int contexts = 0;
  int extensions = 0;
  int priorities = 0;
  bool contextExists = false;
  bool extensionExists = false;
};

class Shower {
 public:
  Shower(const Dialplan& dialplan, std::string& out) : dialplan_(dialplan), out_(out) {}

  void show(std::string_view context, std::string_view exten, bool included,
            std::vector<std::string>& stack) {
    std::vector<const Context*> contexts = dialplan_.contexts();
    std::reverse(contexts.begin(), contexts.end());  // Asterisk prepends new contexts
    for (const Context* c : contexts) {
      if (!context.empty() && c->name != context) {
        continue;
      }
      counters.contextExists = true;
      bool headerPrinted = false;
      auto header = [&] {
        if (headerPrinted) {
          return;
        }
        ++counters.contexts;
        out_ += std::string(included ? "[ Included context '" : "[ Context '") + c->name +
                "' created by '" + std::string(kRegistrar) + "' ]\n";
        headerPrinted = true;
      };
      if (exten.empty()) {
        header();
      }
      for (const Extension& e : c->extensions) {
        if (!exten.empty() && !e.pattern.matches(exten)) {
          continue;
        }
        counters.extensionExists = true;
        header();
        showExtension(e);
      }
      for (const Include& include : c->includeDetails) {
        if (exten.empty()) {
          out_ += "  Include =>        " + padRight("'" + include.text + "'", 45) + " [" +
                  std::string(kRegistrar) + "]\n";
          continue;
        }
        if (static_cast<int>(stack.size()) >= kMaxIncludeDepth ||
            std::find(stack.begin(), stack.end(), include.context) != stack.end()) {
          continue;  // include loops are not followed twice
        }
        stack.push_back(include.context);
        show(include.context, exten, true, stack);
        stack.pop_back();
      }
      for (const std::string& ignore : c->ignorePatterns) {
        const auto pattern = ExtensionPattern::parse("_" + ignore + ".", nullptr);
        if (exten.empty() || (pattern && pattern->matches(exten))) {
          out_ += "  Ignore pattern => " + padRight("'" + ignore + "'", 45) + " [" +
                  std::string(kRegistrar) + "]\n";
        }
      }
      if (!included) {
        for (const std::string& sw : c->switches) {
          out_ += "  Alt. Switch =>    " + padRight("'" + sw + "'", 45) + " [" +
                  std::string(kRegistrar) + "]\n";
        }
      }
      if (headerPrinted) {
        out_ += "\n";
      }
    }
  }

  Counters counters;

 private:
  void showExtension(const Extension& e) {
    std::string name = e.callerIdMatch.empty()
                           ? "'" + e.name + "' =>"
                           : "'" + e.name + "' (CID match '" + e.callerIdMatch + "') => ";
    ++counters.extensions;
    bool first = true;
    auto emit = [&](std::string_view label, const std::string& text,
                    const config::SourceLocation& where) {
      ++counters.priorities;
      // The first line carries the extension's name; later ones their label, if any.
      line(out_, first ? name : (label.empty() ? "" : "   [" + std::string(label) + "]"), text,
           where);
      first = false;
    };
    if (e.hint) {
      emit({}, "hint: " + *e.hint, e.hintWhere);
    }
    for (const Priority& p : e.priorities) {
      emit(p.label, describe(p), p.where);
    }
  }

  const Dialplan& dialplan_;
  std::string& out_;
};

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string showDialplan(const Dialplan& dialplan, std::string_view context,
                         std::string_view exten) {
  std::string out;
  Shower shower(dialplan, out);
  std::vector<std::string> stack;
  shower.show(context, exten, false, stack);
  const Counters& n = shower.counters;
  if (!context.empty() && !n.contextExists) {
    return out + "There is no existence of '" + std::string(context) + "' context\n";
  }
  if (!exten.empty() && !n.extensionExists) {
    if (!context.empty()) {
      return out + "There is no existence of " + std::string(exten) + "@" + std::string(context) +
             " extension\n";
    }
    return out + "There is no existence of '" + std::string(exten) +
           "' extension in all contexts\n";
  }
  return out + "-= " + plural(n.extensions, "extension", "extensions") + " (" +
         plural(n.priorities, "priority", "priorities") + ") in " +
         plural(n.contexts, "context", "contexts") + ". =-\n";
}

}  // namespace sb::pbx
