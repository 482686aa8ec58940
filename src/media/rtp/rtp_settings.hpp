#pragma once
/// @file
/// The [general] options of rtp.conf that the media engine uses.

#include <cstdint>
#include <vector>

#include "core/config/config_file.hpp"

namespace sb::media {

/// RTP settings, with Asterisk's defaults.
struct RtpSettings {
  std::uint16_t start = 5000;   ///< rtpstart: lowest RTP port (always even)
  std::uint16_t end = 31000;    ///< rtpend: highest port used (RTCP included)
  bool strictRtp = true;        ///< strictrtp=yes|seqno: lock onto one source per stream
  bool strictSeqno = false;     ///< strictrtp=seqno (learning is done as for yes)
  unsigned probation = 4;       ///< consecutive sequential packets to accept a new source
  bool checksums = true;        ///< rtpchecksums: UDP checksums (kept for reference)
  unsigned dtmfTimeout = 1200;  ///< dtmftimeout, in samples at 8 kHz (Asterisk's 150 ms)
};

/// Reads the [general] section of a parsed rtp.conf. Bad values keep their default (except
/// strictrtp, which like Asterisk is off unless true or seqno) and add a warning naming the
/// file and line; ports are clamped to 1024-65535, an odd rtpstart is rounded up, and
/// rtpstart >= rtpend restores both defaults. `icesupport` and other unsupported options are
/// ignored silently. A missing [general] section gives the defaults.
RtpSettings parseRtpConf(const config::ConfigFile& file,
                         std::vector<config::Diagnostic>& diagnostics);

}  // namespace sb::media
