#include "media/rtp/source_filter.hpp"

namespace sb::media {

void SourceFilter::reset(std::optional<Endpoint> expected, Clock::time_point now) {
  expected_ = std::move(expected);
  locked_.reset();
  candidate_.reset();
  sequential_ = 0;
  learnStart_ = now;
  closed_ = false;
}

void SourceFilter::lock(const Endpoint& source) {
  locked_ = source;
  candidate_.reset();
  sequential_ = 0;
}

bool SourceFilter::accept(const Endpoint& source, std::uint16_t sequence, Clock::time_point now) {
  if (!strict_) {
    locked_ = source;
    return true;
  }
  // Learning ends once the window is over, but never without a source to lock onto.
  if (!closed_ && locked_ && now - learnStart_ > learnWindow_) {
    closed_ = true;
  }
  if (locked_ && *locked_ == source) {
    // The current source is alive: a competitor must start its probation over.
    candidate_.reset();
    sequential_ = 0;
    return true;
  }
  if (closed_) {
    return false;
  }
  if (expected_ && *expected_ == source) {
    lock(source);  // the negotiated address is preferred while learning
    return true;
  }
  // Probation, as rtp_learning_rtp_seq_update: a gap or another source restarts it.
  if (candidate_ && *candidate_ == source && sequence == nextSequence_) {
    ++sequential_;
  } else {
    candidate_ = source;
    sequential_ = 1;
  }
  nextSequence_ = std::uint16_t(sequence + 1);
  if (sequential_ < probation_) {
    return false;
  }
  lock(source);
  return true;
}

}  // namespace sb::media
