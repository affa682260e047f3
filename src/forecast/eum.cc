// Bueno de Mesquita's expected-utility model (EUM) in the formulation of Scholz, Calbert and
// Smith (2011), "Unravelling Bueno de Mesquita's group decision model", Journal of Theoretical
// Politics 23(4). Section numbers below refer to that paper.
//
// Notation: x_i position, c_i capability (normalised to sum 1), s_i salience in [0, 1],
// w_i = c_i s_i, d_ij = |x_i - x_j| / range where range is the spread of the initial positions.
//
// One round:
//  1. Probability that i prevails over j from third-party support (sec. 4): every actor k votes
//     for the nearer of the two with strength w_k (|x_k - x_j| - |x_k - x_i|);
//        P_ij = sum of votes for i / sum of |votes|            (0.5 when nobody cares)
//  2. Basic utilities of i towards j with risk exponent r_i (sec. 3):
//        U_s = 2 - 4 (0.5 - 0.5 d_ij)^r_i      i wins the challenge
//        U_f = 2 - 4 (0.5 + 0.5 d_ij)^r_i      i loses it
//        U_sq = 2 - 4 (0.5)^r_i                nothing changes
//  3. Expected utility of i challenging j (sec. 2.2, eq. 1) with Q = 1 (absent a challenge the
//     status quo is expected to persist, so the U_b / U_w terms drop out):
//        E_i(j) = s_j (P_ij U_s + (1 - P_ij) U_f) + (1 - s_j) U_s - U_sq
//  4. Risk attitude from the spread of expected utilities (sec. 5): with r = 1 compute every
//     E; actor i's exposure S_i = sum_j E_j(i) (what others expect from challenging i);
//        R_i = (2 S_i - max_k S_k - min_k S_k) / (max_k S_k - min_k S_k)
//        r_i = (1 - R_i / 3) / (1 + R_i / 3)          (r in [0.5, 2]; r = 1 when all S equal)
//     then recompute steps 2-3 with these r_i.
//  5. Challenges (sec. 6): i challenges j when E_i(j) > 0 (beyond rounding error). Seen from j,
//  with E_j = E_j(i):
//        E_j > 0 and E_i > E_j      conflict, j loses and moves to x_i
//        E_j > 0 and E_i <= E_j     conflict, j wins and stays
//        E_j <= 0, |E_j| < E_i      compromise: j moves to x_j + (x_i - x_j) |E_j / E_i|
//        E_j <= 0, |E_j| >= E_i     capitulation: j moves to x_i
//     Each actor accepts the one outcome that moves it least; all moves happen at once.
// Rounds repeat until stable, or max_rounds. Stable means one of: no actor moves by a tenth of a
// point or more; the predicted outcome (below) has moved less than a tenth of a point in each of
// the last three rounds (compromises otherwise creep on geometrically for dozens of rounds
// without changing the forecast); the positions repeat an earlier round (the challenges cycle). The
// forecast is the capability x salience weighted median of the final positions, BDM's predicted
// outcome; for a cycle, of the positions averaged over the rounds of the cycle.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models.h"

namespace parley::forecast {
namespace {

const double kLogHalf = std::log(0.5);
// Expected utilities within rounding error of zero offer no reason to challenge.
constexpr double kNoGain = 1e-12;

class ExpectedUtilityModel {
 public:
  explicit ExpectedUtilityModel(const IssueView& view)
      : n_(view.positions.size()), positions_(view.positions), salience_(n_), weight_(n_) {
    double capability_total =
        std::accumulate(view.capabilities.begin(), view.capabilities.end(), 0.0);
    // When no actor states any salience, they care alike (as BargainingWeights assumes). Taken
    // literally, salience 0 everywhere makes every challenge look free, and the actors collapse
    // onto one end of the scale whatever their capabilities.
    bool nobody_cares = std::all_of(view.saliences.begin(), view.saliences.end(),
                                    [](double salience) { return salience == 0; });
    for (size_t i = 0; i < n_; ++i) {
      double capability = capability_total > 0 ? view.capabilities[i] / capability_total : 1.0 / n_;
      salience_[i] = nobody_cares ? 1.0 : view.saliences[i] / 100;
      weight_[i] = capability * salience_[i];
    }
    auto [low, high] = std::minmax_element(positions_.begin(), positions_.end());
    range_ = *high - *low;
    win_probability_.assign(n_ * n_, 0.5);
    expected_.assign(n_ * n_, 0);
    risk_.assign(n_, 1);
    half_power_.assign(n_, 0);
    distance_.assign(n_ * n_, 0);
    exposure_.assign(n_, 0);
    next_positions_.assign(n_, 0);
    order_.resize(n_);
    sorted_.resize(n_);
    weight_below_.assign(n_ + 1, 0);
    moment_below_.assign(n_ + 1, 0);
    first_equal_.resize(n_);
    past_equal_.resize(n_);
  }

