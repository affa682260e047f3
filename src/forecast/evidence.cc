// Whether an issue has the evidence a forecast needs (CheckEvidence in parley/forecast.h).
#include <algorithm>

#include "parley/forecast.h"
#include "text_fields.h"

namespace parley::forecast {
namespace {

constexpr double kMidpoint = 50;

// "UKR (20), EU (80)".
std::string Listed(const Problem& problem, const std::vector<const Stance*>& stances) {
  std::string text;
  for (const Stance* stance : stances) {
    if (!text.empty()) text += ", ";
    text += problem.actors[stance->actor].id + " (" + FormatNumber(stance->position) + ")";
  }
  return text;
}

std::string Missing(const Problem& problem, const std::vector<const Stance*>& evidenced) {
  if (evidenced.empty()) return "no actor has evidence on this issue, expected two on opposite sides";
  bool any_below = std::any_of(evidenced.begin(), evidenced.end(),
                               [](const Stance* s) { return s->position < kMidpoint; });
  bool any_above = std::any_of(evidenced.begin(), evidenced.end(),
                               [](const Stance* s) { return s->position > kMidpoint; });
  std::string side = any_below   ? "needs evidence from an actor at or above 50"
                     : any_above ? "needs evidence from an actor at or below 50"
                                 : "needs evidence from an actor away from 50";
  if (evidenced.size() == 1) return side + "; evidence only from " + Listed(problem, evidenced);
  return side + "; evidence from " + Listed(problem, evidenced);
}

}  // namespace

Result<EvidenceCheck> CheckEvidence(const Problem& problem, int issue_index) {
  if (issue_index < 0 || issue_index >= static_cast<int>(problem.issues.size())) {
    return InvalidInput(AtLine(problem.source, 0,
                               "issue #" + std::to_string(issue_index) +
                                   ", expected an index below " +
                                   std::to_string(problem.issues.size())));
  }
  EvidenceCheck check;
  if (!problem.evidence_known) return check;
  std::vector<const Stance*> evidenced;
  for (const Stance& stance : problem.issues[issue_index].stances) {
    if (stance.evidence) {
      evidenced.push_back(&stance);
    } else {
      check.priors.push_back(stance.actor);
    }
  }
  auto [lowest, highest] = std::minmax_element(
      evidenced.begin(), evidenced.end(),
      [](const Stance* a, const Stance* b) { return a->position < b->position; });
  check.enough = !evidenced.empty() && (*lowest)->position <= kMidpoint &&
                 (*highest)->position >= kMidpoint && (*lowest)->position < (*highest)->position;
  if (!check.enough) check.missing = Missing(problem, evidenced);
  return check;
}

}  // namespace parley::forecast
