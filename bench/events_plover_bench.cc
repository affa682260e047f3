// Event coding benchmark on the PLOVER gold standard records (openeventdata/PLOVER): one
// sentence each, with its PLOVER category and gold source and target actor codes.
//
// Metric (../shared/data/README.md): per sentence, category right when some predicted event
// has the gold category; category + source when such an event's source shares the gold
// source's 3-letter prefix; triple when its target does too (where the gold has a target);
// precision over all predicted events. Negated events and those only possible or required
// are not predictions that an event happened.
//
// The records are split, fixed, into a tuning and a validation part: within each category,
// records sorted by id, every third one (index % 3 == 2) is validation. Tune on the first;
// a change that helps it and not the second fits sentences.
//
// Usage: events_plover_bench [plover-gsr-dev.json]
//   default $PARLEY_SHARED_DATA/events/plover-gsr-dev.json; PARLEY_BENCH_VERBOSE=1 lists the
//   tuning part's sentences with their predictions (never the validation part's).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/extract.h"

namespace {

struct Record {
  std::string id, category, date, text;
  std::vector<std::string> sources, targets;  // 3-letter code prefixes
  std::vector<std::string> source_sectors;
};

std::string SharedData() {
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  return env != nullptr ? env : PARLEY_SOURCE_DIR "/../shared/data";
}

// Gold lists actors as an array of {actorText, code}, or as "" when there is none.
std::vector<std::string> Codes(const nlohmann::json& actors, const char* field) {
  std::vector<std::string> codes;
  if (!actors.is_array()) return codes;
  for (const auto& actor : actors) {
    if (actor.is_object() && actor.contains(field) && actor[field].is_string()) {
      codes.push_back(actor[field].get<std::string>().substr(0, 3));
    }
  }
  return codes;
}

std::vector<Record> ParseRecords(const nlohmann::json& all) {
  std::vector<Record> records;
  for (const auto& item : all) {
    if (!item.contains("text") || !item["text"].is_string()) continue;  // the DOCUMENT record
    Record record;
    record.id = item.value("id", "");
    record.category = item.value("event", "");
    record.date = item.value("date", "");
    record.text = item["text"].get<std::string>();
    // Some records wrap the sentence in braces: markup of the gold, not of the text.
    if (record.text.size() >= 2 && record.text.front() == '{' && record.text.back() == '}') {
      record.text = record.text.substr(1, record.text.size() - 2);
    }
    record.sources = Codes(item.value("source", nlohmann::json()), "code");
    record.targets = Codes(item.value("target", nlohmann::json()), "code");
    records.push_back(std::move(record));
  }
  std::sort(records.begin(), records.end(),
            [](const Record& a, const Record& b) { return a.id < b.id; });
  return records;
}

// CAMEO writes a few states with codes of its own, and any intergovernmental body as IGO.
bool SameCode(const std::string& gold, const parley::EventParticipant& predicted) {
  static const std::map<std::string, std::string> kCameoOwn = {{"JAP", "JPN"}, {"ITL", "ITA"}};
  if (gold == "IGO") return predicted.sector == "IGO" || predicted.actor.rfind("IGO", 0) == 0;
  const auto own = kCameoOwn.find(gold);
  const std::string code = own != kCameoOwn.end() ? own->second : gold;
  return !predicted.actor.empty() && code == predicted.actor.substr(0, 3);
}

bool AnyCode(const std::vector<std::string>& gold, const parley::EventParticipant& predicted) {
  return std::any_of(gold.begin(), gold.end(),
                     [&](const std::string& code) { return SameCode(code, predicted); });
}

struct Tally {
  int sentences = 0, category = 0, source = 0, triple = 0, predicted = 0, predicted_right = 0;
  int silent = 0;  // sentences without any predicted event
  std::map<std::string, std::pair<int, int>> per_category;  // gold category -> (right, total)

  void Print(const char* name) const {
    auto share = [](int n, int d) { return d > 0 ? double(n) / d : 0.0; };
    std::printf("== %s: %d sentences, %d predicted events, %d sentences with none\n", name,
                sentences, predicted, silent);
    std::printf("  category %.3f (%d)  category+source %.3f (%d)  triple %.3f (%d)  "
                "precision %.3f (%d/%d)\n",
                share(category, sentences), category, share(source, sentences), source,
                share(triple, sentences), triple, share(predicted_right, predicted),
                predicted_right, predicted);
    std::printf("  per category (right/gold):");
    for (const auto& [cat, counts] : per_category) {
      std::printf(" %s %d/%d", cat.c_str(), counts.first, counts.second);
    }
    std::printf("\n");
  }
};

bool IsPrediction(const parley::Event& event) {
  return !event.negated && event.modality != parley::Modality::kPossible &&
         event.modality != parley::Modality::kRequired;
}

void Score(const Record& record, const parley::Analysis& analysis, Tally& tally, bool verbose) {
  bool category = false, source = false, triple = false, any = false;
  for (const parley::Event& event : analysis.events) {
    if (!IsPrediction(event)) continue;
    any = true;
    ++tally.predicted;
    const bool right = event.category == record.category;
    tally.predicted_right += right;
    if (right) {
      category = true;
      const bool source_right = AnyCode(record.sources, event.source);
      source |= source_right;
      triple |= source_right && (record.targets.empty() || AnyCode(record.targets, event.target));
    }
    if (verbose) {
      std::printf("  %s %s %s->%s (%s)\n", right ? "ok " : "BAD", event.category.c_str(),
                  event.source.actor.c_str(), event.target.actor.c_str(),
                  analysis.Slice(event.cue_span).c_str());
    }
  }
  if (verbose) {
    std::printf("    gold %s %s->%s  [%s] %s\n", record.category.c_str(),
                record.sources.empty() ? "-" : record.sources[0].c_str(),
                record.targets.empty() ? "-" : record.targets[0].c_str(), record.id.c_str(),
                record.text.c_str());
  }
  ++tally.sentences;
  tally.silent += !any;
  tally.category += category;
  tally.source += source;
  tally.triple += triple;
  auto& counts = tally.per_category[record.category];
  counts.first += category;
  ++counts.second;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : SharedData() + "/events/plover-gsr-dev.json";
  std::ifstream in(path);
  if (!in) {
    std::printf("events_plover: %s not found; skipping\n", path.c_str());
    return 0;
  }
  const nlohmann::json all = nlohmann::json::parse(in, nullptr, false);
  if (all.is_discarded() || !all.is_array()) {
    std::fprintf(stderr, "events_plover: %s: not a JSON array of records\n", path.c_str());
    return 1;
  }
  const std::vector<Record> records = ParseRecords(all);
  auto extractor = parley::Extractor::Load({});
  if (!extractor.ok()) {
    std::fprintf(stderr, "events_plover: %s\n", extractor.status().message().c_str());
    return 1;
  }
  const bool verbose = std::getenv("PARLEY_BENCH_VERBOSE") != nullptr;
  Tally tuning, validation;
  std::map<std::string, int> seen_in_category;
  const auto start = std::chrono::steady_clock::now();
  for (const Record& record : records) {
    const bool is_validation = seen_in_category[record.category]++ % 3 == 2;
    parley::Analysis analysis = extractor->Analyze(record.text, record.date);
    Score(record, analysis, is_validation ? validation : tuning, verbose && !is_validation);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("events_plover: %s, %zu sentences (%.0f sentences/s)\n", path.c_str(),
              records.size(), records.size() / std::max(seconds, 1e-9));
  tuning.Print("tuning (within each category, index % 3 != 2)");
  validation.Print("validation (index % 3 == 2)");
  return 0;
}
