#include "modules/pbx/originate_commands.hpp"

#include "modules/pbx/originate.hpp"

namespace sb::modules::pbx {

namespace {

constexpr const char* kUsage =
    "  There are two ways to use this command. A call can be originated between a\n"
    "channel and a specific application, or between a channel and an extension in\n"
    "the dialplan. This is similar to call files or the manager originate action.\n"
    "Calls originated with this command are given a timeout of 30 seconds.\n\n"
    "Usage1: channel originate <tech/data> application <appname> [appdata]\n"
    "  This will originate a call between the specified channel tech/data and the\n"
    "given application. Arguments to the application are optional. If the given\n"
    "arguments to the application include spaces, all of the arguments to the\n"
    "application need to be placed in quotation marks.\n\n"
    "Usage2: channel originate <tech/data> extension [exten@][context]\n"
    "  This will originate a call between the specified channel tech/data and the\n"
    "given extension. If no context is specified, the 'default' context will be\n"
    "used. If no extension is given, the 's' extension will be used.\n";

void showUsage(cli::Reply& reply) {
  reply.write(kUsage);
  reply.finish(cli::Status::ShowUsage);
}

void handle(PbxService& pbx, const cli::Arguments& args, cli::ReplyPtr reply) {
  OriginateRequest request;
  if (!splitDialString(*args.get("chan"), request.tech, request.resource)) {
    reply->write("*** No data provided after channel type! ***\n");
    showUsage(*reply);
    return;
  }
  const auto rest = args.list("rest");
  if (*args.get("kind") == "application") {
    if (rest.empty()) {
      showUsage(*reply);
      return;
    }
    request.app = rest[0];
    // Asterisk takes the one (quoted) word after the application as its data.
    request.appData = rest.size() > 1 ? rest[1] : "";
  } else {
    const std::string target = rest.empty() ? "" : rest[0];
    const auto at = target.find('@');
    request.exten = target.substr(0, at);
    request.context = at == std::string::npos ? "" : target.substr(at + 1);
    if (request.exten.empty()) {
      request.exten = "s";
    }
    if (request.context.empty()) {
      request.context = "default";
    }
  }
  originate(pbx, std::move(request));
}

}  // namespace

Registrations addOriginateCommands(cli::CommandRegistry& commands,
                                   std::shared_ptr<PbxService> pbx) {
  Registrations out;
  out += commands.add(
      {"channel originate <chan> {kind=application|extension} [<rest>...]", "Originate a call",
       kUsage,
       [weak = std::weak_ptr<PbxService>(pbx)](const cli::Arguments& args, cli::ReplyPtr reply) {
         if (auto self = weak.lock()) {
           handle(*self, args, std::move(reply));
         }
       }});
  return out;
}

}  // namespace sb::modules::pbx
