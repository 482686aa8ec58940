#include "pbx/features/feature_matcher.hpp"

#include <utility>

namespace sb::pbx {

FeatureMatcher::FeatureMatcher(std::vector<Code> codes) {
  for (auto& code : codes) {
    if (!code.digits.empty()) {
      codes_.push_back(std::move(code));
    }
  }
}

FeatureMatcher::Step FeatureMatcher::feed(char digit) {
  collected_ += digit;
  const Code* exact = nullptr;
  bool longer = false;
  for (const auto& code : codes_) {
    if (code.digits == collected_) {
      exact = exact ? exact : &code;
    } else if (code.digits.starts_with(collected_)) {
      longer = true;
    }
  }
  if (exact && !longer) {
    collected_.clear();
    return {Outcome::Trigger, exact->feature, {}};
  }
  if (exact || longer) {
    return {Outcome::Withhold, {}, {}};
  }
  return {Outcome::Pass, {}, std::exchange(collected_, {})};
}

FeatureMatcher::Step FeatureMatcher::timeout() {
  for (const auto& code : codes_) {
    if (code.digits == collected_) {
      collected_.clear();
      return {Outcome::Trigger, code.feature, {}};
    }
  }
  return {Outcome::Pass, {}, std::exchange(collected_, {})};
}

}  // namespace sb::pbx
