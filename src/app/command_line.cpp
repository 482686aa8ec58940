#include "app/command_line.hpp"

#include <getopt.h>

namespace sb::app {

std::optional<CommandLine> parseCommandLine(int argc, char** argv, std::string& error) {
  enum LongOnly { kCheckConfig = 1000, kVersion, kHelp, kDumpReference, kTestEvents };
  static const option kLong[] = {
      {"check-config", no_argument, nullptr, kCheckConfig},
      {"version", no_argument, nullptr, kVersion},
      {"help", no_argument, nullptr, kHelp},
      {"dump-config-reference", no_argument, nullptr, kDumpReference},
      {"test-events", no_argument, nullptr, kTestEvents},
      {nullptr, 0, nullptr, 0},
  };
  CommandLine line;
  optind = 0;  // GNU getopt: 0 re-initializes fully (tests parse several times)
  opterr = 0;
  int c = 0;
  // Asterisk's short options; those without meaning here are accepted.
  while ((c = getopt_long(argc, argv, ":fcrRx:C:vdqnmgVhiTtWFpIbBe:G:U:L:M:s:", kLong, nullptr)) !=
         -1) {
    switch (c) {
      case 'f':
        line.foreground = true;
        break;
      case 'F':
        line.foreground = false;
        break;
      case 'c':
        line.console = true;
        line.foreground = true;
        break;
      case 'r':
      case 'R':
        line.remote = true;
        break;
      case 'x':
        line.execute = optarg;
        line.remote = true;  // as in Asterisk, -x implies -r
        break;
      case 'C':
        line.mainConfig = optarg;
        break;
      case 'v':
        ++line.verbose;
        break;
      case 'd':
        ++line.debug;
        break;
      case 'q':
        line.quiet = true;
        break;
      case 'V':
      case kVersion:
        line.showVersion = true;
        break;
      case 'h':
      case kHelp:
        line.showHelp = true;
        break;
      case kCheckConfig:
        line.checkConfig = true;
        break;
      case kDumpReference:
        line.dumpReference = true;
        break;
      case kTestEvents:
        line.testEvents = true;
        break;
      case 'n':
      case 'm':
      case 'g':
      case 'i':
      case 'T':
      case 't':
      case 'W':
      case 'p':
      case 'I':
      case 'b':
      case 'B':
        break;  // colour, mute, core dumps, timestamps, priorities: accepted, no effect
      case 'e':
      case 'G':
      case 'U':
      case 'L':
      case 'M':
      case 's':
        line.notices.push_back(std::string("-") + static_cast<char>(c) +
                               " is accepted and ignored");
        break;
      case ':':
        error = std::string("option -") + static_cast<char>(optopt) + " needs an argument";
        return std::nullopt;
      default:
        if (optopt != 0) {
          error = std::string("unknown option -") + static_cast<char>(optopt);
        } else {
          error = std::string("unknown option ") + argv[optind - 1];
        }
        return std::nullopt;
    }
  }
  if (optind < argc) {
    error = std::string("unexpected argument '") + argv[optind] + "'";
    return std::nullopt;
  }
  return line;
}

std::string usageText() {
  return R"(Usage: switchboard [OPTIONS]
A SIP server configured like Asterisk's res_pjsip.

  -f                 Run in the foreground (do not fork)
  -c                 Run in the foreground with an interactive console (implies -f)
  -r                 Attach to the running server's console
  -x "command"       With -r (implied): run one console command, print its output, exit
                     with its status
  -C FILE            Main configuration file (asterisk.conf format); default:
                     switchboard.conf in the configuration folder
  -v                 More verbose (repeat for more)
  -d                 More debug output (repeat for more)
  -q                 Quiet
  -n -g -m           Accepted for compatibility (colour, core dumps, mute)
  --check-config     Validate every configuration file and exit (non-zero on errors)
  --test-events      Emit TestEvent events (for harnesses built for Asterisk's test suite)
  --version          Print the version and exit
  --help             Print this help and exit
)";
}

}  // namespace sb::app
