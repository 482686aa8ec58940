#pragma once
/// @file
/// The single objects of pjsip.conf: `type=system` (stack timers and threads) and
/// `type=global` (server-wide SIP behaviour). Asterisk's options and defaults.

#include <memory>
#include <string>
#include <vector>

#include "core/store/object_type.hpp"

namespace sb::modules::res_pjsip {

struct SystemConfig : store::Object {
  unsigned timerT1 = 500;   ///< ms
  unsigned timerB = 32000;  ///< ms
  bool compactHeaders = false;
  unsigned threadpoolInitialSize = 0;
  unsigned threadpoolAutoIncrement = 5;
  unsigned threadpoolIdleTimeout = 60;
  unsigned threadpoolMaxSize = 50;
  bool disableTcpSwitch = true;
  bool disableRport = false;
  bool followEarlyMediaFork = true;
  bool acceptMultipleSdpAnswers = false;
  // Bounds on what peers can make us hold (Switchboard's own options).
  unsigned maxMessageSize = 65535;  ///< bytes
  unsigned maxHeaders = 256;
  unsigned maxLineLength = 8192;  ///< bytes
  unsigned streamMaxConnections = 8192;
  unsigned streamMaxConnectionsPerSource = 64;
  unsigned streamFirstMessageTimeout = 32000;  ///< ms
  unsigned streamIdleTimeout = 900;            ///< s
};

struct GlobalConfig : store::Object {
  unsigned maxForwards = 70;
  std::string userAgent;
  std::string defaultOutboundEndpoint = "default_outbound_endpoint";
  std::vector<std::string> endpointIdentifierOrder;
  unsigned keepAliveInterval = 90;
  unsigned contactExpirationCheckInterval = 30;
  unsigned maxInitialQualifyTime = 0;
  std::string defaultRealm = "asterisk";
  std::string defaultFromUser = "asterisk";
  std::string defaultVoicemailExtension;
  std::string regcontext;
  std::string debug = "no";
  bool disableMultiDomain = false;
  unsigned unidentifiedRequestCount = 5;
  unsigned unidentifiedRequestPeriod = 5;
  unsigned unidentifiedRequestPruneInterval = 30;
  bool ignoreUriUserOptions = false;
  bool useCalleridContact = false;
  bool sendContactStatusOnUpdateRegistration = false;
  bool norefersub = true;
  bool allowSending180After183 = false;
  bool allCodecsOnEmptyReinvite = false;
  unsigned mwiTpsQueueHigh = 500;
  int mwiTpsQueueLow = -1;
  bool mwiDisableInitialUnsolicited = false;
  std::vector<std::string> defaultAuthAlgorithmsUas;
  std::vector<std::string> defaultAuthAlgorithmsUac;
};

std::shared_ptr<const store::ObjectTypeBase> systemType();
std::shared_ptr<const store::ObjectTypeBase> globalType();

/// "Switchboard <version>" unless user_agent is set.
std::string defaultUserAgent();

}  // namespace sb::modules::res_pjsip
