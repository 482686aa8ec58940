#pragma once
/// @file
/// The folders named in switchboard.conf's [directories] (asterisk.conf's names).

#include <filesystem>

namespace sb {

struct Paths {
  std::filesystem::path etc;         ///< astetcdir: configuration files
  std::filesystem::path varLib;      ///< astvarlibdir: durable state (SQLite file)
  std::filesystem::path log;         ///< astlogdir
  std::filesystem::path run;         ///< astrundir: control socket and pid file
  std::filesystem::path data;        ///< astdatadir: sounds and other shipped data
  std::filesystem::path spool;       ///< astspooldir
  std::filesystem::path mainConfig;  ///< the switchboard.conf that was read (may not exist)

  std::filesystem::path controlSocket() const { return run / "switchboard.ctl"; }
  std::filesystem::path pidFile() const { return run / "switchboard.pid"; }
};

}  // namespace sb
