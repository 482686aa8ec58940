#include "core/cli/syntax_pattern.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/cli/text_util.hpp"

namespace sb::cli::detail {
namespace {

// A bound on shape expansion; real declarations stay far below it.
constexpr std::size_t kMaxShapes = 4096;

bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool isValidName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), isNameChar);
}

// Characters with a meaning in the grammar, or that could never be typed as a plain word.
bool isReserved(char c) {
  return c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '|' ||
         c == '"' || c == '\\';
}

bool isValidLiteral(std::string_view word) {
  return !word.empty() &&
         std::none_of(word.begin(), word.end(), [](char c) { return isReserved(c) || isSpace(c); });
}

class SyntaxParser {
 public:
  explicit SyntaxParser(std::string_view syntax) : syntax_(syntax) {}

  Pattern parse() {
    while (skipSpaces()) {
      const char c = syntax_[pos_];
      if (c == '[') {
        openGroup();
      } else if (c == ']') {
        closeGroup();
      } else {
        if (!inGroup_ && groupCount_ > 0) {
          fail("required part after an optional group");
        }
        pattern_.elements.push_back(parseElement());
        pattern_.elements.back().group = inGroup_ ? groupCount_ - 1 : -1;
        expectSeparator();
      }
    }
    if (inGroup_) {
      fail("unterminated '['");
    }
    validate();
    return std::move(pattern_);
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::invalid_argument("command syntax '" + std::string(syntax_) + "': " + why);
  }

  // Skips whitespace; false at the end of the text.
  bool skipSpaces() {
    while (pos_ < syntax_.size() && isSpace(syntax_[pos_])) {
      ++pos_;
    }
    return pos_ < syntax_.size();
  }

  // Elements must be separated so that "foo<bar>" is not silently read as two words.
  void expectSeparator() {
    if (pos_ < syntax_.size() && !isSpace(syntax_[pos_]) && syntax_[pos_] != ']') {
      fail("missing space before '" + std::string(1, syntax_[pos_]) + "'");
    }
  }

  void openGroup() {
    if (inGroup_) {
      fail("nested '[' is not supported");
    }
    inGroup_ = true;
    ++groupCount_;
    groupStartSize_ = pattern_.elements.size();
    ++pos_;
  }

  void closeGroup() {
    if (!inGroup_) {
      fail("']' without '['");
    }
    if (pattern_.elements.size() == groupStartSize_) {
      fail("empty optional group");
    }
    inGroup_ = false;
    ++pos_;
    expectSeparator();
  }

  // Text up to (not including) `close`, which must exist; advances past it.
  std::string_view until(char close) {
    const std::size_t end = syntax_.find(close, pos_ + 1);
    if (end == std::string_view::npos) {
      fail(std::string("unterminated '") + syntax_[pos_] + "'");
    }
    const std::string_view inside = syntax_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    return inside;
  }

  Element parseElement() {
    const char c = syntax_[pos_];
    if (c == '<') {
      return parseArgument();
    }
    if (c == '{') {
      return parseChoice();
    }
    std::size_t end = pos_;
    while (end < syntax_.size() && !isSpace(syntax_[end]) && syntax_[end] != ']') {
      ++end;
    }
    const std::string_view word = syntax_.substr(pos_, end - pos_);
    if (!isValidLiteral(word)) {
      fail("invalid word '" + std::string(word) + "'");
    }
    pos_ = end;
    Element element;
    element.kind = ElementKind::Literal;
    element.words.emplace_back(word);
    return element;
  }

  Element parseArgument() {
    const std::string_view inside = until('>');
    Element element;
    element.kind = ElementKind::Argument;
    std::string_view name = inside;
    if (const std::size_t colon = inside.find(':'); colon != std::string_view::npos) {
      name = inside.substr(0, colon);
      const std::string_view type = inside.substr(colon + 1);
      if (type == "uint") {
        element.type = ArgType::UInt;
      } else if (type == "int") {
        element.type = ArgType::Int;
      } else {
        fail("unknown argument type '" + std::string(type) + "' (use uint or int)");
      }
    }
    if (!isValidName(name)) {
      fail("invalid argument name '" + std::string(name) + "'");
    }
    element.name = name;
    if (syntax_.substr(pos_, 3) == "...") {
      if (element.type != ArgType::Any) {
        fail("'...' argument '" + element.name + "' cannot be typed");
      }
      element.kind = ElementKind::Rest;
      pos_ += 3;
    }
    return element;
  }

  Element parseChoice() {
    std::string_view inside = until('}');
    Element element;
    element.kind = ElementKind::Choice;
    if (const std::size_t eq = inside.find('='); eq != std::string_view::npos) {
      const std::string_view name = inside.substr(0, eq);
      if (!isValidName(name)) {
        fail("invalid choice name '" + std::string(name) + "'");
      }
      element.name = name;
      inside.remove_prefix(eq + 1);
    }
    while (true) {
      const std::size_t bar = inside.find('|');
      const std::string_view word = inside.substr(0, bar);
      if (!isValidLiteral(word) || word.find('=') != std::string_view::npos) {
        fail("invalid choice alternative '" + std::string(word) + "'");
      }
      for (const auto& existing : element.words) {
        if (iequals(existing, word)) {
          fail("choice alternative '" + std::string(word) + "' repeated");
        }
      }
      element.words.emplace_back(word);
      if (bar == std::string_view::npos) {
        break;
      }
      inside.remove_prefix(bar + 1);
    }
    return element;
  }

