#include "modules/manager/ami_server.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cstdio>
#include <string_view>

#include "core/cli/command_registry.hpp"
#include "core/log/logger.hpp"
#include "core/module/module.hpp"
#include "core/reactor/reactor.hpp"
#include "core/store/object_store.hpp"
#include "modules/manager/ami_actions.hpp"
#include "modules/manager/ami_session.hpp"
#include "modules/manager/manager_service.hpp"
#include "modules/res_pjsip/acl_config.hpp"
#include "modules/res_pjsip/ip_acl.hpp"

namespace sb::modules::manager {

namespace asio = boost::asio;

namespace {

std::string md5Hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, EVP_md5(), nullptr);
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += fmt::format("{:02x}", digest[i]);
  }
  return out;
}

/// "IPV4/TCP/127.0.0.1/5038" as Asterisk writes addresses in security events.
std::string eventAddress(const asio::ip::tcp::endpoint& endpoint) {
  auto address = endpoint.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  return fmt::format("{}/TCP/{}/{}", address.is_v6() ? "IPV6" : "IPV4", address.to_string(),
                     endpoint.port());
}

/// ast_json_timeval's ISO 8601 text (AST_ISO8601_FORMAT: milliseconds), in UTC.
std::string eventTime(std::chrono::system_clock::time_point when) {
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}+0000",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(when)), millis % 1000);
}

std::string timestamp(std::chrono::system_clock::time_point when) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch()).count();
  return fmt::format("{}.{:06}", micros / 1000000, micros % 1000000);
}

/// manager.conf's disabledevents test (ast_in_delimited_string): comma-separated names,
/// blanks before each skipped, compared exactly and case-sensitively.
bool globallyDisabled(std::string_view name, std::string_view list) {
  while (!list.empty()) {
    list.remove_prefix(std::min(list.find_first_not_of(" \t"), list.size()));
    const auto comma = list.find(',');
    if (list.substr(0, comma) == name) {
      return true;
    }
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return false;
}

}  // namespace

AmiServer::AmiServer(ModuleContext& context, std::shared_ptr<ManagerService> actions)
    : context_(context),
      actions_(std::move(actions)),
      general_(std::make_shared<const ManagerGeneral>()) {}

AmiServer::~AmiServer() {
  stop();
}

void AmiServer::start() {
  busSubscription_ = context_.events.subscribe(
      [weak = weak_from_this()](const std::shared_ptr<const events::Event>& event) {
        if (auto self = weak.lock()) {
          self->deliver(event);
        }
      },
      0, &busSubscriber_);
  storeObserver_ = context_.objects.observe(
      [weak = weak_from_this()](const store::ObjectSet&, const store::ObjectSet&) {
        if (auto self = weak.lock()) {
          self->reloadedAt_ = std::chrono::steady_clock::now();
          self->applyConfiguration();
        }
      });
  applyConfiguration();
}

void AmiServer::stop() {
  busSubscription_.reset();
  storeObserver_.reset();
  if (acceptor_) {
    boost::system::error_code ignored;
    acceptor_->close(ignored);
    acceptor_.reset();
  }
  boundTo_.clear();
  auto sessions = std::move(sessions_);
  sessions_.clear();
  for (auto& [id, session] : sessions) {
    session->close();
  }
}

void AmiServer::applyConfiguration() {
  general_ = currentGeneral(context_.objects);
  const std::string wanted =
      general_->enabled ? fmt::format("{}:{}", general_->bindaddr, general_->port) : "";
  if (wanted == boundTo_) {
    return;
  }
  if (acceptor_) {
    boost::system::error_code ignored;
    acceptor_->close(ignored);
    acceptor_.reset();
    SB_VERBOSE(2, "Manager interface stopped listening on {}", boundTo_);
  }
  boundTo_.clear();
  if (general_->enabled) {
    bind();
  }
}

