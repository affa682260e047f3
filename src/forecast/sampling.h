// Random draws for the Monte Carlo forecast. Each sample has its own generator seeded from
// (seed, sample index), so a sample's draws never depend on which thread ran the others.
#pragma once

#include <cstdint>

#include "problem_util.h"

namespace parley::forecast {

// SplitMix64 (Steele, Lea & Flood 2014): small, fast, and good enough to seed per-sample streams.
class SampleRandom {
 public:
  SampleRandom(uint64_t seed, uint64_t sample);
  uint64_t Next();
  double Uniform();  // [0, 1)
  // Triangular on [low, high] with the given mode (Devroye 1986, inversion).
  double Triangular(double low, double mode, double high);

 private:
  uint64_t state_;
};

// Fills `out` (same shape as `view`) with one draw: positions with a range are triangular on
// [low, high] around the position; other positions and all saliences move uniformly within
// +-jitter points (clamped to 0-100); capabilities within +-jitter percent.
void DrawInputs(const IssueView& view, double jitter, SampleRandom& random, IssueView& out);

}  // namespace parley::forecast
