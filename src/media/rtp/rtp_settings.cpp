#include "media/rtp/rtp_settings.hpp"

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace sb::media {
namespace {

// Asterisk clamps the port range to these (MINIMUM_RTP_PORT / MAXIMUM_RTP_PORT).
constexpr long kMinimumPort = 1024;
constexpr long kMaximumPort = 65535;
constexpr long kMaximumDtmfTimeout = 64000;

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// The last occurrence of `key`, with its location (Section::last gives only the value).
const config::Variable* lastVariable(const config::Section& section, std::string_view key) {
  for (auto it = section.variables.rbegin(); it != section.variables.rend(); ++it) {
    if (equalsIgnoreCase(it->name, key)) {
      return &*it;
    }
  }
  return nullptr;
}

std::optional<long> parseNumber(std::string_view text) {
  text = trim(text);
  long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

// ast_true / ast_false.
std::optional<bool> parseBool(std::string_view text) {
  text = trim(text);
  for (const char* yes : {"yes", "true", "y", "t", "1", "on"}) {
    if (equalsIgnoreCase(text, yes)) {
      return true;
    }
  }
  for (const char* no : {"no", "false", "n", "f", "0", "off"}) {
    if (equalsIgnoreCase(text, no)) {
      return false;
    }
  }
  return std::nullopt;
}

class Reader {
 public:
  Reader(const config::Section& section, std::vector<config::Diagnostic>& diagnostics)
      : section_(section), diagnostics_(diagnostics) {}

  const config::Variable* find(std::string_view key) const { return lastVariable(section_, key); }

  void warn(const config::SourceLocation& where, std::string message) {
    diagnostics_.push_back(
        config::Diagnostic{config::Diagnostic::Severity::Warning, where, std::move(message)});
  }

  // A port number clamped to [1024, 65535] as Asterisk does; nullopt (and a warning) when
  // the value is not a number.
  std::optional<long> port(std::string_view key) {
    const config::Variable* variable = find(key);
    if (variable == nullptr) {
      return std::nullopt;
    }
    std::optional<long> value = parseNumber(variable->value);
    if (!value) {
      warn(variable->where,
           fmt::format("{} '{}' is not a port number; ignored", key, variable->value));
      return std::nullopt;
    }
    if (*value < kMinimumPort || *value > kMaximumPort) {
      const long clamped = *value < kMinimumPort ? kMinimumPort : kMaximumPort;
      warn(variable->where, fmt::format("{} {} is outside {}-{}; using {}", key, *value,
                                        kMinimumPort, kMaximumPort, clamped));
      value = clamped;
    }
    return value;
  }

 private:
  const config::Section& section_;
  std::vector<config::Diagnostic>& diagnostics_;
};

void readPorts(Reader& reader, RtpSettings& settings) {
  const RtpSettings defaults;
  const std::optional<long> start = reader.port("rtpstart");
  const std::optional<long> end = reader.port("rtpend");
  long newStart = start.value_or(settings.start);
  const long newEnd = end.value_or(settings.end);
  // RTP takes even ports and RTCP the odd one above (RFC 3550 section 11).
  if (newStart % 2 != 0) {
    ++newStart;
    if (const config::Variable* variable = reader.find("rtpstart")) {
      reader.warn(variable->where,
                  fmt::format("odd rtpstart {}; rounding up to {}", newStart - 1, newStart));
    }
  }
  if (newStart >= newEnd) {
    const config::Variable* variable = reader.find(end ? "rtpend" : "rtpstart");
    reader.warn(variable != nullptr ? variable->where : config::SourceLocation{},
                fmt::format("unreasonable RTP port range {}-{} (rtpstart must be below "
                            "rtpend); using {}-{}",
                            newStart, newEnd, defaults.start, defaults.end));
    settings.start = defaults.start;
    settings.end = defaults.end;
    return;
  }
  settings.start = static_cast<std::uint16_t>(newStart);
  settings.end = static_cast<std::uint16_t>(newEnd);
}

}  // namespace

RtpSettings parseRtpConf(const config::ConfigFile& file,
                         std::vector<config::Diagnostic>& diagnostics) {
  RtpSettings settings;
  const std::vector<const config::Section*> sections = file.find("general");
  if (sections.empty()) {
    return settings;
  }
  // Like ast_variable_retrieve on [general]: the last section of that name wins.
  Reader reader(*sections.back(), diagnostics);
  readPorts(reader, settings);

  if (const config::Variable* strict = reader.find("strictrtp")) {
    if (equalsIgnoreCase(trim(strict->value), "seqno")) {
      settings.strictRtp = true;
      settings.strictSeqno = true;
    } else {
      // As Asterisk: anything but a true value or seqno turns it off.
      const std::optional<bool> value = parseBool(strict->value);
      settings.strictRtp = value.value_or(false);
      if (!value) {
        reader.warn(
            strict->where,
            fmt::format("strictrtp '{}' is not yes, no or seqno; taken as no", strict->value));
      }
    }
  }
  if (const config::Variable* probation = reader.find("probation")) {
    // Asterisk needs at least 2 packets to see a sequence; anything else is the default.
    const std::optional<long> value = parseNumber(probation->value);
    if (value && *value > 1) {
      settings.probation = static_cast<unsigned>(*value);
    } else {
      reader.warn(probation->where, fmt::format("probation '{}' must be a number above 1; "
                                                "using {}",
                                                probation->value, RtpSettings{}.probation));
    }
  }
  if (const config::Variable* checksums = reader.find("rtpchecksums")) {
    if (std::optional<bool> value = parseBool(checksums->value)) {
      settings.checksums = *value;
    } else {
      reader.warn(checksums->where,
                  fmt::format("rtpchecksums '{}' is not yes or no; ignored", checksums->value));
    }
  }
  if (const config::Variable* dtmf = reader.find("dtmftimeout")) {
    const std::optional<long> value = parseNumber(dtmf->value);
    if (value && *value >= 0 && *value <= kMaximumDtmfTimeout) {
      settings.dtmfTimeout = static_cast<unsigned>(*value);
    } else {
      reader.warn(dtmf->where,
                  fmt::format("dtmftimeout '{}' must be 0 to {}; using {}", dtmf->value,
                              kMaximumDtmfTimeout, RtpSettings{}.dtmfTimeout));
    }
  }
  // icesupport, stunaddr, turn*, dtls*: no ICE here; accepted and ignored without a warning.
  return settings;
}

}  // namespace sb::media
