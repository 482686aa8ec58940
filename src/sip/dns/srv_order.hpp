#pragma once
/// @file
/// RFC 2782 ordering of SRV records: priority ascending, weighted random within a priority.

#include <cstdint>
#include <functional>
#include <vector>

#include "sip/dns/types.hpp"

namespace sb::sip::dns {

/// Returns a uniformly distributed integer in [0, upperInclusive]. Injected so tests are
/// deterministic.
using RandomSource = std::function<std::uint32_t(std::uint32_t upperInclusive)>;

/// A RandomSource backed by a Mersenne Twister seeded from std::random_device.
RandomSource defaultRandomSource();

/// Orders `records` for use: lowest priority first; within a priority, repeatedly picks a
/// record with probability proportional to its weight (zero-weight records get a small chance,
/// as RFC 2782 puts them first in the running sum). Records whose target is "." (service
/// explicitly not offered) are dropped.
std::vector<SrvRecord> orderSrv(std::vector<SrvRecord> records, const RandomSource& random);

}  // namespace sb::sip::dns
