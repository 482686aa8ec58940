#include "modules/manager/ami_message.hpp"

#include <cctype>

namespace sb::modules::manager {
namespace {

std::string_view trimmedView(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

void appendSanitized(std::string& out, std::string_view text) {
  for (char c : text) {
    out += (c == '\r' || c == '\n') ? ' ' : c;
  }
}

}  // namespace

bool equalsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::optional<std::string_view> AmiMessage::find(std::string_view key) const {
  for (const auto& [name, value] : headers) {
    if (equalsNoCase(name, key)) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

std::string AmiMessage::get(std::string_view key) const {
  auto found = find(key);
  return found ? std::string(*found) : std::string();
}

std::vector<std::string> AmiMessage::all(std::string_view key) const {
  std::vector<std::string> out;
  for (const auto& [name, value] : headers) {
    if (equalsNoCase(name, key)) {
      out.push_back(value);
    }
  }
  return out;
}

void AmiParser::feed(std::string_view bytes) {
  if (failed()) {
    return;
  }
  if (consumed_ > 0 && consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  }
  buffer_.append(bytes);
}

std::optional<AmiMessage> AmiParser::next() {
  if (failed()) {
    return std::nullopt;
  }
  AmiMessage message;
  std::size_t position = consumed_;
  while (true) {
    const auto newline = buffer_.find('\n', position);
    if (newline == std::string::npos) {
      if (buffer_.size() - consumed_ > limits_.maxMessageBytes) {
        error_ = "message exceeds " + std::to_string(limits_.maxMessageBytes) + " bytes";
      }
      return std::nullopt;
    }
    if (newline + 1 - consumed_ > limits_.maxMessageBytes) {
      error_ = "message exceeds " + std::to_string(limits_.maxMessageBytes) + " bytes";
      return std::nullopt;
    }
    std::string_view line(buffer_.data() + position, newline - position);
    position = newline + 1;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      break;  // end of message
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      continue;  // not a header (Asterisk never matches such a line either)
    }
    if (message.headers.size() >= limits_.maxHeaders) {
      error_ = "message has more than " + std::to_string(limits_.maxHeaders) + " headers";
      return std::nullopt;
    }
    message.headers.emplace_back(std::string(trimmedView(line.substr(0, colon))),
                                 std::string(trimmedView(line.substr(colon + 1))));
  }
  consumed_ = position;
  if (consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  } else if (consumed_ > 64 * 1024) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  return message;
}

void appendAmiLine(std::string& out, std::string_view key, std::string_view value) {
  appendSanitized(out, key);
  out += ": ";
  appendSanitized(out, value);
  out += "\r\n";
}

std::string serializeAmi(const AmiFields& fields) {
  std::string out;
  for (const auto& [key, value] : fields) {
    appendAmiLine(out, key, value);
  }
  out += "\r\n";
  return out;
}

}  // namespace sb::modules::manager
