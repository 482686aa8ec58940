#include "modules/res_pjsip/http_config.hpp"

#include "core/store/options.hpp"

namespace sb::modules::res_pjsip {

std::shared_ptr<const store::ObjectTypeBase> httpType() {
  namespace opt = store::opt;
  using T = HttpConfig;
  std::vector<store::Option<T>> options{
      opt::boolean(&T::enabled, "enabled", "no",
                   "Run the HTTP listener (needed for ws transports)."),
      opt::string(&T::bindaddr, "bindaddr", "0.0.0.0", "Address the HTTP listener binds to."),
      opt::uint(&T::bindport, "bindport", "8088", "Port of the HTTP listener.", 1, 65535),
      opt::boolean(&T::tlsenable, "tlsenable", "no",
                   "Run the HTTPS listener (needed for wss transports)."),
      opt::string(&T::tlsbindaddr, "tlsbindaddr", "0.0.0.0:8089",
                  "Address and port of the HTTPS listener."),
      opt::string(&T::tlscertfile, "tlscertfile", "",
                  "Certificate (PEM) of the HTTPS listener; a self-signed one is made when empty."),
      opt::string(&T::tlsprivatekey, "tlsprivatekey", "",
                  "Private key (PEM) of the HTTPS listener."),
      opt::string(&T::tlscipher, "tlscipher", "", "OpenSSL cipher list for HTTPS."),
      opt::string(&T::tlscafile, "tlscafile", "", "CA file for HTTPS client verification."),
      opt::string(&T::tlscapath, "tlscapath", "", "CA folder for HTTPS client verification."),
      opt::string(&T::prefix, "prefix", "",
                  "Accepted for compatibility; the WebSocket path is /ws."),
      opt::uint(&T::sessionlimit, "sessionlimit", "100",
                "Accepted for compatibility; see connection limits."),
      opt::uint(&T::sessionInactivity, "session_inactivity", "30000",
                "Accepted for compatibility; no effect."),
      opt::uint(&T::sessionKeepAlive, "session_keep_alive", "15000",
                "Accepted for compatibility; no effect."),
      opt::boolean(&T::enablestatic, "enablestatic", "no",
                   "Accepted for compatibility; no static content is served."),
      opt::string(&T::servername, "servername", "", "Accepted for compatibility; no effect."),
      opt::string(&T::redirect, "redirect", "", "Accepted for compatibility; no effect."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "http", "res_http",
      "The HTTP(S) listener of http.conf [general] that WebSocket transports use.",
      store::Binding{"config", "http.conf,section=general,single_object=yes,explicit_name=general"},
      std::move(options));
}

}  // namespace sb::modules::res_pjsip
