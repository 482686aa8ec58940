#pragma once
// Internal: lets the parser and builder fill a Message's private state.

#include "sip/message/message.hpp"

namespace sb::sip {

struct MessageAccess {
  static std::shared_ptr<const std::string>& buffer(Message& m) { return m.buffer_; }
  static std::string_view own(Message& m, std::string s) { return m.own(std::move(s)); }
  static bool& isRequest(Message& m) { return m.isRequest_; }
  static std::string_view& startLine(Message& m) { return m.startLine_; }
  static RequestLine& request(Message& m) { return m.request_; }
  static StatusLine& status(Message& m) { return m.status_; }
  static std::vector<Header>& headers(Message& m) { return m.headers_; }
  static std::string_view& body(Message& m) { return m.body_; }
  static void cacheParsedHeaders(Message& m) { m.cacheParsedHeaders(); }
  static Header makeHeader(Message& m, std::string_view name, std::string_view value) {
    return m.makeHeader(name, value);
  }
};

}  // namespace sb::sip
