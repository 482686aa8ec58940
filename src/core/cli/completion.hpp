#pragma once
/// @file
/// Which elements of a declaration could take the word being typed, given the words before it.

#include <string>
#include <vector>

#include "core/cli/pattern_match.hpp"
#include "core/cli/syntax_pattern.hpp"

namespace sb::cli::detail {

/// An element that could take the next word, with the values bound by the words before it.
struct CompletionSlot {
  const Element* element = nullptr;
  Bindings bound;
};

/// Every element that could take the word after `preceding` (all optional paths considered).
std::vector<CompletionSlot> completionSlots(const Pattern& pattern,
                                            const std::vector<std::string>& preceding);

}  // namespace sb::cli::detail
