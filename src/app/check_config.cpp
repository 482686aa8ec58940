// --check-config: validate every configuration file without starting anything.
#include <iostream>

#include "app/server.hpp"
#include "core/log/logger_config.hpp"

namespace sb::app {

int Server::checkConfig() {
  std::vector<config::Diagnostic> diagnostics = main_.diagnostics;
  config::ReaderOptions reader;
  reader.configDir = main_.paths.etc;

  auto loggerConf = config::parseConfig("logger.conf", reader);
  if (loggerConf.found) {
    diagnostics.insert(diagnostics.end(), loggerConf.diagnostics.begin(),
                       loggerConf.diagnostics.end());
    auto built = log::buildLoggerConfig(loggerConf.file, main_.paths.log);
    diagnostics.insert(diagnostics.end(), built.diagnostics.begin(), built.diagnostics.end());
  }
  auto modulesConf = config::parseConfig("modules.conf", reader);
  if (modulesConf.found) {
    diagnostics.insert(diagnostics.end(), modulesConf.diagnostics.begin(),
                       modulesConf.diagnostics.end());
  }
  auto plan = modules_->plan(modulesConf.found ? &modulesConf.file : nullptr);
  diagnostics.insert(diagnostics.end(), plan.diagnostics.begin(), plan.diagnostics.end());
  for (const auto& notice : plan.notices) {
    std::cerr << notice.where.str() << ": notice: " << notice.message << '\n';
  }

  // Every object type of every module is checked, loaded or not: a file is valid or it isn't.
  auto request = modules_->loadRequest(modules_->allTypes(), diagnostics);
  auto result = store::ObjectStore::load(request);
  diagnostics.insert(diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());

  int errors = 0;
  int warnings = 0;
  for (const auto& diagnostic : diagnostics) {
    std::cerr << diagnostic.str() << '\n';
    (diagnostic.severity == config::Diagnostic::Severity::Error ? errors : warnings)++;
  }
  if (errors > 0) {
    std::cerr << errors << " error(s), " << warnings << " warning(s): configuration is not valid\n";
    return 1;
  }
  std::cout << "Configuration OK: " << result.objects->size() << " object(s), " << warnings
            << " warning(s)\n";
  return 0;
}

}  // namespace sb::app
