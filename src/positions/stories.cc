// Same-story clustering, one article at a time against an index: TF-IDF cosine (Salton &
// Buckley 1988, "Term-weighting approaches in automatic text retrieval"; smoothed idf =
// 1 + log((N + 1) / (df + 1)) as in scikit-learn, so a tiny corpus still weighs shared words)
// with earlier articles that share frequent terms within a date window, gated by the overlap of
// the scenario actors they mention. Each article is weighed with the document frequencies of the
// index as it joins it, so adding articles never re-weighs stored ones, and one pass in
// insertion order (a rebuild) gives the stories that batch after batch gave.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "internal.h"
#include "parley/language.h"
#include "parley/text_util.h"

namespace parley {
namespace {

using positions_internal::DayNumber;

// English for every article: terms of all languages are compared with each other, and their
// hashes are persisted in the store, so they must not depend on the article's language.
const WordList& StopWords() {
  static const WordList& words = DefaultLanguages().English().Words("story_stop_words");
  return words;
}

std::vector<std::string> Terms(std::string_view text) {
  std::vector<std::string> terms;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3 && !StopWords().Contains(word)) terms.push_back(word);
    word.clear();
  };
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else {
      flush();
    }
  }
  flush();
  return terms;
}

double Jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::set<std::string> left(a.begin(), a.end());
  std::set<std::string> right(b.begin(), b.end());
  if (left.empty() && right.empty()) return 1;
  size_t shared = 0;
  for (const auto& item : left) shared += right.count(item);
  return static_cast<double>(shared) / static_cast<double>(left.size() + right.size() - shared);
}

// At most this many earlier articles, those sharing the most frequent terms, are compared with
// a new one: the cost of adding an article is bounded whatever the size of the index.
constexpr size_t kMaxCandidates = 24;

// FNV-1a (Fowler, Noll, Vo), 64 bits, with the top bit set: stable across platforms, since it
// is persisted, and never 0, which the store keeps for its count of indexed articles.
uint64_t TermHash(std::string_view term) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : term) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash | (1ull << 63);
}

double Cosine(const std::vector<std::pair<uint64_t, double>>& a,
              const std::vector<std::pair<uint64_t, double>>& b) {
  double dot = 0;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first == b[j].first) {
      dot += a[i++].second * b[j++].second;
    } else if (a[i].first < b[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
  return dot;  // both are unit vectors
}

// The index in memory, for ClusterStories() over files: articles are numbered 1, 2, ...
class MemoryStoryIndex : public StoryIndexBackend {
 public:
  Result<std::vector<int64_t>> Postings(uint64_t term, int64_t from, int64_t to) override {
    std::vector<int64_t> articles;
    auto found = postings_.find(term);
    if (found == postings_.end()) return articles;
    for (const auto& [day, article] : found->second) {
      if (day >= from && day <= to) articles.push_back(article);
    }
    std::sort(articles.begin(), articles.end());
    return articles;
  }
  Result<StoryEntry> Entry(int64_t article) override {
    if (article < 1 || article > static_cast<int64_t>(entries_.size())) {
      return NotFound("article " + std::to_string(article) + " is not in the story index");
    }
    return entries_[article - 1];
  }
  Result<std::optional<int64_t>> StoryOfDocument(const std::string& id) override {
    auto found = by_id_.find(id);
    if (found == by_id_.end()) return std::optional<int64_t>();
    return std::optional<int64_t>(entries_[found->second - 1].story);
  }
  Result<std::vector<int64_t>> CountTerms(const std::vector<uint64_t>& terms,
                                          int64_t* indexed) override {
    *indexed = static_cast<int64_t>(entries_.size());
    std::vector<int64_t> counts;
    for (uint64_t term : terms) counts.push_back(df_[term]++);
    return counts;
  }
  Result<std::vector<int64_t>> Frequencies(const std::vector<uint64_t>& terms) override {
    std::vector<int64_t> counts;
    for (uint64_t term : terms) {
      auto found = df_.find(term);
      counts.push_back(found == df_.end() ? 0 : found->second);
    }
    return counts;
  }
  Status Add(const StoryEntry& entry, const std::vector<uint64_t>& terms) override {
    PARLEY_CHECK(entry.article == static_cast<int64_t>(entries_.size()) + 1);
    entries_.push_back(entry);
    members_[entry.story].push_back(entry.article);
    if (entry.day) {
      for (uint64_t term : terms) postings_[term].push_back({*entry.day, entry.article});
    }
    return Status::Ok();
  }
  Status Merge(const std::vector<int64_t>& from, int64_t into) override {
    for (int64_t story : from) {
      for (int64_t article : members_[story]) {
        entries_[article - 1].story = into;
        members_[into].push_back(article);
      }
      members_.erase(story);
    }
    return Status::Ok();
  }
  void Name(int64_t article, const std::string& id) {
    if (!id.empty()) by_id_.emplace(id, article);
  }

 private:
  std::vector<StoryEntry> entries_;
  std::unordered_map<uint64_t, std::vector<std::pair<int64_t, int64_t>>> postings_;
  std::unordered_map<uint64_t, int64_t> df_;
  std::unordered_map<int64_t, std::vector<int64_t>> members_;
  std::unordered_map<std::string, int64_t> by_id_;
};

}  // namespace

