#include "core/cli/completion.hpp"

namespace sb::cli::detail {
namespace {

class SlotFinder {
 public:
  SlotFinder(const Pattern& pattern, const std::vector<std::string>& preceding)
      : pattern_(pattern), words_(preceding) {}

  std::vector<CompletionSlot> run() {
    walk(0, 0);
    return std::move(slots_);
  }

 private:
  void walk(std::size_t index, std::size_t word) {
    if (word == words_.size()) {
      offer(index);
      return;
    }
    if (index == pattern_.elements.size()) {
      return;
    }
    const Element& element = pattern_.elements[index];
    if (element.kind == ElementKind::Rest) {
      // The rest argument swallows the remaining words and can take one more.
      bound_.emplace_back(
          element.name, std::vector<std::string>(words_.begin() + static_cast<std::ptrdiff_t>(word),
                                                 words_.end()));
      slots_.push_back({&element, bound_});
      bound_.pop_back();
    } else if (wordFits(element, words_[word])) {
      const bool binds = element.kind == ElementKind::Argument || !element.name.empty();
      if (binds) {
        const std::string* chosen = chosenWord(element, words_[word]);
        bound_.emplace_back(element.name,
                            std::vector<std::string>{chosen ? *chosen : words_[word]});
      }
      walk(index + 1, word + 1);
      if (binds) {
        bound_.pop_back();
      }
    }
    if (pattern_.startsGroup(index)) {
      walk(pattern_.afterGroup(index), word);
    }
  }

  // The element at `index` could take the next word; so could the following optional groups.
  void offer(std::size_t index) {
    while (index < pattern_.elements.size()) {
      slots_.push_back({&pattern_.elements[index], bound_});
      if (!pattern_.startsGroup(index)) {
        return;
      }
      index = pattern_.afterGroup(index);
    }
  }

  const Pattern& pattern_;
  const std::vector<std::string>& words_;
  Bindings bound_;
  std::vector<CompletionSlot> slots_;
};

}  // namespace

std::vector<CompletionSlot> completionSlots(const Pattern& pattern,
                                            const std::vector<std::string>& preceding) {
  return SlotFinder(pattern, preceding).run();
}

}  // namespace sb::cli::detail