  double range() const { return range_; }
  const std::vector<double>& positions() const { return positions_; }
  const std::vector<double>& weights() const { return weight_; }

  // Runs one round; returns the largest move. Appends the moves when `moves` is given.
  double Round(int round, std::vector<Move>* moves) {
    Assess(nullptr);
    return ResolveChallenges(round, moves);
  }

  // Steps 1-4 of a round.
  void Assess(EumRoundTrace* trace) {
    ComputeWinProbabilities();
    ComputeRiskExponents(trace);
    ComputeExpectedUtilities();
    if (!trace) return;
    trace->win_probability = win_probability_;
    trace->risk_exponent = risk_;
    trace->expected = expected_;
  }

 private:
  double& Expected(size_t i, size_t j) { return expected_[i * n_ + j]; }

  // Step 1, in O(n^2): with positions sorted and prefix sums of w and w x, the support of each
  // side of a pair a < b is a closed form. Voter k backs a with w_k min(D, 2 (m - x_k)) when
  // x_k < m, where D = x_b - x_a and m = (x_a + x_b) / 2, and b symmetrically. For a fixed a the
  // midpoint only grows with b, so the voters below it are found by a forward sweep.
  void ComputeWinProbabilities() {
    // The work vectors are members so that rounds and Monte Carlo draws reuse their memory.
    std::vector<size_t>& order = order_;
    std::vector<double>& sorted = sorted_;
    std::vector<double>& weight_below = weight_below_;  // sum of w over the first k sorted
    std::vector<double>& moment_below = moment_below_;  // sum of w x over the same
    std::vector<size_t>& first_equal = first_equal_;    // the run of sorted values equal to
    std::vector<size_t>& past_equal = past_equal_;      // sorted[k]: [first_equal, past_equal)
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return positions_[a] < positions_[b]; });
    for (size_t k = 0; k < n_; ++k) {
      size_t actor = order[k];
      sorted[k] = positions_[actor];
      weight_below[k + 1] = weight_below[k] + weight_[actor];
      moment_below[k + 1] = moment_below[k] + weight_[actor] * positions_[actor];
    }
    for (size_t k = 0; k < n_; ++k) {
      first_equal[k] = k > 0 && sorted[k - 1] == sorted[k] ? first_equal[k - 1] : k;
    }
    for (size_t k = n_; k-- > 0;) {
      past_equal[k] = k + 1 < n_ && sorted[k + 1] == sorted[k] ? past_equal[k + 1] : k + 1;
    }
    double total_weight = weight_below[n_];
    for (size_t ra = 0; ra < n_; ++ra) {
      size_t a = order[ra];
      double xa = sorted[ra];
      size_t at_a = past_equal[ra];
      size_t below_middle = at_a;  // voters strictly below the midpoint
      size_t to_middle = at_a;     // voters at or below it
      for (size_t rb = ra + 1; rb < n_; ++rb) {
        size_t b = order[rb];
        double xb = sorted[rb];
        double p_a = 0.5;
        if (xb > xa) {
          double gap = xb - xa;
          double middle = (xa + xb) / 2;
          while (below_middle < n_ && sorted[below_middle] < middle) ++below_middle;
          to_middle = std::max(to_middle, below_middle);
          while (to_middle < n_ && sorted[to_middle] <= middle) ++to_middle;
          size_t below_b = first_equal[rb];
          double support_a = gap * weight_below[at_a] +
                             2 * (middle * (weight_below[below_middle] - weight_below[at_a]) -
                                  (moment_below[below_middle] - moment_below[at_a]));
          double support_b = gap * (total_weight - weight_below[below_b]) +
                             2 * ((moment_below[below_b] - moment_below[to_middle]) -
                                  middle * (weight_below[below_b] - weight_below[to_middle]));
          double total = support_a + support_b;
          if (total > 0) p_a = support_a / total;
        }
        win_probability_[a * n_ + b] = p_a;
        win_probability_[b * n_ + a] = 1 - p_a;
      }
    }
  }

