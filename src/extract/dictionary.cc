// Loads the editable dictionaries of data/dict/ (formats in docs/extract.md) and the Debian
// iso-codes country list, and compiles them into the token matchers.
#include <cstdlib>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "internal.h"
#include "parley/tsv.h"

namespace parley::extract_internal {
namespace {

using Row = TsvRow;

std::vector<std::string> SplitForms(const std::string& field) {
  std::vector<std::string> forms;
  for (std::string& form : SplitFields(field, '|')) {
    if (!form.empty()) forms.push_back(std::move(form));
  }
  return forms;
}

// The dictionaries' rows, through the one TSV reader of include/parley/tsv.h.
Status ReadTsv(const std::string& path, size_t min_columns, size_t max_columns,
               const std::function<Status(const Row&, const std::string&)>& on_row) {
  return parley::ReadTsv(path, min_columns, max_columns, on_row, "dictionary file");
}
bool IsIsoDate(const std::string& date) {
  if (date.empty()) return true;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (date[i] < '0' || date[i] > '9') return false;
  }
  return true;
}

Status CheckDates(const std::string& from, const std::string& to, const std::string& where) {
  if (!IsIsoDate(from) || !IsIsoDate(to)) {
    return InvalidInput(where + ": dates must be YYYY-MM-DD or empty, got '" + from + "', '" + to +
                        "'");
  }
  return Status::Ok();
}

Status LoadActors(const std::string& path, Dictionaries& d) {
  return ReadTsv(path, 4, 6, [&](const Row& row, const std::string& where) -> Status {
    ActorForm form{row[0], row[1], ActorFormKind::kName, row[4], row[5]};
    if (row[2] == "adjective") {
      form.kind = ActorFormKind::kAdjective;
    } else if (row[2] == "metonym") {
      form.kind = ActorFormKind::kMetonym;
    } else if (row[2] != "name") {
      return InvalidInput(where + ": kind must be name, adjective or metonym, got '" + row[2] +
                          "'");
    }
    PARLEY_RETURN_IF_ERROR(CheckDates(form.from, form.to, where));
    d.actor_forms.push_back(form);
    int payload = MakePayload(kActorPayload, static_cast<int>(d.actor_forms.size() - 1));
    for (const std::string& text : SplitForms(row[3])) {
      d.actor_matcher.Add(text, payload, d.abbreviations);
    }
    return Status::Ok();
  });
}

void AddPerson(const PersonEntry& person, Dictionaries& d) {
  d.people.push_back(person);
  int payload = MakePayload(kPersonPayload, static_cast<int>(d.people.size() - 1));
  if (!person.name.empty()) d.actor_matcher.Add(person.name, payload, d.abbreviations);
  for (const std::string& alias : person.aliases) {
    d.actor_matcher.Add(alias, payload, d.abbreviations);
  }
}

Status LoadPeople(const std::string& path, Dictionaries& d) {
  return ReadTsv(path, 7, 9, [&](const Row& row, const std::string& where) -> Status {
    PersonEntry person{row[0], row[1], SplitForms(row[2]), row[3], row[4], row[5], row[6],
                       row[7], row[8]};
    if (person.gender != "m" && person.gender != "f" && !person.gender.empty()) {
      return InvalidInput(where + ": gender must be m, f or empty, got '" + person.gender + "'");
    }
    PARLEY_RETURN_IF_ERROR(CheckDates(person.from, person.to, where));
    AddPerson(person, d);
    return Status::Ok();
  });
}

Status LoadAgents(const std::string& path, Dictionaries& d) {
  return ReadTsv(path, 3, 4, [&](const Row& row, const std::string& where) -> Status {
    if (row[2] != "sg" && row[2] != "pl") {
      return InvalidInput(where + ": number must be sg or pl, got '" + row[2] + "'");
    }
    d.agents.push_back({row[1], row[2] == "pl", row[3]});
    int payload = MakePayload(kAgentPayload, static_cast<int>(d.agents.size() - 1));
    for (const std::string& text : SplitForms(row[0])) {
      d.actor_matcher.Add(text, payload, d.abbreviations);
    }
    return Status::Ok();
  });
}

Status LoadAnaphors(const std::string& path, Dictionaries& d) {
  return ReadTsv(path, 2, 2, [&](const Row& row, const std::string& where) -> Status {
    AnaphorRule rule;
    const std::string& refers = row[1];
    size_t colon = refers.find(':');
    std::string head = refers.substr(0, colon);
    std::string value = colon == std::string::npos ? "" : refers.substr(colon + 1);
    if (refers == "person:m") {
      rule.kind = AnaphorRule::kPersonMale;
    } else if (refers == "person:f") {
      rule.kind = AnaphorRule::kPersonFemale;
    } else if (refers == "group") {
      rule.kind = AnaphorRule::kGroup;
    } else if (refers == "country") {
      rule.kind = AnaphorRule::kCountry;
    } else if (refers == "speaker") {
      rule.kind = AnaphorRule::kSpeaker;
    } else if (head == "role" && !value.empty()) {
      rule = {AnaphorRule::kPersonRole, value};
    } else if (head == "office" && !value.empty()) {
      rule = {AnaphorRule::kPersonOffice, value};
    } else if (head == "actor" && !value.empty()) {
      rule = {AnaphorRule::kActorCode, value};
    } else {
      return InvalidInput(where + ": refers-to must be person:m, person:f, group, country, " +
                          "speaker, role:<role>, office:<word> or actor:<code>, got '" + refers + "'");
    }
    d.anaphors.push_back(rule);
    int payload = MakePayload(kAnaphorPayload, static_cast<int>(d.anaphors.size() - 1));
    for (const std::string& text : SplitForms(row[0])) {
      d.actor_matcher.Add(text, payload, d.abbreviations);
    }
    return Status::Ok();
  });
}

Status LoadCues(const std::string& path, Dictionaries& d) {
  return ReadTsv(path, 2, 2, [&](const Row& row, const std::string& where) -> Status {
    Cue cue;
    if (row[1] == "speech") {
      cue.frame = CueFrame::kSpeech;
    } else if (row[1] == "speech_object") {
      cue.frame = CueFrame::kSpeech;
      cue.takes_object = true;
    } else if (row[1] == "stance") {
      cue.frame = CueFrame::kSpeech;
      cue.inverts = false;
    } else if (row[1] == "source_after") {
      cue.frame = CueFrame::kSourceAfter;
    } else {
      return InvalidInput(where +
                          ": frame must be speech, speech_object, stance or source_after, got '" +
                          row[1] + "'");
    }
    d.cues.push_back(cue);
    for (const std::string& form : SplitForms(row[0])) {
      for (const std::string& text : ExpandForm(form)) {
        d.cue_matcher.Add(text, static_cast<int>(d.cues.size() - 1), d.abbreviations);
      }
    }
    return Status::Ok();
  });
}

Status LoadEventCues(const std::string& path, Dictionaries& d) {
  return ReadTsv(path, 3, 3, [&](const Row& row, const std::string& where) -> Status {
    EventCue cue{row[0], TargetFrame::kObject, {}};
    if (row[2] == "none") {
      cue.frame = TargetFrame::kNone;
    } else if (row[2].rfind("prep:", 0) == 0) {
      cue.frame = TargetFrame::kPreposition;
      cue.prepositions = SplitForms(row[2].substr(5));
    } else if (row[2] != "object") {
      return InvalidInput(where + ": frame must be object, none or prep:<p>|<p>, got '" + row[2] +
                          "'");
    }
    d.event_cues.push_back(cue);
    for (const std::string& form : SplitForms(row[1])) {
      for (const std::string& text : ExpandForm(form)) {
        d.event_matcher.Add(text, static_cast<int>(d.event_cues.size() - 1), d.abbreviations);
      }
    }
    return Status::Ok();
  });
}

Status LoadModality(const std::string& path, Dictionaries& d) {
  return ReadTsv(path, 2, 2, [&](const Row& row, const std::string& where) -> Status {
    ModalWord meaning;
    if (row[1] == "negation") {
      meaning = ModalWord::kNegation;
    } else if (row[1] == "possible") {
      meaning = ModalWord::kPossible;
    } else if (row[1] == "intended") {
      meaning = ModalWord::kIntended;
    } else if (row[1] == "required") {
      meaning = ModalWord::kRequired;
    } else if (row[1] == "refusal") {
      meaning = ModalWord::kRefusal;
    } else {
      return InvalidInput(where + ": meaning must be negation, possible, intended, required or " +
                          "refusal, got '" + row[1] + "'");
    }
    for (const std::string& form : SplitForms(row[0])) {
      for (const std::string& word : ExpandForm(form)) d.modal_words[word] = meaning;
    }
    return Status::Ok();
  });
}

Status LoadAbbreviations(const std::string& path, Dictionaries& d) {
  return ReadTsv(path, 1, 1, [&](const Row& row, const std::string&) -> Status {
    CodePoints points = DecodeUtf8(row[0]);
    d.abbreviations.emplace(NormalizeToken(points.chars), 0);
    return Status::Ok();
  });
}

// Country names from Debian's iso-codes: name, common_name and official_name, except the
// inverted "Korea, Republic of" forms, which news never writes.
Status LoadIsoCountries(const std::string& path, Dictionaries& d) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot open iso-codes country list");
  nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.contains("3166-1") || !json["3166-1"].is_array()) {
    return InvalidInput(path + ": expected a JSON object with a \"3166-1\" array");
  }
  for (const auto& country : json["3166-1"]) {
    if (!country.contains("alpha_3") || !country["alpha_3"].is_string()) continue;
    d.actor_forms.push_back(
        {country["alpha_3"].get<std::string>(), "", ActorFormKind::kName, "", ""});
    d.country_kind[d.actor_forms.back().code] = "country";
    int payload = MakePayload(kActorPayload, static_cast<int>(d.actor_forms.size() - 1));
    for (const char* key : {"name", "common_name", "official_name"}) {
      if (!country.contains(key) || !country[key].is_string()) continue;
      std::string name = country[key].get<std::string>();
      if (name.find(',') != std::string::npos || name.find('(') != std::string::npos) continue;
      d.actor_matcher.Add(name, payload, d.abbreviations);
    }
  }
  return Status::Ok();
}

}  // namespace