void AmiServer::bind() {
  boost::system::error_code error;
  const auto address = asio::ip::make_address(general_->bindaddr, error);
  if (error) {
    SB_ERROR("Invalid manager.conf bindaddr '{}'", general_->bindaddr);
    return;
  }
  const asio::ip::tcp::endpoint endpoint(address, static_cast<unsigned short>(general_->port));
  asio::ip::tcp::acceptor acceptor(context_.reactor.io());
  acceptor.open(endpoint.protocol(), error);
  if (!error) {
    acceptor.set_option(asio::socket_base::reuse_address(true), error);
    acceptor.bind(endpoint, error);
  }
  if (!error) {
    acceptor.listen(asio::socket_base::max_listen_connections, error);
  }
  if (error) {
    SB_ERROR("Unable to bind the manager interface to {}:{}: {}", general_->bindaddr,
             general_->port, error.message());
    return;
  }
  acceptor_.emplace(std::move(acceptor));
  boundTo_ = fmt::format("{}:{}", general_->bindaddr, general_->port);
  SB_VERBOSE(2, "Manager interface listening on {}", boundTo_);
  acceptNext();
}

void AmiServer::acceptNext() {
  if (!acceptor_) {
    return;
  }
  acceptor_->async_accept(
      [weak = weak_from_this(), acceptor = &*acceptor_](const boost::system::error_code& error,
                                                        asio::ip::tcp::socket socket) {
        auto self = weak.lock();
        if (!self || !self->acceptor_ || &*self->acceptor_ != acceptor) {
          return;  // stopped or re-bound meanwhile
        }
        if (!error) {
          self->onAccepted(std::move(socket));
        } else if (error == asio::error::operation_aborted) {
          return;
        }
        self->acceptNext();
      });
}

void AmiServer::onAccepted(asio::ip::tcp::socket socket) {
  std::size_t unauthenticated = 0;
  for (const auto& [id, session] : sessions_) {
    unauthenticated += session->authenticated() ? 0 : 1;
  }
  if (unauthenticated >= general_->authlimit) {
    boost::system::error_code ignored;
    socket.close(ignored);  // Asterisk closes before the banner
    return;
  }
  const auto id = nextSessionId_++;
  AmiSession::Hooks hooks;
  hooks.message = [weak = weak_from_this()](const std::shared_ptr<AmiSession>& session,
                                            AmiMessage message) {
    if (auto self = weak.lock()) {
      dispatchAction(*self->actions_, *self, session, std::move(message));
    }
  };
  hooks.closed = [weak = weak_from_this()](AmiSession& session) {
    if (auto self = weak.lock()) {
      self->sessionClosed(session);
    }
  };
  auto session = std::make_shared<AmiSession>(std::move(socket), id, std::move(hooks));
  sessions_.emplace(id, session);
  session->start(std::chrono::seconds(general_->authtimeout));
}

void AmiServer::sessionClosed(AmiSession& session) {
  if (session.authenticated() && session.displayConnects()) {
    SB_VERBOSE(2, "Manager '{}' logged off from {}", session.username(), session.remoteAddress());
  }
  sessions_.erase(session.id());
  updateBusInterest();
}

void AmiServer::updateBusInterest() {
  std::uint32_t classes = 0;
  for (const auto& [id, session] : sessions_) {
    if (session->authenticated()) {
      classes |= session->readClasses();
    }
  }
  context_.events.setInterest(busSubscriber_, classes);
}

void AmiServer::deliver(const std::shared_ptr<const events::Event>& event) {
  if (sessions_.empty() || globallyDisabled(event->name, general_->disabledevents)) {
    return;
  }
  std::string text;
  appendAmiLine(text, "Event", event->name);
  const auto classes = events::classNames(event->classes);
  appendAmiLine(text, "Privilege", classes.empty() ? "all" : classes + ",all");
  if (general_->timestampevents) {
    appendAmiLine(text, "Timestamp", timestamp(event->when));
  }
  for (const auto& [key, value] : event->fields) {
    appendAmiLine(text, key, value);
  }
  text += "\r\n";
  // A session may close (slow reader) while we deliver: iterate a copy.
  std::vector<std::shared_ptr<AmiSession>> sessions;
  sessions.reserve(sessions_.size());
  for (const auto& [id, session] : sessions_) {
    sessions.push_back(session);
  }
  for (const auto& session : sessions) {
    session->deliverEvent(event->classes, text);
  }
}

