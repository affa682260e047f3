// KTAB's spatial model of politics (SMP), after the KTAB sources (KAPSARC, MIT licence:
// examples/smp/libsrc/smp.cpp, smpbcn.cpp and kmodel/libsrc/kmodel.cpp) and Wise, Lester et
// al., "The KAPSARC Toolkit for Behavioral Analysis (KTAB)". Written afresh here with KTAB's
// default settings: Linear victory probabilities, Proportional voting, Conditional PCE,
// deterministic state transitions, BigRRange Mid, BigRAdjust OneThird, ThirdPartyCommit
// SemiCommit, InterVecBrgn S2P2, bargain model InitOnlyInterp, ideals that track positions.
//
// Scales: positions and saliences are used on [0, 1] (the 0-100 inputs divided by 100),
// capabilities as given. s_i = sum of i's saliences over the dimensions.
//
// One round (one KTAB "turn"):
//  1. Distance as actor i sees it: d_ij = sqrt(sum_k (s_ik (x_ik - x_jk))^2 / sum_k s_ik^2).
//     Utility with risk attitude R: u(d, R) = (1 - d)(1 + d R).
//  2. Risk attitudes: with risk-neutral utilities 1 - d_kj, coalition strength for position a
//     over b is c_ab = 1e-8 + sum_k max(0, cap_k (u_ka - u_kb)); P[a > b] = c_ab / (c_ab + c_ba);
//     P_a = prod_b P[a > b] normalised (conditional PCE); R_a = (3 P_a - (Pmax + 2 Pmin)) /
//     (2 (Pmax - Pmin)). Actor h estimates i's attitude as (2 R_h + R_i) / 3.
//  3. Each actor i picks the target j with the largest expected gain from challenging it
//     (if above 1e-5). The gain, from i's own perspective: the principals vote with weight
//     s cap on their utility difference; each third party n weighs in on the "little contest"
//     of i, j and itself with SemiCommit utilities; P_ij is the coalition share;
//        E = (1 - s_j) 2 + s_j (2 P_ij + (1 - P_ij) 2 u_ij) - (1 + u_ij).
//  4. The bargain i proposes to j, dimension by dimension (S2P2): weights
//     w_i = s_ik^2 P_ij^2, w_j = s_jk^2 (1 - P_ij)^2, both move to the weighted average
//     (each keeping a 1e-6 head start on its own point), rounded to 4 decimals.
//  5. Every actor k chooses among its status quo and every bargain it is party to: all actors
//     vote with weight cap on the mean utility of the state each option would produce
//     (conditional PCE over the options); the most probable option wins, k adopts its side.
// KTAB stops after turn t >= 2 when the summed position change of the turn is below 2% of the
// first turn's (plus 1e-4), or after 100 turns; here also as soon as nothing moves.
// The forecast on each dimension is the capability x salience weighted mean of the final
// positions.
#include <algorithm>
#include <cmath>

#include "models.h"

namespace parley::forecast {
namespace {

constexpr double kMinCoalition = 1e-8;          // kmodel.cpp coalitions()
constexpr double kMinContestCoalition = 1e-10;  // smpbcn.cpp probEduChlg()
constexpr double kMinSignificantGain = 1e-5;    // smpbcn.cpp bestChallenge()
constexpr double kBargainHeadStart = 1e-6;      // smp.cpp interpBrgnSnPm()
constexpr double kStopRatio = 0.02;
constexpr double kStopFloor = 1e-4;
constexpr int kMinTurns = 2;

double Utility(double distance, double risk) { return (1 - distance) * (1 + distance * risk); }

double Round4(double x) { return std::floor(0.5 + x * 10000.0) / 10000.0; }

struct Bargain {
  int initiator;
  int receiver;
  std::vector<double> initiator_position;
  std::vector<double> receiver_position;
};

class SpatialModel {
 public:
  explicit SpatialModel(const std::vector<IssueView>& views)
      : n_(views.front().positions.size()), dims_(views.size()) {
    capability_ = views.front().capabilities;
    position_.assign(n_ * dims_, 0);
    salience_.assign(n_ * dims_, 0);
    total_salience_.assign(n_, 0);
    salience_norm_.assign(n_, 0);
    for (size_t i = 0; i < n_; ++i) {
      for (size_t k = 0; k < dims_; ++k) {
        position_[i * dims_ + k] = views[k].positions[i] / 100;
        double s = views[k].saliences[i] / 100;
        salience_[i * dims_ + k] = s;
        total_salience_[i] += s;
        salience_norm_[i] += s * s;
      }
    }
    distance_.assign(n_ * n_, 0);
    risk_.assign(n_, 0);
  }

