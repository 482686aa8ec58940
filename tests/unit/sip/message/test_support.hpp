#pragma once
// Helpers shared by the SIP message tests.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "sip/message/parser.hpp"

namespace sb::sip::msgtest {

/// Test messages are written with "\n"; the wire uses CRLF.
inline std::string crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 20);
  for (char c : text) {
    if (c == '\n')
      out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

/// Parses a "\n"-written message with default limits.
inline ParseResult parseText(std::string_view text, const ParserLimits& limits = {},
                             Framing framing = Framing::Datagram) {
  return parseMessage(crlf(text), limits, framing);
}

/// tests/data/sip: $SB_TEST_DATA_DIR/sip when set, else found from this source file.
inline std::filesystem::path sipDataDir() {
  if (const char* env = std::getenv("SB_TEST_DATA_DIR"))
    return std::filesystem::path(env) / "sip";
#ifdef SB_TEST_DATA_DIR
  return std::filesystem::path(SB_TEST_DATA_DIR) / "sip";
#else
  return std::filesystem::path(__FILE__).parent_path() / ".." / ".." / ".." / "data" / "sip";
#endif
}

inline std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace sb::sip::msgtest
