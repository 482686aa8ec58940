#pragma once
/// @file
/// Recognises DTMF feature codes in the digits a bridged channel dials, as Asterisk's bridge
/// does (bridge_channel.c, ast_bridge_channel_feature_digit): digits that may begin a code
/// are held back; when they can no longer become one they are passed on together; a code
/// that is also the beginning of a longer one fires when the digit timeout runs out.

#include <string>
#include <vector>

namespace sb::pbx {

class FeatureMatcher {
 public:
  /// A feature and the digits that start it.
  struct Code {
    std::string feature;
    std::string digits;
  };
  enum class Outcome {
    Withhold,  ///< the digits so far may still become a code: wait (digit timeout)
    Pass,      ///< `digits` cannot become a code: hand them on
    Trigger,   ///< `feature` was dialled
  };
  struct Step {
    Outcome outcome = Outcome::Pass;
    std::string feature;  ///< Trigger
    std::string digits;   ///< Pass: every digit held back, in order, the last one included
  };

  /// Codes with no digits are left out (a feature without a code cannot be dialled).
  explicit FeatureMatcher(std::vector<Code> codes);

  /// One more dialled digit.
  Step feed(char digit);
  /// The feature digit timeout ran out: a complete code fires, anything else passes.
  Step timeout();
  /// Digits are being held back (a timeout is due).
  bool pending() const { return !collected_.empty(); }
  bool empty() const { return codes_.empty(); }

 private:
  std::vector<Code> codes_;
  std::string collected_;
};

}  // namespace sb::pbx
