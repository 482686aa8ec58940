#include "core/cli/pattern_match.hpp"

#include "core/cli/text_util.hpp"

namespace sb::cli::detail {
namespace {

int specificity(const Element& element) {
  switch (element.kind) {
    case ElementKind::Literal:
    case ElementKind::Choice:
      return 3;
    case ElementKind::Argument:
      return element.type == ArgType::Any ? 1 : 2;
    case ElementKind::Rest:
      return 0;
  }
  return 0;
}

// Depth-first search over the ways to include or skip optional groups. Groups are trailing
// and few, so the search stays tiny.
class Matcher {
 public:
  Matcher(const Pattern& pattern, const std::vector<std::string>& words)
      : pattern_(pattern), words_(words) {}

  std::optional<Match> run() {
    walk(0, 0);
    return std::move(best_);
  }

 private:
  void walk(std::size_t index, std::size_t word) {
    const auto& elements = pattern_.elements;
    if (index == elements.size()) {
      if (word == words_.size()) {
        consider();
      }
      return;
    }
    const Element& element = elements[index];
    if (element.kind == ElementKind::Rest) {
      if (word < words_.size()) {
        current_.values.emplace_back(
            element.name, std::vector<std::string>(
                              words_.begin() + static_cast<std::ptrdiff_t>(word), words_.end()));
        current_.rank.resize(words_.size(), specificity(element));
        walk(index + 1, words_.size());
        current_.rank.resize(word);
        current_.values.pop_back();
      }
    } else if (word < words_.size() && wordFits(element, words_[word])) {
      const bool binds = element.kind == ElementKind::Argument || !element.name.empty();
      if (binds) {
        const std::string* chosen = chosenWord(element, words_[word]);
        current_.values.emplace_back(element.name,
                                     std::vector<std::string>{chosen ? *chosen : words_[word]});
      }
      current_.rank.push_back(specificity(element));
      walk(index + 1, word + 1);
      current_.rank.pop_back();
      if (binds) {
        current_.values.pop_back();
      }
    }
    if (pattern_.startsGroup(index)) {
      walk(pattern_.afterGroup(index), word);
    }
  }

  void consider() {
    // Ties keep the first found, which includes earlier optional groups before later ones.
    if (!best_ || current_.rank > best_->rank) {
      best_ = current_;
    }
  }

  const Pattern& pattern_;
  const std::vector<std::string>& words_;
  Match current_;
  std::optional<Match> best_;
};

}  // namespace

std::optional<Match> matchWords(const Pattern& pattern, const std::vector<std::string>& words) {
  return Matcher(pattern, words).run();
}

std::size_t commandWordsMatched(const Pattern& pattern, const std::vector<std::string>& words) {
  std::size_t count = 0;
  while (count < pattern.commandWordCount && count < words.size() &&
         wordFits(pattern.elements[count], words[count])) {
    ++count;
  }
  return count;
}

bool commandStartsWith(const Pattern& pattern, const std::vector<std::string>& words) {
  if (words.size() > pattern.commandWordCount) {
    return false;
  }
  if (words.empty()) {
    return true;
  }
  const std::size_t last = words.size() - 1;
  if (commandWordsMatched(pattern, words) < last) {
    return false;
  }
  for (const auto& candidate : pattern.elements[last].words) {
    if (istartsWith(candidate, words[last])) {
      return true;
    }
  }
  return false;
}

}  // namespace sb::cli::detail