StoryTerms CountStoryTerms(std::string_view text) {
  std::unordered_map<uint64_t, int> counts;
  for (const std::string& term : Terms(text)) ++counts[TermHash(term)];
  StoryTerms terms;
  terms.counts.assign(counts.begin(), counts.end());
  std::sort(terms.counts.begin(), terms.counts.end());
  return terms;
}

StoryIndex::StoryIndex(StoryIndexBackend& backend, StoryOptions options)
    : backend_(backend), options_(options) {}

Result<int64_t> StoryIndex::Add(int64_t article, const StoryTerms& terms, const std::string& date,
                                const std::vector<std::string>& actors,
                                const std::string& dup_of) {
  StoryEntry entry;
  entry.article = article;
  entry.day = positions_internal::DayNumber(date);
  entry.actors = actors;
  std::vector<uint64_t> hashes;
  hashes.reserve(terms.counts.size());
  for (const auto& term : terms.counts) hashes.push_back(term.first);
  int64_t indexed = 0;
  auto document_frequency = backend_.CountTerms(hashes, &indexed);
  if (!document_frequency.ok()) return document_frequency.status();
  // The entry keeps raw counts; both sides of a comparison are weighed with the smoothed idf of
  // the index as this article joins it (itself counted), so a pair is judged as a global TF-IDF
  // would judge it at that moment, and a rebuild in insertion order judges it the same way.
  const double n = static_cast<double>(indexed + 1);
  std::unordered_map<uint64_t, double> idf;
  auto idf_of = [&](int64_t document_frequency) {
    return 1 + std::log((n + 1) / (static_cast<double>(document_frequency) + 1));
  };
  for (size_t i = 0; i < terms.counts.size(); ++i) {
    entry.vector.push_back({terms.counts[i].first, static_cast<double>(terms.counts[i].second)});
    idf[terms.counts[i].first] = idf_of((*document_frequency)[i] + 1);  // itself counted
  }
  // Learns the idf of the terms not known yet, in one lookup.
  auto learn_idf = [&](const std::vector<uint64_t>& terms) -> Status {
    std::vector<uint64_t> unknown;
    for (uint64_t term : terms) {
      if (idf.emplace(term, 0).second) unknown.push_back(term);
    }
    if (unknown.empty()) return Status::Ok();
    auto frequencies = backend_.Frequencies(unknown);
    if (!frequencies.ok()) {
      for (uint64_t term : unknown) idf.erase(term);
      return frequencies.status();
    }
    for (size_t i = 0; i < unknown.size(); ++i) idf[unknown[i]] = idf_of((*frequencies)[i]);
    return Status::Ok();
  };
  // A unit vector of counts x idf; every term's idf must be learned.
  auto weigh = [&](const std::vector<std::pair<uint64_t, double>>& counts) {
    std::vector<std::pair<uint64_t, double>> weighted;
    weighted.reserve(counts.size());
    double norm = 0;
    for (const auto& [term, count] : counts) {
      const double weight = count * idf.at(term);
      weighted.push_back({term, weight});
      norm += weight * weight;
    }
    norm = std::sqrt(norm);
    for (auto& item : weighted) item.second = norm > 0 ? item.second / norm : 0;
    return weighted;
  };
  const std::vector<std::pair<uint64_t, double>> weights = weigh(entry.vector);
  // Candidates come from the article's heaviest terms: the names and nouns it repeats that few
  // others hold. Their posting lists stay short as the index grows, where the most frequent
  // words ("talks") would list most articles of the window.
  std::vector<std::pair<double, uint64_t>> heaviest;
  for (const auto& [term, weight] : weights) heaviest.push_back({-weight, term});
  const size_t keep = std::min<size_t>(heaviest.size(), options_.candidate_terms);
  std::partial_sort(heaviest.begin(), heaviest.begin() + keep, heaviest.end());
  std::vector<uint64_t> candidates;
  for (size_t i = 0; i < keep; ++i) candidates.push_back(heaviest[i].second);

  std::set<int64_t> stories;
  if (!dup_of.empty()) {
    auto original = backend_.StoryOfDocument(dup_of);
    if (!original.ok()) return original.status();
    if (*original) stories.insert(**original);
  }
  if (entry.day) {
    // Each lookup asks the backend once for all terms or articles: across a network, round
    // trips under the writer's lock are what a batch waits for.
    auto posted = backend_.PostingsOfTerms(candidates, *entry.day - options_.window_days,
                                           *entry.day + options_.window_days);
    if (!posted.ok()) return posted.status();
    std::unordered_map<int64_t, int> shared;
    for (const std::vector<int64_t>& articles : *posted) {
      for (int64_t other : articles) ++shared[other];
    }
    std::vector<std::pair<int, int64_t>> ranked;
    for (const auto& [other, count] : shared) ranked.push_back({-count, other});
    std::sort(ranked.begin(), ranked.end());
    if (ranked.size() > kMaxCandidates) ranked.resize(kMaxCandidates);
    std::vector<int64_t> numbers;
    for (const auto& candidate : ranked) numbers.push_back(candidate.second);
    auto others = backend_.Entries(numbers);
    if (!others.ok()) return others.status();
    std::vector<uint64_t> their_terms;
    for (const StoryEntry& other : *others) {
      for (const auto& item : other.vector) their_terms.push_back(item.first);
    }
    PARLEY_RETURN_IF_ERROR(learn_idf(their_terms));
    for (const StoryEntry& other : *others) {
      if (stories.count(other.story)) continue;
      if (Jaccard(actors, other.actors) < options_.min_actor_overlap) continue;
      if (Cosine(weights, weigh(other.vector)) >= options_.min_cosine) stories.insert(other.story);
    }
  }
  entry.story = stories.empty() ? article : std::min(*stories.begin(), article);
  std::vector<int64_t> merged;
  for (int64_t story : stories) {
    if (story != entry.story) merged.push_back(story);
  }
  PARLEY_RETURN_IF_ERROR(backend_.Merge(merged, entry.story));
  PARLEY_RETURN_IF_ERROR(backend_.Add(entry, entry.day ? candidates : std::vector<uint64_t>()));
  return entry.story;
}

