#pragma once
/// @file
/// http.conf `[general]`: the HTTP listener that SIP over WebSocket (ws/wss transports)
/// rides on, with Asterisk's option names.

#include <memory>
#include <string>

#include "core/store/object_type.hpp"

namespace sb::modules::res_pjsip {

struct HttpConfig : store::Object {
  bool enabled = false;
  std::string bindaddr = "0.0.0.0";
  unsigned bindport = 8088;
  bool tlsenable = false;
  std::string tlsbindaddr = "0.0.0.0:8089";
  std::string tlscertfile;
  std::string tlsprivatekey;
  std::string tlscipher;
  std::string tlscafile;
  std::string tlscapath;
  std::string prefix;
  unsigned sessionlimit = 100;
  unsigned sessionInactivity = 30000;
  unsigned sessionKeepAlive = 15000;
  bool enablestatic = false;
  std::string servername;
  std::string redirect;
};

std::shared_ptr<const store::ObjectTypeBase> httpType();

}  // namespace sb::modules::res_pjsip