std::pair<long, long> AmiServer::uptime() const {
  const auto now = std::chrono::steady_clock::now();
  std::pair<long, long> out{
      static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(now - loadedAt_).count()),
      static_cast<long>(
          std::chrono::duration_cast<std::chrono::seconds>(now - reloadedAt_).count())};
  // The server's own clock when the core offers it (modules load at start-up, but the core's
  // start and reload times are the ones Asterisk reports).
  context_.commands.execute(
      "core show uptime seconds",
      std::make_shared<cli::BufferedReply>([&out](cli::Status status, std::string text) {
        long up = 0;
        long reload = 0;
        if (status == cli::Status::Success &&
            std::sscanf(text.c_str(), "System uptime: %ld\nLast reload: %ld", &up, &reload) == 2) {
          out = {up, reload};
        }
      }));
  return out;
}

void AmiServer::securityEvent(const AmiSession& session, std::string_view event,
                              std::string_view account, std::string_view requestType,
                              const events::Fields& extra) {
  // security_events.c lists required fields, then optional ones: Module (never set by the
  // manager), SessionTV, and for RequestBadFormat the account, which is optional there.
  const bool toLog = log::Logger::get().wants(log::Level::Security, 0);
  if (!toLog && !context_.events.wants(events::kSecurity)) {
    return;
  }
  const bool badFormat = event == "RequestBadFormat";
  events::Fields fields{
      {"EventTV", eventTime(std::chrono::system_clock::now())},
      {"Severity", event == "SuccessfulAuth" ? "Informational" : "Error"},
      {"Service", "AMI"},
      {"EventVersion", event == "InvalidPassword" ? "2" : "1"},
  };
  if (!badFormat) {
    fields.emplace_back("AccountID", std::string(account));
  }
  fields.emplace_back("SessionID", fmt::format("0x{:x}", session.id()));
  fields.emplace_back("LocalAddress", eventAddress(session.local()));
  fields.emplace_back("RemoteAddress", eventAddress(session.remote()));
  if (!requestType.empty()) {
    fields.emplace_back("RequestType", std::string(requestType));
  }
  fields.insert(fields.end(), extra.begin(), extra.end());
  fields.emplace_back("SessionTV", eventTime(session.started()));
  if (badFormat) {
    fields.emplace_back("AccountID", std::string(account));
  }
  if (toLog) {
    events::Fields logged{{"SecurityEvent", std::string(event)}};
    logged.insert(logged.end(), fields.begin(), fields.end());
    SB_SECURITY(std::move(logged));
  }
  context_.events.publish(events::Event{std::string(event), events::kSecurity, std::move(fields)});
}

