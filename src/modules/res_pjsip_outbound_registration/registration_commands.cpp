#include "modules/res_pjsip_outbound_registration/registration_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <regex>

#include "modules/res_pjsip/cli_format.hpp"
#include "modules/res_pjsip_outbound_registration/registration_service.hpp"

namespace sb::modules::res_pjsip_outbound_registration {
namespace {

constexpr std::string_view kHeader =
    " <Registration/ServerURI..............................>  <Auth....................>  "
    "<Status.......>\n";

std::optional<long long> secondsUntil(const RegistrationStatus& status) {
  if (!status.nextEvent) {
    return std::nullopt;
  }
  return std::chrono::duration_cast<std::chrono::seconds>(*status.nextEvent -
                                                          std::chrono::system_clock::now())
      .count();
}

std::string rowOf(const RegistrationClient& client) {
  const auto& config = client.config();
  return registrationRow(config.id, config.serverUri,
                         config.outboundAuth.empty() ? "n/a" : config.outboundAuth.front(),
                         asteriskStatus(client.status().state), secondsUntil(client.status()));
}

std::string timeText(const std::optional<std::chrono::system_clock::time_point>& when) {
  if (!when) {
    return "";
  }
  return std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(when->time_since_epoch()).count());
}

/// The run-time fields `pjsip show registration` adds to the configuration.
std::vector<std::pair<std::string, std::string>> runtimeFields(const RegistrationClient& client) {
  const auto& status = client.status();
  const auto next = secondsUntil(status);
  return {
      {"status", std::string(stateName(status.state))},
      {"status_reason", status.reason},
      {"retries", std::to_string(status.retries)},
      {"last_response", status.lastCode == 0 ? "" : std::to_string(status.lastCode)},
      {"granted_expiration", std::to_string(status.grantedExpires)},
      {"registered_at", timeText(status.registeredAt)},
      {"next_register_in", next ? std::to_string(*next) : ""},
      {"line_token", status.line},
  };
}

std::string detail(const store::ObjectTypeBase& type, const RegistrationClient& client) {
  auto fields = type.describe(client.config());
  for (auto& field : runtimeFields(client)) {
    fields.push_back(std::move(field));
  }
  std::size_t width = std::string_view("ParameterName").size();
  for (const auto& [name, value] : fields) {
    width = std::max(width, name.size());
  }
  std::string out = fmt::format("\n {:<{}} : ParameterValue\n", "ParameterName", width);
  out += " " + std::string(width + 17, '=') + "\n";
  for (const auto& [name, value] : fields) {
    out += fmt::format(" {:<{}} : {}\n", name, width, value);
  }
  return out;
}

std::vector<std::string> idsOf(const RegistrationService& service, bool withAll) {
  std::vector<std::string> ids;
  if (withAll) {
    ids.emplace_back("*all");
  }
  for (const auto& [id, client] : service.clients()) {
    ids.push_back(id);
  }
  return ids;
}

}  // namespace

std::string registrationRow(std::string_view id, std::string_view serverUri, std::string_view auth,
                            std::string_view status, std::optional<long long> expiresIn) {
  std::string expiry;
  if (expiresIn) {
    expiry = *expiresIn < 0 ? fmt::format("  (exp. {}s ago)", -*expiresIn)
                            : fmt::format("  (exp. {}s)", *expiresIn);
  }
  return fmt::format(" {:<54.54}  {:<26}  {:<16}{}\n", fmt::format("{}/{}", id, serverUri), auth,
                     status, expiry);
}

void addRegistrationCommands(Registrations& out, cli::CommandRegistry& commands,
                             const store::ObjectStore& store,
                             std::shared_ptr<RegistrationService> service) {
  for (const std::string verb : {"list", "show"}) {
    out += commands.add(
        {fmt::format("pjsip {} registrations [like <pattern>]", verb),
         fmt::format("{} PJSIP Registrations", verb == "show" ? "Show" : "List"),
         fmt::format("Usage: pjsip {} registrations [ like <pattern> ]\n"
                     "       {} the configured PJSIP Registrations\n"
                     "       Optional regular expression pattern is used to filter the list.\n",
                     verb, verb == "show" ? "Show" : "List"),
         [service](const cli::Arguments& args, cli::ReplyPtr reply) {
           std::optional<std::regex> filter;
           if (const auto pattern = args.get("pattern")) {
             try {
               filter.emplace(*pattern, std::regex::extended | std::regex::nosubs);
             } catch (const std::regex_error&) {
               reply->write(fmt::format("Regular expression '{}' is invalid.\n", *pattern));
               reply->finish(cli::Status::Failure);
               return;
             }
           }
           std::string rows;
           std::size_t count = 0;
           for (const auto& [id, client] : service->clients()) {
             if (filter && !std::regex_search(id, *filter)) {
               continue;
             }
             rows += rowOf(*client);
             ++count;
           }
           if (count == 0) {
             reply->write(res_pjsip::cliFooter(0) + "\n");
             return;
           }
           reply->write(res_pjsip::cliHeader(kHeader) + rows + res_pjsip::cliFooter(count) + "\n");
         }});
  }

  out += commands.add(
      {"pjsip show registration <id>",
       "Show PJSIP Registration",
       "Usage: pjsip show registration <id>\n       Show the configured PJSIP Registration\n",
       [&store, service](const cli::Arguments& args, cli::ReplyPtr reply) {
         const auto id = *args.get("id");
         const auto client = service->find(id);
         const auto type = store.findType("registration");
         if (!client || !type) {
           reply->write(fmt::format("Unable to find object {}.\n\n", id));
           reply->finish(cli::Status::Failure);
           return;
         }
         reply->write(res_pjsip::cliHeader(kHeader) + rowOf(*client) + detail(*type, *client) +
                      "\n");
       },
       {{"id", [service](const cli::Arguments&) { return idsOf(*service, false); }}}});

  struct Verb {
    const char* word;
    const char* synopsis;
    const char* usage;
    void (*run)(RegistrationClient&);
  };
  static const Verb kVerbs[] = {
      {"register", "Registers an outbound registration",
       "Usage: pjsip send register <registration> | *all \n"
       "       Unregisters the specified (or all) outbound registration(s) then starts\n"
       "       registration(s) and schedules re-registrations according to configuration.\n",
       [](RegistrationClient& client) { client.registerNow(); }},
      {"unregister", "Unregisters outbound registration",
       "Usage: pjsip send unregister <registration> | *all\n"
       "       Unregisters the specified (or all) outbound registration(s) and stops future\n"
       "       registration attempts.\n",
       [](RegistrationClient& client) { client.unregister(); }},
  };
  for (const auto& verb : kVerbs) {
    const std::string word = verb.word;
    const auto run = verb.run;
    out += commands.add(
        {fmt::format("pjsip send {} <registration>", word),
         verb.synopsis,
         verb.usage,
         [service, word, run](const cli::Arguments& args, cli::ReplyPtr reply) {
           const std::string display = word == "register" ? "Register" : "Unregister";
           const auto name = *args.get("registration");
           if (name == "*all") {
             for (const auto& [id, client] : service->clients()) {
               run(*client);
             }
             reply->write(display + " all queued\n");
             return;
           }
           const auto client = service->find(name);
           if (!client) {
             reply->write(fmt::format("Unable to retrieve registration {}\n", name));
             reply->finish(cli::Status::Failure);
             return;
           }
           run(*client);
           reply->write(fmt::format("{} queued for {}\n", display, name));
         },
         {{"registration", [service](const cli::Arguments&) { return idsOf(*service, true); }}}});
  }
}

}  // namespace sb::modules::res_pjsip_outbound_registration
