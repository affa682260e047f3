// `parley note` and `parley notes`: the team's notes and overrides of cells from the command
// line, the same annotations the dashboard's "Team notes" keeps (docs/teams.md), checked by the
// same rules (serve::ParseAnnotationRequest).
#include <cstdio>
#include <optional>
#include <string>

#include "pipeline_cli.h"
#include "serve_cli.h"

namespace parley::cli {
namespace {

struct NoteOptions {
  std::string scenario;
  std::string actor;
  std::string issue;
  std::string author;
  std::string text;
  std::optional<double> position;
  std::optional<double> salience;
  bool withdraw = false;
};

// The request body the dashboard would send, so both are checked alike.
nlohmann::json RequestOf(const NoteOptions& options) {
  nlohmann::json body = {{"actor", options.actor},
                         {"issue", options.issue},
                         {"author", options.author},
                         {"note", options.text}};
  if (options.withdraw) body["kind"] = "withdraw";
  if (options.position) body["position"] = *options.position;
  if (options.salience) body["salience"] = *options.salience;
  return body;
}

int RunNote(const NoteOptions& options, const GlobalOptions& global) {
  auto session = OpenStoreSession(options.scenario, global);
  if (!session.ok()) return ReportFatal(session.status());
  auto annotation =
      serve::ParseAnnotationRequest((*session)->SummaryOfScenario(), RequestOf(options));
  if (!annotation.ok()) return ReportFatal(annotation.status());  // invalid input: exit 2
  auto added = AnnotateAndRefresh(**session, *annotation);
  if (!added.ok()) return ReportFatal(added.status());
  const AnnotationRecord& a = added->annotation;
  if (global.jsonl) {
    std::printf("%s\n", serve::AnnotationJson(a).dump().c_str());
  } else if (!global.quiet) {
    std::fprintf(stderr, "parley: %s of %s on %s by %s kept as number %lld at %s%s\n",
                 std::string(AnnotationKindName(a.kind)).c_str(), a.actor.c_str(),
                 a.issue.c_str(), a.author.c_str(), static_cast<long long>(a.id),
                 a.created_at.c_str(),
                 added->snapshot ? "; positions and forecasts refreshed" : "");
  }
  return kExitOk;
}

void AddNoteOptions(CLI::App& app, NoteOptions& options) {
  app.add_option("--scenario", options.scenario, "The scenario in the store --db")->required();
  app.add_option("--actor", options.actor, "The cell's actor id")->required();
  app.add_option("--issue", options.issue, "The cell's issue id")->required();
  app.add_option("--author", options.author, "Who says so (1-80 bytes, one line)")->required();
  app.add_option("--text", options.text, "The note: why (required for a plain note)");
  auto* position = app.add_option("--position", options.position,
                                  "The team's position for the cell (0-100): an override");
  app.add_option("--salience", options.salience, "With --position: how much the actor cares")
      ->needs(position);
  app.add_flag("--withdraw", options.withdraw,
               "Withdraw the team's override of the cell: it goes back to its evidence")
      ->excludes(position);
}

struct NotesOptions {
  std::string scenario;
  std::string actor;
  std::string issue;
};

int RunNotes(const NotesOptions& options, const GlobalOptions& global) {
  auto session = OpenStoreSession(options.scenario, global);
  if (!session.ok()) return ReportFatal(session.status());
  auto annotations = (*session)->Annotations();
  if (!annotations.ok()) return ReportFatal(annotations.status());
  std::vector<std::vector<std::string>> rows = {
      {"number", "time", "author", "actor", "issue", "kind", "pos", "note"}};
  for (const AnnotationRecord& a : *annotations) {
    if (!options.actor.empty() && a.actor != options.actor) continue;
    if (!options.issue.empty() && a.issue != options.issue) continue;
    if (global.jsonl) {
      std::printf("%s\n", serve::AnnotationJson(a).dump().c_str());
      continue;
    }
    rows.push_back({std::to_string(a.id), a.created_at, TableCell(a.author, 24), a.actor, a.issue,
                    std::string(AnnotationKindName(a.kind)),
                    a.position ? FormatNumber(*a.position) : "", TableCell(a.note, 60)});
  }
  if (!global.jsonl) std::fputs(FormatTable(rows).c_str(), stdout);
  return kExitOk;
}

void AddNotesOptions(CLI::App& app, NotesOptions& options) {
  app.add_option("--scenario", options.scenario, "The scenario in the store --db")->required();
  app.add_option("--actor", options.actor, "Only the notes on this actor");
  app.add_option("--issue", options.issue, "Only the notes on this issue");
}

const Registration kNoteCommand(MakeCommand<NoteOptions>(
    91, "note",
    "Keep a note or the team's position (an override) on one cell of the store, with its author",
    AddNoteOptions, RunNote));
const Registration kNotesCommand(MakeCommand<NotesOptions>(
    92, "notes", "List the team's notes and overrides kept in the store, oldest first",
    AddNotesOptions, RunNotes));

}  // namespace
}  // namespace parley::cli
