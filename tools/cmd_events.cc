// `parley events PATH...`: who did what to whom, coded as PLOVER events.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.h"
#include "extract_cli.h"
#include "parley/extract.h"

namespace parley::cli {
namespace {

nlohmann::json ParticipantJson(const Analysis& analysis, const EventParticipant& p) {
  return {{"text", analysis.Slice(p.span)},
          {"code", p.actor},
          {"sector", p.sector},
          {"person", p.person}};
}

std::string Code(const EventParticipant& p) {
  return p.actor + (p.sector.empty() || p.actor.empty() ? "" : "/" + p.sector);
}

DescribedDocument Describe(const ExtractInput& input, const Analysis& analysis, bool jsonl) {
  DescribedDocument out;
  for (const Event& event : analysis.events) {
    const Sentence& sentence = analysis.sentences[event.sentence];
    if (jsonl) {
      nlohmann::json line = {
          {"doc", input.doc},
          {"sentence_span", nlohmann::json::array({sentence.span.begin, sentence.span.end})},
          {"event", event.category},
          {"source", ParticipantJson(analysis, event.source)},
          {"target", ParticipantJson(analysis, event.target)},
          {"negated", event.negated},
          {"modality", std::string(ModalityName(event.modality))},
          {"reported", event.attribution >= 0},
          {"cue", analysis.Slice(event.cue_span)},
          {"cue_span", nlohmann::json::array({event.cue_span.begin, event.cue_span.end})},
          {"evidence", TableCell(analysis.Slice(sentence.span))}};
      out.lines.push_back(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      std::string flags = event.negated ? "not" : "";
      if (event.modality != Modality::kAsserted) {
        flags += (flags.empty() ? "" : ",") + std::string(ModalityName(event.modality));
      }
      if (event.attribution >= 0) flags += flags.empty() ? "reported" : ",reported";
      out.rows.push_back({input.doc, event.category, Code(event.source), Code(event.target), flags,
                          TableCell(analysis.Slice(event.cue_span))});
    }
  }
  return out;
}

const Registration kEventsCommand(MakeExtractCommand(
    21, "events", "Code PLOVER events: who did what to whom, with negation and modality",
    {"events", {"doc", "event", "source", "target", "mode", "cue"}, Describe}));

}  // namespace
}  // namespace parley::cli
