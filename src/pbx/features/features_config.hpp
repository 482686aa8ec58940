#pragma once
/// @file
/// features.conf: the DTMF codes of the bridge features (Dial's t/T, h/H options) and how
/// transfers made with them behave, with Asterisk's option names and defaults
/// (main/features_config.c).

#include <chrono>
#include <string>
#include <vector>

#include "core/config/config_file.hpp"

namespace sb::pbx {

/// [general] and [featuremap] of features.conf. Defaults are Asterisk's built-in ones (not
/// those of its sample file: blindxfer is "#", disconnect "*", atxfer none).
struct FeaturesConfig {
  // [general]
  std::chrono::milliseconds featureDigitTimeout{1000};     ///< featuredigittimeout
  std::string courtesyTone;                                ///< courtesytone
  std::string recordingFailSound;                          ///< recordingfailsound
  unsigned transferDigitTimeout = 3;                       ///< transferdigittimeout, seconds
  unsigned atxferNoAnswerTimeout = 15;                     ///< atxfernoanswertimeout, seconds
  bool atxferDropCall = false;                             ///< atxferdropcall
  unsigned atxferLoopDelay = 10;                           ///< atxferloopdelay, seconds
  unsigned atxferCallbackRetries = 2;                      ///< atxfercallbackretries
  std::string xferSound = "beep";                          ///< xfersound
  std::string xferFailSound = "beeperr";                   ///< xferfailsound
  std::string atxferAbort = "*1";                          ///< atxferabort
  std::string atxferComplete = "*2";                       ///< atxfercomplete
  std::string atxferThreeway = "*3";                       ///< atxferthreeway
  std::string atxferSwap = "*4";                           ///< atxferswap
  unsigned transferDialAttempts = 3;                       ///< transferdialattempts
  std::string transferRetrySound = "pbx-invalid";          ///< transferretrysound
  std::string transferInvalidSound = "privacy-incorrect";  ///< transferinvalidsound
  std::string transferAnnounceSound = "pbx-transfer";      ///< transferannouncesound
  std::string pickupExten = "*8";                          ///< pickupexten
  std::string pickupSound;                                 ///< pickupsound
  std::string pickupFailSound;                             ///< pickupfailsound
  // [featuremap]
  std::string blindXfer = "#";   ///< blindxfer
  std::string disconnect = "*";  ///< disconnect
  std::string atxfer;            ///< atxfer
  std::string parkCall;          ///< parkcall
  std::string autoMixMon;        ///< automixmon
  std::string autoMon;           ///< automon (gone from Asterisk; kept readable)
};

/// Reads a parsed features.conf. An unknown option, a bad number or a DTMF code with other
/// characters than 0-9, *, #, A-D keeps the default and adds a warning naming the file and
/// line. [applicationmap] and feature groups are not supported: their sections are named in
/// one warning each.
FeaturesConfig parseFeaturesConf(const config::ConfigFile& file,
                                 std::vector<config::Diagnostic>& diagnostics);

/// The `features show` table (Asterisk's layout: builtin features with their default and
/// current codes, then the dynamic features and groups, none here).
std::string formatFeaturesShow(const FeaturesConfig& config);

}  // namespace sb::pbx