Status IndexStoredStories(Store& store, const StoryOptions& options) {
  constexpr int kChunk = 256;
  for (;;) {
    auto indexed = store.IndexStories(
        kChunk, [&](StoryIndexBackend& backend, int64_t article, const ArticleRecord& record,
                    size_t) -> Status {
          StoryIndex index(backend, options);
          auto story = index.Add(article, CountStoryTerms(record.title + "\n" + record.text),
                                 record.date, SplitWords(record.actors), record.dup_of);
          return story.ok() ? Status::Ok() : story.status();
        });
    if (!indexed.ok()) return indexed.status();
    if (*indexed < kChunk) return Status::Ok();
  }
}

Status RebuildStoredStories(Store& store, const StoryOptions& options) {
  PARLEY_RETURN_IF_ERROR(store.ClearStoryIndex());
  return IndexStoredStories(store, options);
}

std::vector<Story> ClusterStories(const std::vector<StoryDocument>& documents,
                                  const StoryOptions& options) {
  const size_t n = documents.size();
  MemoryStoryIndex memory;
  StoryIndex index(memory, options);
  for (size_t d = 0; d < n; ++d) {
    const int64_t article = static_cast<int64_t>(d) + 1;
    auto story = index.Add(article, CountStoryTerms(documents[d].text), documents[d].date,
                           documents[d].actors, documents[d].dup_of);
    PARLEY_CHECK(story.ok());  // the memory index never fails
    memory.Name(article, documents[d].id);
  }
  std::vector<int64_t> roots;
  for (size_t d = 0; d < n; ++d) roots.push_back(memory.Entry(static_cast<int64_t>(d) + 1)->story);
  return GroupStories(documents, roots);
}