  // Steps 2-3 with the risk exponents of step 4. Writing n_a = (0.5 - 0.5 d)^r_a (near),
  // f_a = (0.5 + 0.5 d)^r_a (far) and h_a = 0.5^r_a, eq. 1 with Q = 1 simplifies to
  //   E_a(b) = 4 ((h_a - n_a) - s_b (1 - P_ab) (f_a - n_a)),
  // and x^r is computed as exp(r log x) with the logarithms shared by both directions of a
  // pair: this pass dominates the model's cost. Actors at one point have E = 0 both ways.
  void ComputeExpectedUtilities() {
    for (size_t i = 0; i < n_; ++i) half_power_[i] = std::exp(risk_[i] * kLogHalf);
    for (size_t i = 0; i < n_; ++i) {
      Expected(i, i) = 0;
      for (size_t j = i + 1; j < n_; ++j) {
        double distance = distance_[i * n_ + j];
        if (distance == 0) {
          Expected(i, j) = Expected(j, i) = 0;
          continue;
        }
        double log_near = std::log(0.5 - 0.5 * distance);  // -inf at distance 1: exp gives 0
        double log_far = std::log(0.5 + 0.5 * distance);
        SetExpected(i, j, log_near, log_far);
        SetExpected(j, i, log_near, log_far);
      }
    }
  }

  void SetExpected(size_t a, size_t b, double log_near, double log_far) {
    double near = std::exp(risk_[a] * log_near);
    double far = std::exp(risk_[a] * log_far);
    double lose_share = salience_[b] * (1 - win_probability_[a * n_ + b]);
    Expected(a, b) = 4 * ((half_power_[a] - near) - lose_share * (far - near));
  }

  // Step 4. With r = 1 the utilities are U_s = 2 d, U_f = -2 d, U_sq = 0, so the risk-neutral
  // E_i(j) = 2 d_ij (1 - 2 s_j (1 - P_ij)) needs no powers.
  void ComputeRiskExponents(EumRoundTrace* trace) {
    if (trace) trace->risk_neutral_expected.assign(n_ * n_, 0);
    std::fill(exposure_.begin(), exposure_.end(), 0.0);
    double inverse_range = 1 / range_;
    for (size_t i = 0; i < n_; ++i) {
      for (size_t j = i + 1; j < n_; ++j) {
        double distance = std::abs(positions_[i] - positions_[j]) * inverse_range;
        distance_[i * n_ + j] = distance;
        double i_on_j = 2 * distance * (1 - 2 * salience_[j] * (1 - win_probability_[i * n_ + j]));
        double j_on_i = 2 * distance * (1 - 2 * salience_[i] * (1 - win_probability_[j * n_ + i]));
        exposure_[j] += i_on_j;
        exposure_[i] += j_on_i;
        if (trace) {
          trace->risk_neutral_expected[i * n_ + j] = i_on_j;
          trace->risk_neutral_expected[j * n_ + i] = j_on_i;
        }
      }
    }
    auto [low, high] = std::minmax_element(exposure_.begin(), exposure_.end());
    double spread = *high - *low;
    for (size_t i = 0; i < n_; ++i) {
      double relative = spread > 0 ? (2 * exposure_[i] - *high - *low) / spread : 0;
      risk_[i] = (1 - relative / 3) / (1 + relative / 3);
    }
  }