std::vector<std::string> ExpandForm(std::string_view form) {
  size_t plus = form.find('+');
  if (plus == std::string_view::npos) return {std::string(form)};
  std::string lemma(form.substr(0, plus));
  std::string rest(form.substr(plus + 1));
  auto is_vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  char last = lemma.empty() ? ' ' : lemma.back();
  bool consonant_y = last == 'y' && lemma.size() > 1 && !is_vowel(lemma[lemma.size() - 2]);
  std::string stem_y = consonant_y ? lemma.substr(0, lemma.size() - 1) : lemma;
  std::string third = consonant_y ? stem_y + "ies"
                      : (last == 's' || last == 'x' || last == 'z' || lemma.ends_with("ch") ||
                         lemma.ends_with("sh"))
                          ? lemma + "es"
                          : lemma + "s";
  std::string past = consonant_y ? stem_y + "ied" : last == 'e' ? lemma + "d" : lemma + "ed";
  std::string ing = lemma.ends_with("ie") ? lemma.substr(0, lemma.size() - 2) + "ying"
                    : (last == 'e' && !lemma.ends_with("ee"))
                        ? lemma.substr(0, lemma.size() - 1) + "ing"
                        : lemma + "ing";
  std::vector<std::string> out;
  for (const std::string& word : {lemma, third, past, ing}) out.push_back(word + rest);
  return out;
}

