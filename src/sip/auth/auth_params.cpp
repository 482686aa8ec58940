#include "sip/auth/auth_params.hpp"

#include "sip/auth/text.hpp"

namespace sb::sip::auth {

namespace {

bool isTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    return true;
  }
  switch (c) {
    case '-':
    case '.':
    case '!':
    case '%':
    case '*':
    case '_':
    case '+':
    case '`':
    case '\'':
    case '~':
      return true;
    default:
      return false;
  }
}

bool isControl(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f;
}

/// Walks the text once; every loop advances pos, so parsing is linear in the input.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool atEnd() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  void advance() { ++pos_; }

  /// Skips SP / HTAB, and CRLF folds followed by SP / HTAB.
  void skipWhitespace() {
    while (!atEnd()) {
      const char c = peek();
      if (c == ' ' || c == '\t') {
        ++pos_;
      } else if (c == '\r' && pos_ + 2 < text_.size() && text_[pos_ + 1] == '\n' &&
                 (text_[pos_ + 2] == ' ' || text_[pos_ + 2] == '\t')) {
        pos_ += 3;
      } else {
        break;
      }
    }
  }

  std::string_view takeToken() {
    const std::size_t start = pos_;
    while (!atEnd() && isTokenChar(peek())) {
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }

  /// Lenient unquoted value: visible ASCII other than ',' and '"' (some peers send
  /// nonce=abc== or uri=sip:x@y unquoted).
  std::string_view takeBareValue() {
    const std::size_t start = pos_;
    while (!atEnd()) {
      const auto byte = static_cast<unsigned char>(peek());
      if (byte <= 0x20 || byte >= 0x7f || byte == ',' || byte == '"') {
        break;
      }
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }

  /// Reads a quoted-string whose opening quote is at pos_.
  Result<std::string, ParseError> takeQuoted() {
    ++pos_;
    // Nearly every value (nonce, response, uri) has no escape: copy it in one piece.
    for (std::size_t end = pos_; end < text_.size(); ++end) {
      const char c = text_[end];
      if (c == '"') {
        std::string out(text_.substr(pos_, end - pos_));
        pos_ = end + 1;
        return out;
      }
      if (c == '\\' || (isControl(c) && c != '\t')) {
        break;  // the general loop below resolves escapes and reports bad characters
      }
    }
    std::string out;
    while (!atEnd()) {
      const char c = peek();
      ++pos_;
      if (c == '"') {
        return out;
      }
      if (c == '\\') {
        if (atEnd()) {
          return ParseError::UnterminatedQuote;
        }
        const char escaped = peek();
        ++pos_;
        if (isControl(escaped) && escaped != '\t') {
          return ParseError::InvalidCharacter;
        }
        out.push_back(escaped);
        continue;
      }
      if (isControl(c) && c != '\t') {
        return ParseError::InvalidCharacter;
      }
      out.push_back(c);
    }
    return ParseError::UnterminatedQuote;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string_view parseErrorName(ParseError error) {
  switch (error) {
    case ParseError::Empty:
      return "empty header value";
    case ParseError::TooLong:
      return "header value too long";
    case ParseError::NotDigest:
      return "not a Digest scheme";
    case ParseError::UnterminatedQuote:
      return "unterminated quoted string";
    case ParseError::BadSyntax:
      return "syntax error";
    case ParseError::InvalidCharacter:
      return "invalid character";
    case ParseError::TooManyParams:
      return "too many parameters";
    case ParseError::DuplicateParam:
      return "duplicate parameter";
    case ParseError::MissingParam:
      return "missing required parameter";
    case ParseError::BadValue:
      return "bad parameter value";
    case ParseError::ExtendedUsernameUnsupported:
      return "username* is not supported";
    case ParseError::UserhashUnsupported:
      return "userhash is not supported";
  }
  return "unknown error";
}

Result<std::string_view, ParseError> stripDigestScheme(std::string_view headerValue) {
  if (headerValue.size() > kMaxHeaderValueLength) {
    return ParseError::TooLong;
  }
  std::string_view rest = headerValue;
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) {
    rest.remove_prefix(1);
  }
  if (rest.empty()) {
    return ParseError::Empty;
  }
  constexpr std::string_view kScheme = "Digest";
  if (rest.size() < kScheme.size() || !equalsIgnoreCase(rest.substr(0, kScheme.size()), kScheme)) {
    return ParseError::NotDigest;
  }
  rest.remove_prefix(kScheme.size());
  if (rest.empty()) {
    return rest;  // "Digest" alone: the caller reports the missing parameters
  }
  if (rest.front() != ' ' && rest.front() != '\t' && rest.front() != '\r') {
    return ParseError::NotDigest;  // e.g. "DigestX"
  }
  return rest;
}

Result<std::vector<AuthParam>, ParseError> parseAuthParams(std::string_view text) {
  if (text.size() > kMaxHeaderValueLength) {
    return ParseError::TooLong;
  }
  std::vector<AuthParam> params;
  params.reserve(12);  // a credentials header has up to about ten: one allocation
  Cursor cursor(text);
  bool expectSeparator = false;
  while (true) {
    cursor.skipWhitespace();
    if (cursor.atEnd()) {
      break;
    }
    if (cursor.peek() == ',') {
      cursor.advance();
      expectSeparator = false;
      continue;
    }
    if (expectSeparator) {
      return ParseError::BadSyntax;  // two parameters without a comma between them
    }
    const std::string_view name = cursor.takeToken();
    if (name.empty()) {
      return isControl(cursor.peek()) ? ParseError::InvalidCharacter : ParseError::BadSyntax;
    }
    cursor.skipWhitespace();
    if (cursor.atEnd() || cursor.peek() != '=') {
      return ParseError::BadSyntax;
    }
    cursor.advance();
    cursor.skipWhitespace();
    if (cursor.atEnd()) {
      return ParseError::BadSyntax;
    }
    AuthParam param;
    param.name = toLowerAscii(name);
    if (cursor.peek() == '"') {
      auto quoted = cursor.takeQuoted();
      if (!quoted) {
        return quoted.error();
      }
      param.value = std::move(quoted).value();
      param.quoted = true;
    } else {
      const std::string_view bare = cursor.takeBareValue();
      if (bare.empty()) {
        return isControl(cursor.peek()) ? ParseError::InvalidCharacter : ParseError::BadSyntax;
      }
      param.value = std::string(bare);
    }
    for (const AuthParam& existing : params) {
      if (existing.name == param.name) {
        return ParseError::DuplicateParam;
      }
    }
    if (params.size() >= kMaxParams) {
      return ParseError::TooManyParams;
    }
    params.push_back(std::move(param));
    expectSeparator = true;
  }
  return params;
}

std::string quoteString(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  for (char c : text) {
    if (isControl(c) && c != '\t') {
      continue;
    }
    if (c == '"' || c == '\\') {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

bool isToken(std::string_view text) {
  if (text.empty()) {
    return false;
  }
  for (char c : text) {
    if (!isTokenChar(c)) {
      return false;
    }
  }
  return true;
}

}  // namespace sb::sip::auth
