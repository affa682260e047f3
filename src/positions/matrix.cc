// The actor x issue matrix. Each cell is a weighted mean of its statements:
//   weight = confidence x 2^(-age / half_life)
// Statements of one story that agree (MarkCorroboration) count once, their confidences joined
// as independent reports: 1 - prod(1 - c) (noisy-OR, Pearl 1988, ch. 4.3).
// The range is the mean +/- sqrt(dispersion + s0^2 / n_eff): the weighted spread of the
// evidence plus the uncertainty of a mean of n_eff effective statements (Kish 1965 effective
// sample size, n_eff = (sum w)^2 / sum w^2), with s0 = base_spread x (1 - mean confidence / 2).
// Exponential decay lets every sum be carried forward in time, so the timeline is one pass.
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "internal.h"

namespace parley {
namespace {

using positions_internal::DayNumber;

// How strongly a kind of statement shows that the issue matters to the actor.
double KindStrength(StanceKind kind) {
  switch (kind) {
    case StanceKind::kDemand:
    case StanceKind::kReject:
    case StanceKind::kCondition:
      return 1.0;
    case StanceKind::kConcede:
    case StanceKind::kOffer:
    case StanceKind::kPropose:
    case StanceKind::kOppose:
      return 0.8;
    case StanceKind::kSupport:
    case StanceKind::kAccept:
      return 0.6;
  }
  return 0.6;
}

// Statements of one story that say the same thing, counted once.
struct Unit {
  std::vector<const Statement*> members;
  double position = 0;
  double confidence = 0;
  double strength = 0;
  int64_t day = 0;
};

using positions_internal::CellSums;
using positions_internal::CellTrace;

void DecayTo(CellSums& sums, int64_t to_day, const PositionOptions& options) {
  const double days = static_cast<double>(to_day - sums.day);
  const double factor = std::exp2(-days / options.half_life_days);
  sums.w *= factor;
  sums.wp *= factor;
  sums.wpp *= factor;
  sums.ww *= factor * factor;
  sums.wc *= factor;
  sums.salience *= std::exp2(-days / options.salience_half_life_days);
  sums.day = to_day;
}

void Add(CellSums& sums, const Unit& unit) {
  const double weight = unit.confidence;
  sums.w += weight;
  sums.wp += weight * unit.position;
  sums.wpp += weight * unit.position * unit.position;
  sums.ww += weight * weight;
  sums.wc += weight * unit.confidence;
  sums.salience += unit.confidence * unit.strength;
}

double Mean(const CellSums& sums) { return sums.wp / sums.w; }

double HalfWidth(const CellSums& sums, double base_spread) {
  const double mean = Mean(sums);
  const double dispersion = std::max(0.0, sums.wpp / sums.w - mean * mean);
  const double effective = sums.w * sums.w / sums.ww;
  const double mean_confidence = sums.wc / sums.w;
  const double s0 = base_spread * (1 - mean_confidence / 2);
  return std::sqrt(dispersion + s0 * s0 / effective);
}

std::vector<Unit> Units(const std::vector<const Statement*>& statements, int64_t as_of_day) {
  std::vector<Unit> units;
  // The units of each story, in order of creation: a statement joins the first that holds one
  // of its sources.
  std::unordered_map<int, std::vector<size_t>> units_of_story;
  for (const Statement* statement : statements) {
    const int64_t day = DayNumber(statement->date).value_or(as_of_day);
    Unit* same = nullptr;
    if (statement->story >= 0) {
      for (size_t candidate : units_of_story[statement->story]) {
        const Unit& unit = units[candidate];
        const bool shares_a_source = std::any_of(
            statement->sources.begin(), statement->sources.end(),
            [&](const StatementSource& source) {
              return std::any_of(unit.members.begin(), unit.members.end(),
                                 [&](const Statement* member) { return member->doc == source.doc; });
            });
        if (shares_a_source) {
          same = &units[candidate];
          break;
        }
      }
    }
    if (same == nullptr) {
      if (statement->story >= 0) units_of_story[statement->story].push_back(units.size());
      units.push_back({{statement},
                       statement->position,
                       statement->confidence,
                       KindStrength(statement->kind),
                       day});
      continue;
    }
    Unit& unit = *same;
    const double total = unit.confidence + statement->confidence;
    unit.position =
        (unit.position * unit.confidence + statement->position * statement->confidence) / total;
    unit.confidence = 1 - (1 - unit.confidence) * (1 - statement->confidence);
    unit.strength = std::max(unit.strength, KindStrength(statement->kind));
    unit.day = std::max(unit.day, day);
    unit.members.push_back(statement);
  }
  std::stable_sort(units.begin(), units.end(),
                   [](const Unit& a, const Unit& b) { return a.day < b.day; });
  return units;
}

std::string DateOf(int64_t day) {
  // Inverse of DayNumber: Hinnant's civil_from_days.
  day += 719468;
  const int64_t era = (day >= 0 ? day : day - 146096) / 146097;
  const int64_t day_of_era = day - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int64_t d = day_of_year - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = year_of_era + era * 400 + (m <= 2);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return buffer;
}

double Clamp(double value) { return std::clamp(value, 0.0, 100.0); }

const Statement* Strongest(const Unit& unit) {
  return *std::max_element(
      unit.members.begin(), unit.members.end(),
      [](const Statement* a, const Statement* b) { return a->confidence < b->confidence; });
}

}  // namespace

std::string_view CellBasisName(CellBasis basis) {
  switch (basis) {
    case CellBasis::kEvidence:
      return "evidence";
    case CellBasis::kPrior:
      return "prior";
    case CellBasis::kOverride:
      return "override";
  }
  return "evidence";
}

namespace positions_internal {

CellTrace TraceCell(const std::string& actor, const std::string& issue,
                    const std::vector<const Statement*>& statements, int64_t as_of_day,
                    const PositionOptions& options) {
  CellTrace trace;
  const std::vector<Unit> units = Units(statements, as_of_day);
  trace.units = static_cast<int>(units.size());
  trace.sums.day = units.front().day;
  double reported = -1;
  int64_t reported_day = 0;
  for (const Unit& unit : units) {
    DecayTo(trace.sums, unit.day, options);
    const double noise = trace.sums.w > 0 ? HalfWidth(trace.sums, options.base_spread) : 0;
    Add(trace.sums, unit);
    const double after = Mean(trace.sums);
    if (reported < 0 || unit.day == reported_day) {
      // Statements of the first day set the starting point.
      reported = after;
      reported_day = unit.day;
      continue;
    }
    if (std::fabs(after - reported) > std::max(options.min_shift, noise)) {
      trace.shifts.push_back(
          {actor, issue, reported, after, DateOf(reported_day), DateOf(unit.day), Strongest(unit)});
      reported = after;
      reported_day = unit.day;
    }
  }
  // Strongest first: confidence times the recency weight the cell gives it, compared as
  // logarithms so that the order does not depend on as_of.
  std::vector<std::pair<double, const Statement*>> ranked;
  for (const Statement* statement : statements) {
    const std::optional<int64_t> day = DayNumber(statement->date);
    if (!day) trace.undated = true;
    ranked.push_back({std::log2(statement->confidence) +
                          static_cast<double>(day.value_or(as_of_day)) / options.half_life_days,
                      statement});
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  // One sentence may place the actor twice on the issue ("will not cede Donbas, but would
  // freeze the line"); it is listed once, at its strongest.
  for (const auto& entry : ranked) {
    const Statement* statement = entry.second;
    const bool seen =
        std::any_of(trace.evidence.begin(), trace.evidence.end(), [&](const Statement* other) {
          return other->doc == statement->doc && other->span == statement->span;
        });
    if (!seen) trace.evidence.push_back(statement);
    if (static_cast<int>(trace.evidence.size()) == options.max_evidence) break;
  }
  return trace;
}

void FinishCell(const CellTrace& trace, int64_t as_of_day, const PositionOptions& options,
                PositionCell& cell) {
  CellSums sums = trace.sums;
  DecayTo(sums, as_of_day, options);
  cell.position = Clamp(Mean(sums));
  const double half = HalfWidth(sums, options.base_spread);
  cell.low = Clamp(cell.position - half);
  cell.high = Clamp(cell.position + half);
  // Saturating: one strong, fresh statement gives about 50, three give about 85.
  cell.salience = 100 * (1 - std::exp(-sums.salience / 1.5));
  cell.statements = trace.units;
  cell.evidence = trace.evidence;
}

bool PinCell(const Scenario& scenario, bool has_evidence, const PositionOptions& options,
             PositionCell& cell) {
  auto pinned = [&](const std::vector<PinnedPosition>& list) -> const PinnedPosition* {
    for (const PinnedPosition& entry : list) {
      if (entry.actor == cell.actor && entry.issue == cell.issue) return &entry;
    }
    return nullptr;
  };
  const PinnedPosition* override_entry = pinned(scenario.overrides);
  const PinnedPosition* prior = has_evidence ? nullptr : pinned(scenario.priors);
  const PinnedPosition* use = override_entry != nullptr ? override_entry : prior;
  if (use == nullptr) return has_evidence;
  cell.basis = override_entry != nullptr ? CellBasis::kOverride : CellBasis::kPrior;
  cell.position = use->position;
  cell.low = use->low.value_or(Clamp(use->position - options.base_spread));
  cell.high = use->high.value_or(Clamp(use->position + options.base_spread));
  cell.note = use->note;
  cell.author = use->author;
  cell.authored_at = use->authored_at;
  cell.counts_as_evidence = use->counts_as_evidence;
  if (use->salience) {
    cell.salience = *use->salience;
  } else if (!has_evidence) {
    cell.salience = kPinnedSalience;
  }
  return true;
}

}  // namespace positions_internal

PositionMatrix BuildPositions(const Scenario& scenario, const std::vector<Statement>& statements,
                              const PositionOptions& options) {
  PositionMatrix matrix;
  matrix.scenario = scenario.id;
  matrix.as_of = options.as_of.substr(0, std::min<size_t>(10, options.as_of.size()));
  if (matrix.as_of.empty()) {
    for (const Statement& statement : statements) {
      if (DayNumber(statement.date) && statement.date > matrix.as_of) matrix.as_of = statement.date;
    }
  }
  const int64_t as_of_day = DayNumber(matrix.as_of).value_or(0);
  std::map<std::pair<int, int>, std::vector<const Statement*>> by_cell;
  for (const Statement& statement : statements) {
    const int actor = scenario.ActorIndex(statement.actor);
    const int issue = scenario.IssueIndex(statement.issue);
    if (actor < 0 || issue < 0) continue;
    if (DayNumber(statement.date).value_or(as_of_day) > as_of_day) continue;
    by_cell[{actor, issue}].push_back(&statement);
  }
  for (size_t a = 0; a < scenario.actors.size(); ++a) {
    for (size_t i = 0; i < scenario.issues.size(); ++i) {
      PositionCell cell;
      cell.actor = scenario.actors[a].id;
      cell.issue = scenario.issues[i].id;
      auto found = by_cell.find({static_cast<int>(a), static_cast<int>(i)});
      const bool has_evidence = found != by_cell.end();
      if (has_evidence) {
        CellTrace trace =
            positions_internal::TraceCell(cell.actor, cell.issue, found->second, as_of_day, options);
        positions_internal::FinishCell(trace, as_of_day, options, cell);
        for (PositionShift& shift : trace.shifts) matrix.timeline.push_back(std::move(shift));
      }
      if (positions_internal::PinCell(scenario, has_evidence, options, cell)) {
        matrix.cells.push_back(std::move(cell));
      }
    }
  }
  std::stable_sort(
      matrix.timeline.begin(), matrix.timeline.end(),
      [](const PositionShift& a, const PositionShift& b) { return a.to_date < b.to_date; });
  return matrix;
}

}  // namespace parley