bool DateInRange(std::string_view date, std::string_view from, std::string_view to) {
  if (date.empty()) return true;
  if (!from.empty() && date < from) return false;
  if (!to.empty() && date > to) return false;
  return true;
}

Status LoadDictionaries(const ExtractorOptions& options, Dictionaries& d) {
  std::string dir =
      options.dictionary_dir.empty() ? DefaultDictionaryDir() : options.dictionary_dir;
  PARLEY_RETURN_IF_ERROR(LoadAbbreviations(dir + "/abbreviations.tsv", d));
  if (!options.iso_codes_path.empty()) {
    PARLEY_RETURN_IF_ERROR(LoadIsoCountries(options.iso_codes_path, d));
  }
  PARLEY_RETURN_IF_ERROR(LoadActors(dir + "/actors.tsv", d));
  PARLEY_RETURN_IF_ERROR(LoadPeople(dir + "/people.tsv", d));
  PARLEY_RETURN_IF_ERROR(LoadAgents(dir + "/agents.tsv", d));
  PARLEY_RETURN_IF_ERROR(LoadAnaphors(dir + "/anaphors.tsv", d));
  PARLEY_RETURN_IF_ERROR(LoadCues(dir + "/cues.tsv", d));
  PARLEY_RETURN_IF_ERROR(LoadEventCues(dir + "/events.tsv", d));
  PARLEY_RETURN_IF_ERROR(LoadModality(dir + "/modality.tsv", d));

  for (const ActorEntry& actor : options.extra.actors) {
    if (actor.code.empty()) return InvalidInput("extra actor without a code");
    d.actor_forms.push_back({actor.code, actor.sector, ActorFormKind::kName, actor.from, actor.to});
    int payload = MakePayload(kActorPayload, static_cast<int>(d.actor_forms.size() - 1));
    if (!actor.name.empty()) d.actor_matcher.Add(actor.name, payload, d.abbreviations);
    for (const std::string& alias : actor.aliases)
      d.actor_matcher.Add(alias, payload, d.abbreviations);
  }
  for (const PersonEntry& person : options.extra.people) {
    if (person.id.empty()) return InvalidInput("extra person without an id: '" + person.name + "'");
    AddPerson(person, d);
  }
  for (size_t i = 0; i < d.people.size(); ++i) {
    const PersonEntry& person = d.people[i];
    if (!person.gender.empty()) d.gender_of[person.id] = person.gender;
    if (!person.role.empty()) {
      d.people_by_office[person.actor + "|" + person.role].push_back(static_cast<int>(i));
    }
  }
  return Status::Ok();
}

}  // namespace parley::extract_internal