  size_t actors() const { return n_; }
  size_t dims() const { return dims_; }
  double Position(size_t i, size_t k) const { return position_[i * dims_ + k]; }
  const std::vector<double>& positions() const { return position_; }

  // One turn; returns the new positions (n x dims, row-major) and the other party of the
  // bargain each actor adopted (-1 for its status quo).
  std::vector<double> Turn(std::vector<int>& partner) {
    ComputeDistances();
    ComputeRiskAttitudes();
    std::vector<std::vector<const Bargain*>> options(n_);
    std::vector<Bargain> bargains;
    bargains.reserve(n_);
    for (size_t i = 0; i < n_; ++i) {
      int target = -1;
      double probability = 0;
      BestChallenge(i, target, probability);
      if (target >= 0) bargains.push_back(Interpolate(i, target, probability));
    }
    // Options of each actor in KTAB's order: the status quo (nullptr), then bargains by
    // initiator index.
    for (size_t k = 0; k < n_; ++k) options[k].push_back(nullptr);
    for (const Bargain& bargain : bargains) {
      options[bargain.initiator].push_back(&bargain);
      options[bargain.receiver].push_back(&bargain);
    }
    std::vector<double> own_sum(n_, 0);  // sum_n u(a; a, n) with a's own risk attitude
    for (size_t a = 0; a < n_; ++a) {
      for (size_t m = 0; m < n_; ++m) own_sum[a] += Utility(Distance(a, m), risk_[a]);
    }
    std::vector<double> next = position_;
    partner.assign(n_, -1);
    for (size_t k = 0; k < n_; ++k) {
      size_t chosen = ChooseOption(options[k], own_sum);
      const Bargain* bargain = options[k][chosen];
      if (!bargain) continue;
      bool initiated = bargain->initiator == static_cast<int>(k);
      const std::vector<double>& adopted =
          initiated ? bargain->initiator_position : bargain->receiver_position;
      std::copy(adopted.begin(), adopted.end(), next.begin() + k * dims_);
      partner[k] = initiated ? bargain->receiver : bargain->initiator;
    }
    return next;
  }

  void SetPositions(std::vector<double> positions) { position_ = std::move(positions); }

 private:
  double Distance(size_t i, size_t j) const { return distance_[i * n_ + j]; }

  // Step 1: salience-weighted RMS distance from i's point of view to a point.
  double DistanceTo(size_t i, const double* point) const {
    if (salience_norm_[i] <= 0) return 0;  // an actor that cares about nothing
    double sum = 0;
    for (size_t k = 0; k < dims_; ++k) {
      double weighted = salience_[i * dims_ + k] * (position_[i * dims_ + k] - point[k]);
      sum += weighted * weighted;
    }
    return std::sqrt(sum / salience_norm_[i]);
  }

  void ComputeDistances() {
    for (size_t i = 0; i < n_; ++i) {
      for (size_t j = 0; j < n_; ++j) {
        distance_[i * n_ + j] = DistanceTo(i, &position_[j * dims_]);
      }
    }
  }

  // Step 2, with the conditional PCE in log space so 80 small factors cannot underflow.
  void ComputeRiskAttitudes() {
    std::vector<double> log_probability(n_, 0);
    for (size_t a = 0; a < n_; ++a) {
      for (size_t b = 0; b < a; ++b) {
        double for_a = kMinCoalition;
        double for_b = kMinCoalition;
        for (size_t k = 0; k < n_; ++k) {
          double vote = capability_[k] * (Distance(k, b) - Distance(k, a));
          if (vote > 0) for_a += vote;
          if (vote < 0) for_b -= vote;
        }
        log_probability[a] += std::log(for_a / (for_a + for_b));
        log_probability[b] += std::log(for_b / (for_a + for_b));
      }
    }
    double top = *std::max_element(log_probability.begin(), log_probability.end());
    std::vector<double> probability(n_);
    double total = 0;
    for (size_t a = 0; a < n_; ++a) total += probability[a] = std::exp(log_probability[a] - top);
    for (double& p : probability) p /= total;
    auto [low, high] = std::minmax_element(probability.begin(), probability.end());
    double spread = *high - *low;
    for (size_t a = 0; a < n_; ++a) {
      risk_[a] = spread > 0 ? (3 * probability[a] - (*high + 2 * *low)) / (2 * spread) : 0;
    }
  }

