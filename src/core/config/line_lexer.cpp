// Comment handling follows Asterisk's config.c: `;--` opens a (nestable) block comment unless a
// fourth '-' follows, `--;` closes one, any other `;` ends the line, and `\;` is a literal `;`.

#include "core/config/line_lexer.hpp"

#include "core/config/text_util.hpp"

namespace sb::config::detail {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

/// `;--` at `i`, but not `;---` (Asterisk treats the latter as an ordinary comment).
bool opensBlock(std::string_view raw, std::size_t i) {
  return raw.substr(i, 3) == ";--" && (i + 3 >= raw.size() || raw[i + 3] != '-');
}

}  // namespace

LineLexer::LineLexer(std::string_view text) : text_(text) {
  if (text_.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text_.remove_prefix(kByteOrderMark.size());
  }
}

std::optional<CodeLine> LineLexer::next() {
  while (pos_ < text_.size()) {
    const std::size_t end = text_.find('\n', pos_);
    std::string_view raw =
        end == std::string_view::npos ? text_.substr(pos_) : text_.substr(pos_, end - pos_);
    pos_ = end == std::string_view::npos ? text_.size() : end + 1;
    ++lineNumber_;
    if (!raw.empty() && raw.back() == '\r') {
      raw.remove_suffix(1);
    }
    std::string code = stripComments(raw, lineNumber_);
    trimInPlace(code);
    if (!code.empty()) {
      return CodeLine{lineNumber_, std::move(code)};
    }
  }
  return std::nullopt;
}

std::optional<int> LineLexer::openCommentLine() const {
  if (openComments_.empty()) {
    return std::nullopt;
  }
  return openComments_.back();
}

std::string LineLexer::stripComments(std::string_view raw, int lineNumber) {
  if (openComments_.empty() && raw.find(';') == std::string_view::npos) {
    return std::string(raw);
  }
  std::string code;
  // A comment token's characters cannot take part in the next one (so `;--;` opens and does
  // not close), hence the scan position after the last token, as in Asterisk.
  std::size_t tokenEnd = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    const bool inComment = !openComments_.empty();
    if (c != ';') {
      if (!inComment) {
        code += c;
      }
      continue;
    }
    if (i > tokenEnd && raw[i - 1] == '\\') {
      if (!inComment && !code.empty()) {
        code.back() = ';';  // the backslash was copied just before: replace it
      }
      tokenEnd = i + 1;
      continue;
    }
    if (opensBlock(raw, i)) {
      openComments_.push_back(lineNumber);
      i += 2;
      tokenEnd = i + 1;
      continue;
    }
    if (inComment) {
      if (i >= tokenEnd + 2 && raw[i - 1] == '-' && raw[i - 2] == '-') {
        openComments_.pop_back();
      }
      tokenEnd = i + 1;
      continue;
    }
    break;  // a plain `;` (or a stray `--;`) comments out the rest of the line
  }
  return code;
}

}  // namespace sb::config::detail
