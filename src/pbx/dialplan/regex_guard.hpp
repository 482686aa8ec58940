#pragma once
/// @file
/// A guard for POSIX extended regular expressions that come from configuration or the
/// console: glibc's regcomp/regexec can take minutes or gigabytes on some small patterns.

#include <optional>
#include <string>

namespace sb::pbx {

/// Refuses regular expressions that could make regcomp/regexec blow up: back-references
/// (exponential matching), and patterns whose compiled form would be huge. glibc copies the
/// operand of `+` and of `{m,n}`, so stacked or nested repeats grow the tree exponentially
/// ("a++++...", "((a+)+)+", "(a{99}){99}"): the size the compiler would build is estimated
/// and bounded. Repeats of repeats ("a+??", "((a?)+)?" nested) also make glibc's
/// epsilon-closure computation exponential (seconds at six levels, minutes at eight, whatever
/// the size), so no atom may sit under more than four repeat operators, its own and its
/// enclosing groups' together (POSIX leaves adjacent repeats undefined anyway). Returns why
/// the pattern is refused, or nothing when it may be compiled.
std::optional<std::string> checkRegex(const std::string& pattern);

}  // namespace sb::pbx