  void validate() {
    auto& elements = pattern_.elements;
    if (elements.empty()) {
      fail("empty declaration");
    }
    if (elements.front().kind != ElementKind::Literal || elements.front().group >= 0) {
      fail("must start with a literal word");
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const Element& element = elements[i];
      if (element.kind == ElementKind::Rest && i + 1 != elements.size()) {
        fail("'...' argument '" + element.name + "' must be last");
      }
      if (!element.name.empty() && !names.insert(element.name).second) {
        fail("argument name '" + element.name + "' used twice");
      }
    }
    auto& count = pattern_.commandWordCount;
    while (count < elements.size() && elements[count].group < 0 &&
           (elements[count].kind == ElementKind::Literal ||
            (elements[count].kind == ElementKind::Choice && elements[count].name.empty()))) {
      ++count;
    }
  }

  std::string_view syntax_;
  std::size_t pos_ = 0;
  Pattern pattern_;
  bool inGroup_ = false;
  int groupCount_ = 0;
  std::size_t groupStartSize_ = 0;
};

std::string renderElement(const Element& element) {
  switch (element.kind) {
    case ElementKind::Literal:
      return element.words.front();
    case ElementKind::Choice: {
      std::string text = "{";
      if (!element.name.empty()) {
        text += element.name + "=";
      }
      for (std::size_t i = 0; i < element.words.size(); ++i) {
        text += (i > 0 ? "|" : "") + element.words[i];
      }
      return text + "}";
    }
    case ElementKind::Argument:
      if (element.type == ArgType::UInt) {
        return "<" + element.name + ":uint>";
      }
      if (element.type == ArgType::Int) {
        return "<" + element.name + ":int>";
      }
      return "<" + element.name + ">";
    case ElementKind::Rest:
      return "<" + element.name + ">...";
  }
  return {};
}

void expandFrom(const Pattern& pattern, std::size_t index, const std::string& prefix,
                std::vector<std::string>& shapes) {
  if (shapes.size() > kMaxShapes) {
    throw std::invalid_argument("command syntax '" + pattern.render() + "' is too ambiguous");
  }
  if (index == pattern.elements.size()) {
    shapes.push_back(prefix);
    return;
  }
  if (pattern.startsGroup(index)) {
    expandFrom(pattern, pattern.afterGroup(index), prefix, shapes);
  }
  const Element& element = pattern.elements[index];
  const std::string sep = prefix.empty() ? "" : " ";
  switch (element.kind) {
    case ElementKind::Literal:
    case ElementKind::Choice:
      for (const auto& word : element.words) {
        expandFrom(pattern, index + 1, prefix + sep + asciiLower(word), shapes);
      }
      break;
    case ElementKind::Argument:
      expandFrom(pattern, index + 1, prefix + sep + "<>", shapes);
      break;
    case ElementKind::Rest:
      expandFrom(pattern, index + 1, prefix + sep + "<>...", shapes);
      break;
  }
}

}  // namespace

bool Pattern::startsGroup(std::size_t index) const {
  return index < elements.size() && elements[index].group >= 0 &&
         (index == 0 || elements[index - 1].group != elements[index].group);
}

std::size_t Pattern::afterGroup(std::size_t index) const {
  const int group = elements[index].group;
  while (index < elements.size() && elements[index].group == group) {
    ++index;
  }
  return index;
}

std::string Pattern::render() const {
  std::string text;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const bool opens = startsGroup(i);
    const bool closes = elements[i].group >= 0 &&
                        (i + 1 == elements.size() || elements[i + 1].group != elements[i].group);
    text += (i > 0 ? " " : "") + std::string(opens ? "[" : "") + renderElement(elements[i]) +
            (closes ? "]" : "");
  }
  return text;
}

std::string Pattern::commandWords() const {
  std::string text;
  for (std::size_t i = 0; i < commandWordCount; ++i) {
    text += (i > 0 ? " " : "") + renderElement(elements[i]);
  }
  return text;
}

Pattern parseSyntax(std::string_view syntax) {
  return SyntaxParser(syntax).parse();
}

std::vector<std::string> expandShapes(const Pattern& pattern) {
  std::vector<std::string> shapes;
  expandFrom(pattern, 0, "", shapes);
  std::sort(shapes.begin(), shapes.end());
  shapes.erase(std::unique(shapes.begin(), shapes.end()), shapes.end());
  return shapes;
}

bool wordFits(const Element& element, std::string_view word) {
  switch (element.kind) {
    case ElementKind::Literal:
    case ElementKind::Choice:
      return chosenWord(element, word) != nullptr;
    case ElementKind::Argument:
      if (element.type == ArgType::UInt) {
        return parseInteger(word, false).has_value();
      }
      if (element.type == ArgType::Int) {
        return parseInteger(word, true).has_value();
      }
      return true;
    case ElementKind::Rest:
      return true;
  }
  return false;
}

const std::string* chosenWord(const Element& element, std::string_view word) {
  for (const auto& candidate : element.words) {
    if (iequals(candidate, word)) {
      return &candidate;
    }
  }
  return nullptr;
}

}  // namespace sb::cli::detail