  // Step 5.
  double ResolveChallenges(int round, std::vector<Move>* moves) {
    std::vector<double>& next = next_positions_;
    next = positions_;
    double largest = 0;
    double tolerance = range_ * 1e-9;
    for (size_t j = 0; j < n_; ++j) {
      double best_shift = 0;
      bool accepted = false;
      size_t challenger = j;
      MoveReason reason = MoveReason::kCapitulation;
      for (size_t i = 0; i < n_; ++i) {
        if (i == j) continue;
        double attack = Expected(i, j);
        if (attack <= kNoGain) continue;
        double defence = Expected(j, i);
        double shift = positions_[i] - positions_[j];
        MoveReason why;
        if (defence > 0) {
          if (attack <= defence) continue;  // j wins the conflict and stays
          why = MoveReason::kLostChallenge;
        } else if (-defence < attack) {
          shift *= -defence / attack;
          why = MoveReason::kCompromise;
        } else {
          why = MoveReason::kCapitulation;
        }
        if (!accepted || std::abs(shift) < std::abs(best_shift)) {
          accepted = true;
          best_shift = shift;
          challenger = i;
          reason = why;
        }
      }
      if (!accepted || std::abs(best_shift) <= tolerance) continue;
      next[j] = positions_[j] + best_shift;
      largest = std::max(largest, std::abs(best_shift));
      if (moves) {
        moves->push_back({round, static_cast<int>(j), static_cast<int>(challenger), reason,
                          positions_[j], next[j]});
      }
    }
    positions_.swap(next);
    return largest;
  }

  size_t n_;
  std::vector<double> positions_;
  std::vector<double> salience_;
  std::vector<double> weight_;
  double range_ = 0;
  std::vector<double> win_probability_;  // [i * n + j]: P that i prevails over j
  std::vector<double> expected_;         // [i * n + j]: E_i(j)
  std::vector<double> risk_;
  std::vector<double> distance_;        // [i * n + j], i < j: d_ij of this round
  std::vector<double> half_power_;      // 0.5^r of each actor
  std::vector<double> exposure_;        // S_j of step 4
  std::vector<double> next_positions_;  // work space of ResolveChallenges
  std::vector<size_t> order_;           // work space of ComputeWinProbabilities
  std::vector<double> sorted_;
  std::vector<double> weight_below_;
  std::vector<double> moment_below_;
  std::vector<size_t> first_equal_;
  std::vector<size_t> past_equal_;
};

}  // namespace

namespace {

constexpr double kStableShift = 0.1;  // points on the 0-100 scale
constexpr int kStableOutcomeRounds = 3;

// Mean position of each actor over the states history[first..].
std::vector<double> MeanOver(const std::vector<std::vector<double>>& history, size_t first) {
  std::vector<double> mean(history.back().size(), 0);
  for (size_t t = first; t < history.size(); ++t) {
    for (size_t i = 0; i < mean.size(); ++i) mean[i] += history[t][i];
  }
  for (double& value : mean) value /= history.size() - first;
  return mean;
}

}  // namespace

EumRoundTrace TraceEumRound(const IssueView& view) {
  ExpectedUtilityModel model(view);
  EumRoundTrace trace;
  if (model.range() > 0) model.Assess(&trace);
  return trace;
}

ModelRun RunEum(const IssueView& view, int max_rounds, bool record_moves) {
  ExpectedUtilityModel model(view);
  ModelRun run;
  run.final_positions = model.positions();
  std::vector<double> weights = BargainingWeights(view);
  if (model.range() > 0) {
    std::vector<std::vector<double>> history = {model.positions()};
    double outcome = WeightedMedian(model.positions(), weights);
    int quiet_rounds = 0;
    for (int round = 1; round <= max_rounds; ++round) {
      double largest = model.Round(round, record_moves ? &run.moves : nullptr);
      if (largest == 0) break;
      run.rounds = round;
      auto repeat = std::find(history.begin(), history.end(), model.positions());
      if (repeat != history.end()) {
        run.final_positions = MeanOver(history, repeat - history.begin());
        break;
      }
      history.push_back(model.positions());
      run.final_positions = model.positions();
      if (largest < kStableShift) break;
      double next_outcome = WeightedMedian(model.positions(), weights);
      quiet_rounds = std::abs(next_outcome - outcome) < kStableShift ? quiet_rounds + 1 : 0;
      outcome = next_outcome;
      if (quiet_rounds == kStableOutcomeRounds) break;
    }
  }
  run.forecast = WeightedMedian(run.final_positions, weights);
  return run;
}

}  // namespace parley::forecast