  // Step 3: i's best target and i's estimate of its chance to prevail against it.
  void BestChallenge(size_t i, int& target, double& probability) const {
    double best_gain = -1;
    for (size_t j = 0; j < n_; ++j) {
      if (j == i) continue;
      double p_ij = 0;
      double gain = ChallengeGain(i, j, p_ij);
      if (gain > kMinSignificantGain && gain > best_gain) {
        best_gain = gain;
        target = static_cast<int>(j);
        probability = p_ij;
      }
    }
  }

  // KTAB's probEduChlg(h = i, k = i, i, j): i's expected gain from challenging j.
  double ChallengeGain(size_t i, size_t j, double& p_ij) const {
    double r_h = risk_[i];
    auto estimated_risk = [&](size_t n) { return (2 * r_h + risk_[n]) / 3; };
    double u_ij = Utility(Distance(i, j), risk_[i]);
    double u_ji = Utility(Distance(j, i), estimated_risk(j));
    double principal_i = total_salience_[i] * capability_[i] * (1 - u_ij);
    double principal_j = total_salience_[j] * capability_[j] * (u_ji - 1);
    double for_i = kMinContestCoalition + std::max(principal_i, 0.0) + std::max(principal_j, 0.0);
    double for_j = kMinContestCoalition + std::max(-principal_i, 0.0) + std::max(-principal_j, 0.0);
    const double base_i = for_i;
    const double base_j = for_j;
    for (size_t n = 0; n < n_; ++n) {
      if (n == i || n == j) continue;
      double weight = total_salience_[n] * capability_[n];
      double r_n = estimated_risk(n);
      double u_ni = Utility(Distance(n, i), r_n);
      double u_nj = Utility(Distance(n, j), r_n);
      // The little contest of i, j and n alone decides how n expects the contest to go.
      double own = weight * (u_ni - u_nj);
      double little_i = base_i + std::max(own, 0.0);
      double little_j = base_j + std::max(-own, 0.0);
      double p_in = little_i / (little_i + little_j);
      double p_jn = 1 - p_in;
      // SemiCommit: n joins the winner's position if it sides with i; u_nn = 1.
      double with_i = p_in * (2 * u_ni + 1) + p_jn * (3 * u_nj);
      double with_j = p_in * (3 * u_ni) + p_jn * (2 * u_nj + 1);
      double vote = weight * (with_i - with_j);
      if (vote > 0) for_i += vote;
      if (vote < 0) for_j -= vote;
    }
    p_ij = for_i / (for_i + for_j);
    double s_j = total_salience_[j];
    double contest = p_ij * 2 + (1 - p_ij) * 2 * u_ij;
    double challenge = (1 - s_j) * 2 + s_j * contest;
    return challenge - (1 + u_ij);
  }

  // Step 4.
  Bargain Interpolate(size_t i, size_t j, double p_ij) const {
    Bargain bargain{static_cast<int>(i), static_cast<int>(j), std::vector<double>(dims_),
                    std::vector<double>(dims_)};
    double p_ji = 1 - p_ij;
    for (size_t k = 0; k < dims_; ++k) {
      double s_i = salience_[i * dims_ + k];
      double s_j = salience_[j * dims_ + k];
      double w_i = s_i * s_i * p_ij * p_ij;
      double w_j = s_j * s_j * p_ji * p_ji;
      double x_i = position_[i * dims_ + k];
      double x_j = position_[j * dims_ + k];
      double total = w_i + kBargainHeadStart + w_j;
      bargain.initiator_position[k] = Round4(((w_i + kBargainHeadStart) * x_i + w_j * x_j) / total);
      bargain.receiver_position[k] = Round4((w_i * x_i + (kBargainHeadStart + w_j) * x_j) / total);
    }
    return bargain;
  }

