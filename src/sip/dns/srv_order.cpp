#include "sip/dns/srv_order.hpp"

#include <algorithm>
#include <memory>
#include <random>

namespace sb::sip::dns {

RandomSource defaultRandomSource() {
  auto engine = std::make_shared<std::mt19937>(std::random_device{}());
  return [engine](std::uint32_t upperInclusive) {
    return std::uniform_int_distribution<std::uint32_t>(0, upperInclusive)(*engine);
  };
}

std::vector<SrvRecord> orderSrv(std::vector<SrvRecord> records, const RandomSource& random) {
  std::erase_if(records, [](const SrvRecord& r) { return r.target == "." || r.target.empty(); });
  // Stable sort keeps wire order inside a priority, which makes the running sums (and so
  // the tests) deterministic for a given random sequence.
  std::stable_sort(records.begin(), records.end(),
                   [](const SrvRecord& a, const SrvRecord& b) { return a.priority < b.priority; });
  std::vector<SrvRecord> ordered;
  ordered.reserve(records.size());
  auto groupBegin = records.begin();
  while (groupBegin != records.end()) {
    auto groupEnd = std::find_if(groupBegin, records.end(), [&](const SrvRecord& r) {
      return r.priority != groupBegin->priority;
    });
    std::vector<SrvRecord> group(groupBegin, groupEnd);
    // RFC 2782: zero-weight records go to the start of the running sum.
    std::stable_partition(group.begin(), group.end(),
                          [](const SrvRecord& r) { return r.weight == 0; });
    while (!group.empty()) {
      std::uint32_t total = 0;
      for (const SrvRecord& r : group)
        total += r.weight;
      std::uint32_t pick = random ? random(total) : 0;
      pick = std::min(pick, total);
      std::uint32_t running = 0;
      auto chosen = group.begin();
      for (auto it = group.begin(); it != group.end(); ++it) {
        running += it->weight;
        if (running >= pick) {
          chosen = it;
          break;
        }
      }
      ordered.push_back(std::move(*chosen));
      group.erase(chosen);
    }
    groupBegin = groupEnd;
  }
  return ordered;
}

}  // namespace sb::sip::dns
