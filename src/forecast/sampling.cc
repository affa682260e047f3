#include "sampling.h"

#include <algorithm>
#include <cmath>

namespace parley::forecast {

SampleRandom::SampleRandom(uint64_t seed, uint64_t sample)
    : state_(seed * 0x9E3779B97F4A7C15ull ^ (sample + 1) * 0xD1B54A32D192ED03ull) {
  Next();  // decorrelate neighbouring seeds
}

uint64_t SampleRandom::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

double SampleRandom::Uniform() { return (Next() >> 11) * 0x1.0p-53; }

double SampleRandom::Triangular(double low, double mode, double high) {
  double u = Uniform();
  double width = high - low;
  if (width <= 0) return mode;
  double split = (mode - low) / width;
  if (u < split) return low + std::sqrt(u * width * (mode - low));
  return high - std::sqrt((1 - u) * width * (high - mode));
}

void DrawInputs(const IssueView& view, double jitter, SampleRandom& random, IssueView& out) {
  auto jittered = [&](double value) {
    return std::clamp(value + (2 * random.Uniform() - 1) * jitter, 0.0, 100.0);
  };
  for (size_t i = 0; i < view.positions.size(); ++i) {
    double low = view.position_lows[i];
    double high = view.position_highs[i];
    out.positions[i] = high > low   ? random.Triangular(low, view.positions[i], high)
                       : jitter > 0 ? jittered(view.positions[i])
                                    : view.positions[i];
    if (jitter > 0) {
      out.saliences[i] = jittered(view.saliences[i]);
      out.capabilities[i] =
          view.capabilities[i] * std::max(0.0, 1 + (2 * random.Uniform() - 1) * jitter / 100);
    }
  }
}

}  // namespace parley::forecast