  // Step 5: index of the option k adopts.
  size_t ChooseOption(const std::vector<const Bargain*>& options,
                      const std::vector<double>& own_sum) const {
    size_t count = options.size();
    if (count == 1) return 0;
    // utility[a * count + m]: n times the mean utility to actor a of the state after option m.
    std::vector<double> utility(n_ * count);
    for (size_t a = 0; a < n_; ++a) {
      for (size_t m = 0; m < count; ++m) {
        const Bargain* bargain = options[m];
        double value = own_sum[a];
        if (bargain) {
          value -= Utility(Distance(a, bargain->initiator), risk_[a]) +
                   Utility(Distance(a, bargain->receiver), risk_[a]);
          value += Utility(DistanceTo(a, bargain->initiator_position.data()), risk_[a]) +
                   Utility(DistanceTo(a, bargain->receiver_position.data()), risk_[a]);
        }
        utility[a * count + m] = value / n_;
      }
    }
    std::vector<double> log_probability(count, 0);
    for (size_t m = 0; m < count; ++m) {
      for (size_t q = 0; q < m; ++q) {
        double for_m = kMinCoalition;
        double for_q = kMinCoalition;
        for (size_t a = 0; a < n_; ++a) {
          double vote = capability_[a] * (utility[a * count + m] - utility[a * count + q]);
          if (vote > 0) for_m += vote;
          if (vote < 0) for_q -= vote;
        }
        log_probability[m] += std::log(for_m / (for_m + for_q));
        log_probability[q] += std::log(for_q / (for_m + for_q));
      }
    }
    // The first most probable option, as KTAB's ndxMaxAbs scans.
    return std::max_element(log_probability.begin(), log_probability.end()) -
           log_probability.begin();
  }

  size_t n_;
  size_t dims_;
  std::vector<double> capability_;
  std::vector<double> position_;  // [i * dims + k], on [0, 1]
  std::vector<double> salience_;  // [i * dims + k], on [0, 1]
  std::vector<double> total_salience_;
  std::vector<double> salience_norm_;  // sum_k s_ik^2
  std::vector<double> distance_;       // [i * n + j] = d_ij
  std::vector<double> risk_;
};

// Sum over actors of the Euclidean distance moved (KTAB's stateDist).
double StateDistance(const std::vector<double>& a, const std::vector<double>& b, size_t dims) {
  double total = 0;
  for (size_t start = 0; start < a.size(); start += dims) {
    double squares = 0;
    for (size_t k = 0; k < dims; ++k)
      squares += (a[start + k] - b[start + k]) * (a[start + k] - b[start + k]);
    total += std::sqrt(squares);
  }
  return total;
}

}  // namespace

std::vector<ModelRun> RunSmp(const std::vector<IssueView>& views, int max_rounds,
                             bool record_moves) {
  SpatialModel model(views);
  size_t n = model.actors();
  size_t dims = model.dims();
  std::vector<ModelRun> runs(dims);
  double first_change = 0;
  int rounds = 0;
  std::vector<int> partner;
  for (int turn = 1; turn <= max_rounds; ++turn) {
    std::vector<double> next = model.Turn(partner);
    double change = StateDistance(next, model.positions(), dims);
    if (change == 0) break;
    if (record_moves) {
      for (size_t i = 0; i < n; ++i) {
        for (size_t k = 0; k < dims; ++k) {
          double from = model.Position(i, k);
          double to = next[i * dims + k];
          if (from == to) continue;
          runs[k].moves.push_back(
              {turn, static_cast<int>(i), partner[i], MoveReason::kBargain, 100 * from, 100 * to});
        }
      }
    }
    model.SetPositions(std::move(next));
    rounds = turn;
    if (turn == 1) first_change = change + kStopFloor;
    if (turn >= kMinTurns && change / first_change < kStopRatio) break;
  }
  for (size_t k = 0; k < dims; ++k) {
    ModelRun& run = runs[k];
    run.rounds = rounds;
    run.final_positions.resize(n);
    for (size_t i = 0; i < n; ++i) run.final_positions[i] = 100 * model.Position(i, k);
    IssueView final_view = views[k];
    final_view.positions = run.final_positions;
    run.forecast = CompromiseForecast(final_view);
  }
  return runs;
}

}  // namespace parley::forecast