void AmiServer::login(AmiRequest& request) {
  auto session = request.session();
  if (!session) {
    return;
  }
  if (session->authenticated()) {
    request.success("Already authenticated");
    return;
  }
  const auto username = request.get("Username");
  const auto& address = session->remoteAddress();
  std::shared_ptr<const ManagerUser> user;
  for (const auto& [id, object] : context_.objects.current()->all("manager_user")) {
    if (equalsNoCase(id, username)) {
      user = std::static_pointer_cast<const ManagerUser>(object);
      break;
    }
  }
  auto fail = [&](std::string_view event) {
    if (!event.empty()) {
      securityEvent(*session, event, username);
    }
    session->failLogin(throttle_.failed(address, LoginThrottle::Clock::now()),
                       [keep = request.shared()] { keep->error("Authentication failed"); });
  };
  // manager.c refuses a user already logged in (allowmultiplelogin = no) before it looks at
  // the secret: SessionLimit, and after a second "Login Already In Use".
  if (user && (user->allowmultiplelogin.empty() ? !general_->allowmultiplelogin
                                                : user->allowmultiplelogin != "yes")) {
    for (const auto& [id, other] : sessions_) {
      if (other != session && other->authenticated() && equalsNoCase(other->username(), user->id)) {
        SB_NOTICE("{} tried to login with user '{}', but user is already logged in", address,
                  username);
        securityEvent(*session, "SessionLimit", username);
        session->failLogin(std::chrono::seconds(1),
                           [keep = request.shared()] { keep->error("Login Already In Use"); });
        return;
      }
    }
  }
  if (!user || username.empty()) {
    SB_NOTICE("{} tried to authenticate with nonexistent user '{}'", address, username);
    fail("InvalidAccountID");
    return;
  }
  // permit/deny of the user, then its named ACLs (acl.conf, when loaded).
  bool allowed = user->ipAcl.allows(session->remote().address());
  for (const auto& name : user->acl) {
    if (!allowed) {
      break;
    }
    if (auto named = context_.objects.current()->get<res_pjsip::AclConfig>("named_acl", name)) {
      allowed = named->ipAcl.allows(session->remote().address());
    }
  }
  if (!allowed) {
    SB_NOTICE("{} failed to pass IP ACL as '{}'", address, username);
    fail("FailedACL");
    return;
  }
  bool secretOk = false;
  if (equalsNoCase(request.get("AuthType"), "MD5")) {
    const auto key = request.get("Key");
    if (!key.empty() && !session->challenge().empty() && !user->secret.empty()) {
      const std::string expected = md5Hex(session->challenge() + user->secret);
      secretOk = expected == key;
      if (!secretOk) {
        // manager.c reports a wrong key as a failed challenge response, not a bad password.
        SB_NOTICE("{} failed to authenticate as '{}'", address, username);
        securityEvent(*session, "ChallengeResponseFailed", username, {},
                      {{"Challenge", session->challenge()},
                       {"Response", key},
                       {"ExpectedResponse", expected}});
        fail("");
        return;
      }
    }
  } else {
    secretOk = !user->secret.empty() && request.get("Secret") == user->secret;
  }
  if (!secretOk) {
    SB_NOTICE("{} failed to authenticate as '{}'", address, username);
    fail("InvalidPassword");
    return;
  }
  const bool display =
      user->displayconnects.empty() ? general_->displayconnects : user->displayconnects == "yes";
  // Before the session counts as logged in, so that it does not hear its own login.
  securityEvent(*session, "SuccessfulAuth", username, {}, {{"UsingPassword", "0"}});
  session->login(user->id, user->readClasses(), user->writeClasses(), display);
  updateBusInterest();
  if (const auto events = request.get("Events"); !events.empty()) {
    session->setEventMask(parseEventMask(events));
  }
  for (const auto& [criteria, pattern] : user->eventfilter) {
    if (auto refused = session->filters().add(criteria, pattern)) {
      SB_WARNING("Manager user '{}': {}", user->id, *refused);
    }
  }
  if (display) {
    SB_VERBOSE(2, "Manager '{}' logged on from {}", user->id, address);
  }
  request.success("Authentication accepted");
  if ((session->eventMask() & events::kSystem) && (session->readClasses() & events::kSystem)) {
    const auto [up, reload] = uptime();
    std::string text;
    appendAmiLine(text, "Event", "FullyBooted");
    appendAmiLine(text, "Privilege", "system,all");
    appendAmiLine(text, "Uptime", std::to_string(up));
    appendAmiLine(text, "LastReload", std::to_string(reload));
    appendAmiLine(text, "Status", "Fully Booted");
    text += "\r\n";
    session->send(std::move(text));
  }
}

}  // namespace sb::modules::manager
