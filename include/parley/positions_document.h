// The positions document as a typed value: what the positions stage hands to forecast, report,
// serve and export. docs/positions-json.md fixes its JSON form; JSON is only read and written at
// the edges (files, --json, HTTP):
//
//   PositionsDocumentJson()         positions library: typed -> JSON (`parley positions --json`,
//                                   the snapshot's "positions")
//   forecast::ParsePositionsDocument()  forecast library: JSON -> typed (a positions file, a
//                                   snapshot's "positions"), with "source:line:" messages
//   forecast::ProblemFromPositions()    forecast library: typed -> forecast::Problem
//
// A plain value with no library of its own: any stage may include this header.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parley {

enum class CellBasis { kEvidence, kPrior, kOverride };

struct PositionsDocument {
  struct Actor {
    std::string id;
    std::string name;
    double capability = 0;  // 0-100
    std::string role;       // "", "member", "proposer" or "second_chamber" (docs/forecast.md)
  };
  struct Issue {
    std::string id;
    std::string name;
    std::optional<double> status_quo;  // 0-100; the disagreement point of nash
    std::string voting_rule;           // "", "majority" or "unanimity"
    std::optional<bool> second_chamber_veto;
  };
  // One sentence behind a cell. `url` and `title` are filled in snapshots only, where `doc` is
  // the article id instead of its locator.
  struct Evidence {
    std::string doc;
    std::string date;
    std::string outlet;
    std::string text;
    int64_t span_begin = 0;  // code points of `text` in the article
    int64_t span_end = 0;
    std::optional<std::string> url;
    std::optional<std::string> title;
  };
  struct Cell {
    std::string actor;
    std::string issue;
    double position = 0;  // 0-100, rounded to 0.1 by the positions stage
    double low = 0;       // low <= position <= high
    double high = 0;
    double salience = 0;  // 0-100
    CellBasis basis = CellBasis::kEvidence;
    int statements = 0;
    std::string note;
    std::string author;  // who pinned the prior/override, and when; may be empty
    std::string authored_at;
    bool counts_as_evidence = false;
    std::vector<Evidence> evidence;
  };
  struct Shift {
    std::string actor;
    std::string issue;
    double from = 0;
    double to = 0;
    std::string from_date;
    std::string to_date;
    std::string doc;
    std::string text;
  };

  std::string scenario;
  std::string as_of;
  std::vector<Actor> actors;
  std::vector<Issue> issues;
  std::vector<Cell> cells;      // at most one per actor and issue
  std::vector<Shift> timeline;  // forecast ignores it
};

}  // namespace parley
