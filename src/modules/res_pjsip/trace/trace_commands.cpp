#include "modules/res_pjsip/trace/trace_commands.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/store/option_parsers.hpp"
#include "modules/res_pjsip/legacy_peer.hpp"
#include "modules/res_pjsip/sip_service.hpp"
#include "modules/res_pjsip/trace/history_filter.hpp"
#include "modules/res_pjsip/trace/message_summary.hpp"
#include "sip/message/uri.hpp"
#include "sip/transport/socket_address.hpp"

namespace sb::modules::res_pjsip {
namespace {

constexpr const char* kLoggerUsage =
    "Usage: pjsip set logger {on|off|host <name/subnet>|add <name/subnet>|method "
    "<method>|methodadd <method>|verbose <on/off>|pcap <filename>}\n"
    "       Enables or disabling logging of SIP packets\n"
    "       read on ports bound to PJSIP transports either\n"
    "       globally or enables logging for an individual\n"
    "       host or particular SIP method(s).\n"
    "       Messages can be filtered by SIP request methods\n"
    "       INVITE, CANCEL, ACK, BYE, REGISTER, OPTIONS,\n"
    "       SUBSCRIBE, NOTIFY, PUBLISH, INFO, and MESSAGE\n";

constexpr const char* kShowHistoryUsage =
    "Usage: pjsip show history [entry <num>|where [...]]\n"
    "       Displays the currently collected history or an\n"
    "       entry within the history.\n\n"
    "       * Running the command with no options will display\n"
    "         the entire history.\n"
    "       * Providing 'entry <num>' will display the full\n"
    "         detail of a particular entry in this history.\n"
    "       * Providing 'where ...' will allow for filtering\n"
    "         the history. The history can be filtered using\n"
    "         any of the following fields:\n"
    "         - number: The history entry number\n"
    "         - timestamp: The time associated with the history entry\n"
    "         - addr: The source/destination address of the SIP message\n"
    "         - sip.msg.request.method: The request method type\n"
    "         - sip.msg.call-id: The Call-ID header of the SIP message\n"
    "\n"
    "         When filtering, standard Boolean operators can be used,\n"
    "         as well as 'like' for regexs.\n"
    "\n"
    "         Example:\n"
    "         'pjsip show history where number > 5 and (addr = \"192.168.0.3:5060\" or addr = "
    "\"192.168.0.5:5060\")'\n";

constexpr const char* kSetHistoryUsage =
    "Usage: pjsip set history {on|off|clear}\n"
    "       Enables/disables/clears the PJSIP history.\n\n"
    "       Enabling the history will start recording transmitted/received\n"
    "       packets. Disabling the history will stop recording, but keep\n"
    "       the already received packets. Clearing the history will wipe\n"
    "       the received packets from memory.\n\n"
    "       As the PJSIP history is maintained in memory, and includes\n"
    "       all received/transmitted requests and responses, it should\n"
    "       only be enabled for debugging purposes, and cleared when done.\n";

constexpr const char* kSipDebugUsage =
    "Usage: sip set debug {off|on|ip addr[:port]|peer peername}\n"
    "       Globally disables dumping of SIP packets,\n"
    "       or enables it either globally or for a (single)\n"
    "       IP address or registered peer.\n";

std::vector<std::string> methodChoices(const cli::Arguments&) {
  return {"INVITE",    "CANCEL", "ACK",     "BYE",  "REGISTER", "OPTIONS",
          "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "MESSAGE"};
}

/// The address `sip set debug peer` watches: where the peer's first contact registered from,
/// else the host of its AORs' first static contact when that is an IP address.
std::optional<boost::asio::ip::address> peerAddress(const Peer& peer) {
  std::string host;
  if (peer.address) {
    host = peer.address->host;
  } else {
    for (const auto& aor : peer.aors) {
      if (!aor->contact.empty()) {
        if (auto uri = sip::parseUri(aor->contact.front())) {
          host = std::string(uri->hostAddress());
        }
        break;
      }
    }
  }
  if (host.size() > 2 && host.front() == '[') {
    host = host.substr(1, host.size() - 2);
  }
  boost::system::error_code error;
  const auto address = boost::asio::ip::make_address(host, error);
  return error ? std::nullopt : std::optional(address);
}

/// `host` / `add` (and `sip set debug ip`): an address or a subnet to log.
void logHost(SipTrace& trace, const std::string& host, bool replace, std::string_view confirmed,
             const cli::ReplyPtr& reply) {
  trace.noteConsoleChange(false);
  if (!trace.logger().addHost(host, replace)) {
    reply->write(fmt::format("Failed to add address '{}' for logging\n", host));
    reply->finish(cli::Status::Failure);
    return;
  }
  reply->write(fmt::format("{}{}\n", confirmed, host));
}

void addLoggerCommands(Registrations& out, cli::CommandRegistry& commands,
                       const std::shared_ptr<SipService>& service) {
  auto& trace = service->trace();
  out += commands.add({"pjsip set logger {state=on|off}", "Enable/Disable PJSIP Logger Output",
                       kLoggerUsage,
                       [&trace, service](const cli::Arguments& args, cli::ReplyPtr reply) {
                         const bool on = *args.get("state") == "on";
                         trace.noteConsoleChange(!on);
                         if (on) {
                           trace.logger().enableAll();
                         } else {
                           trace.loggerOff();
                         }
                         reply->write(on ? "PJSIP Logging enabled\n" : "PJSIP Logging disabled\n");
                       }});
  for (const bool replace : {true, false}) {
    out += commands.add(
        {replace ? "pjsip set logger host <host>" : "pjsip set logger add <host>",
         replace ? "Enable PJSIP Logger Output for one host or subnet"
                 : "Add a host or subnet to the PJSIP Logger Output",
         kLoggerUsage, [&trace, service, replace](const cli::Arguments& args, cli::ReplyPtr reply) {
           logHost(trace, *args.get("host"), replace, "PJSIP Logging Enabled for host: ", reply);
         }});
    out += commands.add(
        {replace ? "pjsip set logger method <method>" : "pjsip set logger methodadd <method>",
         replace ? "Enable PJSIP Logger Output for one SIP method"
                 : "Add a SIP method to the PJSIP Logger Output",
         kLoggerUsage,
         [&trace, service, replace](const cli::Arguments& args, cli::ReplyPtr reply) {
           trace.noteConsoleChange(false);
           const auto method = *args.get("method");
           if (!trace.logger().addMethod(method, replace)) {
             reply->write(fmt::format("Method '{}' is already enabled\n", method));
             return;
           }
           reply->write(fmt::format("PJSIP Logging Enabled for SIP Methods: {}\n",
                                    trace.logger().methodList()));
         },
         {{"method", methodChoices}}});
  }
  out += commands.add({"pjsip set logger verbose <value>",
                       "Log PJSIP messages to the console",
                       kLoggerUsage,
                       [&trace, service](const cli::Arguments& args, cli::ReplyPtr reply) {
                         trace.noteConsoleChange(false);
                         const bool on = store::parseBoolean(*args.get("value")).value_or(false);
                         trace.setVerbose(on);
                         reply->write(fmt::format("PJSIP Logging to verbose has been {}\n",
                                                  on ? "enabled" : "disabled"));
                       },
                       {{"value", [](const cli::Arguments&) {
                           return std::vector<std::string>{"on", "off"};
                         }}}});
  out += commands.add(
      {"pjsip set logger pcap <filename>", "Write PJSIP Logger Output to a pcap file", kLoggerUsage,
       [&trace, service](const cli::Arguments& args, cli::ReplyPtr reply) {
         trace.noteConsoleChange(false);
         const auto file = *args.get("filename");
         if (!trace.openPcap(file)) {
           reply->write(fmt::format("Failed to open file '{}' for pcap writing\n", file));
           reply->finish(cli::Status::Failure);
           return;
         }
         reply->write(fmt::format("PJSIP logging to pcap file '{}'\n", file));
       }});
}

void addSipDebugCommands(Registrations& out, cli::CommandRegistry& commands,
                         const std::shared_ptr<SipService>& service,
                         const store::ObjectStore& store,
                         const std::shared_ptr<LocationService>& location) {
  auto& trace = service->trace();
  out +=
      commands.add({"sip set debug {state=on|off}", "Enable/Disable SIP debugging", kSipDebugUsage,
                    [&trace, service](const cli::Arguments& args, cli::ReplyPtr reply) {
                      const bool on = *args.get("state") == "on";
                      trace.noteConsoleChange(!on);
                      if (on) {
                        trace.logger().reset();
                        trace.logger().enableAll();
                      } else {
                        trace.loggerOff();
                      }
                      reply->write(on ? "SIP Debugging enabled\n" : "SIP Debugging Disabled\n");
                    }});
  out += commands.add(
      {"sip set debug ip <host>", "Enable SIP debugging for one address", kSipDebugUsage,
       [&trace, service](const cli::Arguments& args, cli::ReplyPtr reply) {
         auto host = *args.get("host");
         if (const auto address = sip::SocketAddress::parse(host)) {
           host = address->address.to_string();  // chan_sip took "ip:port"; no port filter here
         }
         // chan_sip watches one address: whatever `pjsip set logger` chose before goes.
         trace.logger().reset();
         logHost(trace, host, true, "SIP Debugging Enabled for IP: ", reply);
       }});
  auto endpointIds = [&store](const cli::Arguments&) {
    std::vector<std::string> ids;
    for (const auto& [id, object] : store.current()->all("endpoint")) {
      ids.push_back(id);
    }
    return ids;
  };
  out += commands.add(
      {"sip set debug peer <peer>",
       "Enable SIP debugging for one peer's address",
       kSipDebugUsage,
       [&trace, service, &store, location](const cli::Arguments& args, cli::ReplyPtr reply) {
         const auto name = *args.get("peer");
         const auto peer = findPeer(*store.current(), *location, name);
         if (!peer) {
           reply->write(fmt::format("No such peer '{}'\n", name));
           reply->finish(cli::Status::Failure);
           return;
         }
         const auto address = peerAddress(*peer);
         if (!address) {
           reply->write(fmt::format("Unable to get IP address of peer '{}'\n", name));
           reply->finish(cli::Status::Failure);
           return;
         }
         trace.logger().reset();
         logHost(trace, address->to_string(), true, "SIP Debugging Enabled for IP: ", reply);
       },
       {{"peer", endpointIds}}});
}

/// What a `where` expression sees of one entry.
HistoryFields fieldsOf(const HistoryEntry& entry) {
  HistoryFields fields;
  fields.number = entry.number;
  fields.timestamp = entry.timestamp;
  fields.address = entry.remote();
  if (const auto summary = summarizeMessage(entry.bytes)) {
    if (summary->request) {
      fields.method = summary->method;
    }
    fields.callId = summary->callId;
  }
  return fields;
}

/// res_pjsip_history prints a list of exactly one entry as that entry in full.
std::string formatEntries(const std::vector<const HistoryEntry*>& entries) {
  return entries.size() == 1 ? formatHistoryEntry(*entries.front()) : formatHistoryList(entries);
}

void addMessageHistoryCommands(Registrations& out, cli::CommandRegistry& commands,
                               const std::shared_ptr<SipService>& service) {
  auto& history = service->trace().messages();
  out += commands.add(
      {"pjsip set history {state=on|off|clear}", "Enable/Disable PJSIP History", kSetHistoryUsage,
       [&history, service](const cli::Arguments& args, cli::ReplyPtr reply) {
         const auto state = *args.get("state");
         if (state == "clear") {
           history.clear();
           reply->write("PJSIP History cleared\n");
           return;
         }
         history.setEnabled(state == "on");
         reply->write(state == "on" ? "PJSIP History enabled\n" : "PJSIP History disabled\n");
       }});
  out += commands.add({"pjsip show history", "Display PJSIP History", kShowHistoryUsage,
                       [&history, service](const cli::Arguments&, cli::ReplyPtr reply) {
                         std::vector<const HistoryEntry*> all;
                         for (const auto& entry : history.entries()) {
                           all.push_back(&entry);
                         }
                         reply->write(formatEntries(all));
                       }});
  out += commands.add(
      {"pjsip show history entry <num>", "Display one entry of the PJSIP History",
       kShowHistoryUsage, [&history, service](const cli::Arguments& args, cli::ReplyPtr reply) {
         const auto text = *args.get("num");
         long long number = 0;
         const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
         if (error != std::errc() || end == text.data()) {
           reply->write(fmt::format("'{}' is not a valid entry number\n", text));
           reply->finish(cli::Status::Failure);
           return;
         }
         const auto* entry = history.find(number);
         if (entry == nullptr) {
           reply->write(fmt::format("Entry '{}' does not exist\n", number));
           reply->finish(cli::Status::Failure);
           return;
         }
         reply->write(formatHistoryEntry(*entry));
       }});
  out += commands.add({"pjsip show history where <expression>...",
                       "Display PJSIP History entries that match", kShowHistoryUsage,
                       [&history, service](const cli::Arguments& args, cli::ReplyPtr reply) {
                         auto filter = HistoryFilter::parse(args.list("expression"));
                         if (!filter) {
                           reply->write(filter.error().message + "\n");
                           reply->finish(cli::Status::Failure);
                           return;
                         }
                         std::vector<const HistoryEntry*> matching;
                         for (const auto& entry : history.entries()) {
                           const auto matched = filter->matches(fieldsOf(entry));
                           if (!matched) {
                             reply->write(matched.error().message + "\n");
                             reply->finish(cli::Status::Failure);
                             return;
                           }
                           if (*matched) {
                             matching.push_back(&entry);
                           }
                         }
                         reply->write(formatEntries(matching));
                       }});
}

void addDialogHistoryCommands(Registrations& out, cli::CommandRegistry& commands,
                              const std::shared_ptr<SipService>& service) {
  auto& trace = service->trace();
  out += commands.add({"sip set history {state=on|off}", "Enable/Disable SIP history",
                       "Usage: sip set history {on|off}\n"
                       "       Enables/Disables recording of SIP dialog history for debugging "
                       "purposes.\n"
                       "       Use 'sip show history' to view the history of a call number.\n",
                       [&trace, service](const cli::Arguments& args, cli::ReplyPtr reply) {
                         const bool on = *args.get("state") == "on";
                         trace.dialogs().setEnabled(on);
                         reply->write(on ? "SIP History Recording Enabled (use 'sip show "
                                           "history')\n"
                                         : "SIP History Recording Disabled\n");
                       }});
  out += commands.add(
      {"sip show history <callid>",
       "Show SIP dialog history",
       "Usage: sip show history <call-id>\n"
       "       Provides detailed dialog history on a given SIP call (specified by call-id).\n",
       [&trace, service](const cli::Arguments& args, cli::ReplyPtr reply) {
         const auto prefix = *args.get("callid");
         const auto recorded = trace.dialogs().startingWith(prefix);
         std::vector<std::string> liveOnly;
         for (const auto& callId : trace.liveCalls()) {
           const bool matches = callId.size() >= prefix.size() &&
                                store::equalsIgnoreCase(callId.substr(0, prefix.size()), prefix);
           const bool hasHistory = std::any_of(recorded.begin(), recorded.end(),
                                               [&](const auto* d) { return d->callId == callId; });
           if (matches && !hasHistory) {
             liveOnly.push_back(callId);
           }
         }
         reply->write(formatSipShowHistory(trace.dialogs().enabled(), prefix, recorded, liveOnly));
       },
       {{"callid", [&trace](const cli::Arguments&) {
           std::vector<std::string> ids = trace.liveCalls();
           for (const auto* dialog : trace.dialogs().startingWith("")) {
             ids.push_back(dialog->callId);
           }
           return ids;
         }}}});
}

}  // namespace

void addTraceCommands(Registrations& out, cli::CommandRegistry& commands,
                      std::shared_ptr<SipService> service, const store::ObjectStore& store,
                      std::shared_ptr<LocationService> location) {
  addLoggerCommands(out, commands, service);
  addSipDebugCommands(out, commands, service, store, location);
  addMessageHistoryCommands(out, commands, service);
  addDialogHistoryCommands(out, commands, service);
}

}  // namespace sb::modules::res_pjsip
