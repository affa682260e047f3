// The one-shot models: compromise, median voter and Nash bargaining.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models.h"

namespace parley::forecast {

double CompromiseForecast(const IssueView& view) {
  std::vector<double> weights = BargainingWeights(view);
  double weighted_sum = 0;
  double total = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    weighted_sum += weights[i] * view.positions[i];
    total += weights[i];
  }
  return weighted_sum / total;
}

double WeightedMedian(const std::vector<double>& positions, const std::vector<double>& weights) {
  std::vector<size_t> order(positions.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return positions[a] < positions[b]; });
  double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double half = total / 2;
  // Relative tolerance so that e.g. three equal weights of 1/3 still split exactly in half.
  double tolerance = total * 1e-12;
  double cumulative = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    cumulative += weights[order[k]];
    if (cumulative < half - tolerance) continue;
    if (cumulative <= half + tolerance && k + 1 < order.size()) {
      // Exactly half the weight lies at or below this position: any point up to the next
      // weighted position is a median; take the midpoint.
      size_t next = k + 1;
      while (next + 1 < order.size() && weights[order[next]] == 0) ++next;
      return (positions[order[k]] + positions[order[next]]) / 2;
    }
    return positions[order[k]];
  }
  return positions[order.back()];
}

double MedianForecast(const IssueView& view) {
  return WeightedMedian(view.positions, BargainingWeights(view));
}

namespace {

// d/dx sum_i w_i log(g_i(x)) for the quadratic gains of NashForecast; strictly decreasing on the
// feasible interval because each log(g_i) is concave there.
double NashSlope(const IssueView& view, const std::vector<double>& weights,
                 const std::vector<double>& reach, double x) {
  double slope = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] == 0) continue;
    double offset = x - view.positions[i];
    double gain = reach[i] * reach[i] - offset * offset;
    slope += weights[i] * (-2 * offset) / gain;
  }
  return slope;
}

}  // namespace

double NashForecast(const IssueView& view) {
  std::vector<double> weights = BargainingWeights(view);
  size_t n = weights.size();
  // reach[i] = |d - p_i|: actor i gains from any x closer to p_i than that.
  std::vector<double> reach(n);
  double low = 0;
  double high = 100;
  for (size_t i = 0; i < n; ++i) {
    double p = view.positions[i];
    reach[i] = view.status_quo ? std::abs(*view.status_quo - p) : std::max(p, 100 - p);
    if (weights[i] == 0) continue;
    low = std::max(low, p - reach[i]);
    high = std::min(high, p + reach[i]);
  }
  // Everyone at one point: that point is every actor's best outcome, and it is exact.
  auto [lowest, highest] = std::minmax_element(view.positions.begin(), view.positions.end());
  if (*lowest == *highest) return *lowest;
  if (!(low < high)) return view.status_quo.value_or(CompromiseForecast(view));
  // Bisection on the slope: the maximiser is where it crosses zero. 200 halvings of a
  // <= 100-point interval reach double precision.
  double left = low;
  double right = high;
  for (int step = 0; step < 200 && right - left > 1e-12; ++step) {
    double middle = (left + right) / 2;
    if (middle <= low || middle >= high) break;
    if (NashSlope(view, weights, reach, middle) > 0) {
      left = middle;
    } else {
      right = middle;
    }
  }
  return (left + right) / 2;
}

}  // namespace parley::forecast
