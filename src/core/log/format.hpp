#pragma once
/// @file
/// The three line formats a logger.conf channel can use: Asterisk's default, plain and JSON.

#include <string>
#include <string_view>

#include "core/log/record.hpp"

namespace sb::log {

enum class Format { Default, Plain, Json };

/// `[Nov 27 12:36:53] WARNING[1234]: file.cpp:12 function: message` (Asterisk's layout).
std::string formatDefault(const Record& record, std::string_view dateFormat);
/// `[Nov 27 12:36:53] WARNING[1234]: message` without source position.
std::string formatPlain(const Record& record, std::string_view dateFormat);
/// One JSON object per line with hostname, timestamp, level, source, message and fields.
std::string formatJson(const Record& record, std::string_view hostname);
/// What an interactive console shows: verbose messages with Asterisk's `    -- ` markers,
/// other levels in the default layout.
std::string formatConsole(const Record& record, std::string_view dateFormat);

/// The file name without its directories (log lines name files, not paths).
std::string_view baseName(std::string_view path);

}  // namespace sb::log
