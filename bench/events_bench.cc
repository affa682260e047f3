// Event coding benchmark on the PETRARCH-2 validation sentences (openeventdata), with their
// CAMEO codes mapped to PLOVER categories (PloverOf, after the PLOVER README table).
//
// Per sentence with gold events: category right = some predicted event has a gold category;
// triple right = some predicted event has a gold (category, source, target), codes compared on
// their first three letters (country or IGO). Precision = predicted events whose category is
// among the sentence's gold categories (a sentence coded "no events" makes every prediction
// wrong). Negated events and those only possible or required are not predictions of an event.
//
// Usage: events_bench [file.xml]   default $PARLEY_SHARED_DATA/events/PETR2_GSR_validation.xml
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "parley/extract.h"

namespace {

struct GoldEvent {
  std::string category, source, target;
};

struct Record {
  std::string id, date, text;
  std::vector<GoldEvent> events;
};

std::string SharedData() {
  const char* env = std::getenv("PARLEY_SHARED_DATA");
  return env != nullptr ? env : PARLEY_SOURCE_DIR "/../shared/data";
}

// CAMEO code -> PLOVER category, after the table of the PLOVER README ("PLOVER event
// categories"): 01 public statements and 02 appeals are dropped (empty), 03 intent to cooperate
// is AGREE, 05 diplomatic cooperation SUPPORT, 081-083 CONCEDE and 084-087 RETREAT. The README
// folds 18-20 into ASSAULT; PLOVER 0.8 (and this engine) keeps conventional armed combat, CAMEO
// 19, apart as FIGHT, so 19 maps to FIGHT and 18, 20 to ASSAULT.
std::string PloverOf(const std::string& cameo) {
  if (cameo.size() < 2) return "";
  int root = std::atoi(cameo.substr(0, 2).c_str());
  if (root == 8) return cameo.size() >= 3 && cameo[2] >= '4' ? "RETREAT" : "CONCEDE";
  static const char* const kByRoot[] = {
      "",          "",         "",        "AGREE",       "CONSULT",  "SUPPORT",
      "COOPERATE", "AID",      "CONCEDE", "INVESTIGATE", "DEMAND",   "DISAPPROVE",
      "REJECT",    "THREATEN", "PROTEST", "MOBILIZE",    "SANCTION", "COERCE",
      "ASSAULT",   "FIGHT",    "ASSAULT"};
  return root >= 0 && root <= 20 ? kByRoot[root] : "";
}

std::string Attribute(const std::string& tag, const std::string& name) {
  std::smatch m;
  std::regex pattern(name + "=\"([^\"]*)\"");
  return std::regex_search(tag, m, pattern) ? m[1].str() : "";
}

std::vector<Record> ParseRecords(const std::string& xml) {
  std::vector<Record> records;
  std::stringstream lines(xml);
  std::string line;
  bool in_text = false, evaluate = false;
  Record current;
  while (std::getline(lines, line)) {
    if (line.rfind("<Sentence ", 0) == 0) {
      current = Record{Attribute(line, "id"), Attribute(line, "date"), "", {}};
      evaluate = Attribute(line, "evaluate") == "true";
    } else if (line.rfind("<EventCoding", 0) == 0 && Attribute(line, "noevents").empty()) {
      std::string category = PloverOf(Attribute(line, "eventcode"));
      if (!category.empty()) {
        current.events.push_back({category, Attribute(line, "sourcecode").substr(0, 3),
                                  Attribute(line, "targetcode").substr(0, 3)});
      }
    } else if (line.rfind("<Text>", 0) == 0) {
      in_text = true;
    } else if (line.rfind("</Text>", 0) == 0) {
      in_text = false;
      if (evaluate) records.push_back(current);
    } else if (in_text) {
      current.text += line + "\n";
    }
  }
  return records;
}

// CAMEO writes every international organisation as "IGO..."; "---" is an unknown actor.
bool SameActor(const std::string& gold, const parley::EventParticipant& predicted) {
  if (gold == "IGO") return predicted.sector == "IGO";
  if (gold == "---" || gold.empty()) return predicted.actor.empty();
  return gold == predicted.actor.substr(0, 3);
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : SharedData() + "/events/PETR2_GSR_validation.xml";
  std::ifstream in(path);
  if (!in) {
    std::printf("events_bench: %s not found; skipping\n", path.c_str());
    return 0;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::vector<Record> records = ParseRecords(buffer.str());
  auto extractor = parley::Extractor::Load({});
  if (!extractor.ok()) {
    std::fprintf(stderr, "events_bench: %s\n", extractor.status().message().c_str());
    return 1;
  }
  bool verbose = std::getenv("PARLEY_BENCH_VERBOSE") != nullptr;
  int with_events = 0, category_right = 0, triple_right = 0, predicted = 0, predicted_right = 0;
  for (const Record& record : records) {
    std::string date = record.date.size() == 8
                           ? record.date.substr(0, 4) + "-" + record.date.substr(4, 2) + "-" +
                                 record.date.substr(6, 2)
                           : "";
    parley::Analysis analysis = extractor->Analyze(record.text, date);
    bool category = false, triple = false;
    for (const parley::Event& event : analysis.events) {
      // Gold codes events that happened or were announced ("will supply"): not negated ones,
      // nor what is only possible ("may release") or required of someone ("wants X to attack").
      if (event.negated || event.modality == parley::Modality::kPossible ||
          event.modality == parley::Modality::kRequired) {
        continue;
      }
      ++predicted;
      bool right = false;
      for (const GoldEvent& gold : record.events) {
        if (gold.category != event.category) continue;
        right = true;
        if (SameActor(gold.source, event.source) && SameActor(gold.target, event.target)) {
          triple = true;
        }
      }
      predicted_right += right;
      category |= right;
      if (verbose) {
        std::printf("%s %s %s->%s (%s)\n", right ? "ok " : "BAD", event.category.c_str(),
                    event.source.actor.c_str(), event.target.actor.c_str(),
                    analysis.Slice(event.cue_span).c_str());
      }
    }
    if (verbose) {
      for (const GoldEvent& gold : record.events) {
        std::printf("    gold %s %s->%s\n", gold.category.c_str(), gold.source.c_str(),
                    gold.target.c_str());
      }
      std::printf("  [%s] %s\n", record.id.c_str(), record.text.c_str());
    }
    if (record.events.empty()) continue;
    ++with_events;
    category_right += category;
    triple_right += triple;
  }
  std::printf(
      "PETR2 validation: %zu sentences, %d with PLOVER-mappable gold events, %d predicted\n",
      records.size(), with_events, predicted);
  std::printf("category right %.3f  triple right %.3f  precision %.3f\n",
              with_events ? double(category_right) / with_events : 0,
              with_events ? double(triple_right) / with_events : 0,
              predicted ? double(predicted_right) / predicted : 0);
  return 0;
}
