// Fidelity of `smp` to KTAB: final actor positions on SOE-Pol-Comp (13 actors, 2 dimensions)
// against KTAB's reference log 20170530_ref-SOE-Pol-Comp.txt, whose "Position" history lines
// end with each actor's final coordinate. Bar: every difference within 2 points.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "parley/forecast.h"

namespace fc = parley::forecast;

namespace {

std::string DataDir() {
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  return env ? env : std::string(PARLEY_SOURCE_DIR) + "/../shared/data";
}

// (actor, dimension name) -> last value of the history line, and the number of turns listed.
std::map<std::pair<std::string, std::string>, double> ReferencePositions(std::istream& log,
                                                                         int& states) {
  std::map<std::pair<std::string, std::string>, double> final_positions;
  std::string line;
  while (std::getline(log, line)) {
    size_t comma = line.find(", ");
    size_t colon = line.find(" Position:");
    if (comma == std::string::npos || colon == std::string::npos || comma > colon) continue;
    std::string actor = line.substr(0, comma);
    std::string dimension = line.substr(comma + 2, colon - comma - 2) + " Position";
    std::istringstream values(line.substr(colon + 10));
    double value = 0;
    int count = 0;
    double last = NAN;
    while (values >> value) {
      last = value;
      ++count;
    }
    if (count == 0 || actor.find(' ') != std::string::npos) continue;
    final_positions[{actor, dimension}] = last;
    states = count;
  }
  return final_positions;
}

}  // namespace

int main() {
  std::string folder = DataDir() + "/forecast/ktab/";
  std::ifstream csv(folder + "SOE-Pol-Comp.csv");
  std::ifstream log(folder + "20170530_ref-SOE-Pol-Comp.txt");
  if (!csv || !log) {
    std::printf("forecast_ktab_bench: KTAB files not found in %s, skipped\n", folder.c_str());
    return 0;
  }
  std::stringstream text;
  text << csv.rdbuf();
  auto problem = fc::ParseKtabCsv(text.str(), "SOE-Pol-Comp.csv");
  if (!problem.ok()) {
    std::fprintf(stderr, "%s\n", problem.status().message().c_str());
    return 1;
  }
  int states = 0;
  auto reference = ReferencePositions(log, states);
  auto forecasts = fc::Forecast(*problem, fc::Model::kSmp, {});
  if (!forecasts.ok()) {
    std::fprintf(stderr, "%s\n", forecasts.status().message().c_str());
    return 1;
  }
  std::printf("smp vs KTAB on SOE-Pol-Comp: KTAB %d states (%d turns), parley %d turns\n", states,
              states - 1, forecasts->front().rounds);
  std::printf("%-5s %-22s %8s %8s %6s\n", "actor", "dimension", "KTAB", "parley", "diff");
  double worst = 0;
  int compared = 0;
  for (const fc::IssueForecast& forecast : *forecasts) {
    for (const auto& [actor, position] : forecast.final_positions) {
      const std::string& id = problem->actors[actor].id;
      auto it = reference.find({id, forecast.issue});
      if (it == reference.end()) continue;
      double diff = position - it->second;
      worst = std::max(worst, std::abs(diff));
      ++compared;
      std::printf("%-5s %-22s %8.1f %8.2f %+6.2f\n", id.c_str(), forecast.issue.c_str(), it->second,
                  position, diff);
    }
  }
  std::printf(
      "compared %d coordinates; largest difference %.2f points (bar: 2; KTAB logs one "
      "decimal)\n",
      compared, worst);
  return 0;
}