std::vector<Story> GroupStories(const std::vector<StoryDocument>& documents,
                                const std::vector<int64_t>& roots) {
  PARLEY_CHECK(roots.size() == documents.size());
  std::unordered_map<int64_t, int> story_of_root;
  std::vector<Story> stories;
  for (size_t d = 0; d < documents.size(); ++d) {
    auto [it, added] = story_of_root.emplace(roots[d], static_cast<int>(stories.size()));
    if (added) {
      stories.emplace_back();
      stories.back().title = documents[d].title;
    }
    Story& story = stories[it->second];
    story.members.push_back(static_cast<int>(d));
    const std::string date = documents[d].date.substr(0, 10);
    if (!date.empty() && (story.first_date.empty() || date < story.first_date)) {
      story.first_date = date;
    }
    if (date > story.last_date) story.last_date = date;
  }
  return stories;
}

void MarkCorroboration(const std::vector<StoryDocument>& documents,
                       const std::vector<Story>& stories, std::vector<Statement>& statements,
                       double tolerance) {
  std::unordered_map<std::string, int> story_of_doc;
  for (size_t s = 0; s < stories.size(); ++s) {
    for (int member : stories[s].members) story_of_doc[documents[member].doc] = static_cast<int>(s);
  }
  MarkCorroboration(story_of_doc, statements, tolerance);
}

void MarkCorroboration(const std::unordered_map<std::string, int>& story_of_doc,
                       std::vector<Statement>& statements, double tolerance) {
  // Statements grouped by story, actor and issue: only those groups are compared pairwise.
  // The keys view the statements' own strings, which outlive the map.
  std::map<std::tuple<int, std::string_view, std::string_view>, std::vector<size_t>> groups;
  for (size_t i = 0; i < statements.size(); ++i) {
    auto it = story_of_doc.find(statements[i].doc);
    statements[i].story = it == story_of_doc.end() ? -1 : it->second;
    statements[i].sources.clear();
    if (statements[i].story >= 0) {
      groups[{statements[i].story, statements[i].actor, statements[i].issue}].push_back(i);
    }
  }
  for (const auto& [key, members] : groups) {
    for (size_t i : members) {
      Statement& statement = statements[i];
      std::set<std::string_view> listed;
      for (size_t j : members) {
        const Statement& other = statements[j];
        if (other.doc == statement.doc ||
            std::fabs(other.position - statement.position) > tolerance ||
            !listed.insert(other.doc).second) {
          continue;
        }
        statement.sources.push_back({other.doc, other.outlet, other.date});
      }
    }
  }
}

}  // namespace parley
