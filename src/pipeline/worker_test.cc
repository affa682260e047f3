// Workers sharing a queue store what one `analyze` of the same inputs stores, on both backends,
// also when a worker died holding a claim.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "parley/pipeline.h"
#include "postgres_server.h"

namespace parley::pipeline {
namespace {

namespace fs = std::filesystem;

// 6 articles of testdata/positions and a JSONL file of 24 more (each of them with a line
// added, so each is a new document).
std::vector<std::string> WriteInputs(const fs::path& folder) {
  const fs::path articles = fs::path(PARLEY_SOURCE_DIR) / "testdata/positions";
  std::ofstream jsonl(folder / "more.jsonl");
  int line = 0;
  for (const auto& entry : fs::directory_iterator(articles)) {
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (int copy = 1; copy <= 4; ++copy) {
      nlohmann::json document = {{"id", "more-" + std::to_string(++line)},
                                 {"text", text + "\nUpdate " + std::to_string(copy) + "."}};
      jsonl << document.dump() << "\n";
    }
  }
  return {articles.string(), (folder / "more.jsonl").string()};
}

struct Stored {
  std::set<std::string> articles;
  size_t statements = 0;
  QueueCounts queue;
};

Stored StoredIn(Store& store, const std::string& scenario) {
  Stored stored;
  auto articles = store.ArticleSummaries();
  for (const ArticleRecord& a : *articles) stored.articles.insert(a.id);
  stored.statements = store.Statements(scenario)->size();
  stored.queue = *store.CountQueued();
  return stored;
}

class WorkerTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '-');
    folder_ = fs::temp_directory_path() /
              ("parley-worker-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(folder_);
    fs::create_directories(folder_);
    inputs_ = WriteInputs(folder_);
    auto pipeline = StancePipeline::Load("ukraine-2025", ScenarioSearchPath(""), "");
    ASSERT_TRUE(pipeline.ok()) << pipeline.status().message();
    pipeline_ = std::move(*pipeline);
    options_.samples = 0;
    expected_ = AnalyzedOnce();
    std::string skip;
    db_ = NewStore(&skip);
    if (!skip.empty()) GTEST_SKIP() << skip;
    ASSERT_FALSE(db_.empty());
  }
  void TearDown() override { fs::remove_all(folder_); }

  bool postgres() const { return GetParam(); }

  // A new empty store: an SQLite file or a database of the test server; "" with `skip` set
  // when the server binaries are missing, or with a failure.
  std::string NewStore(std::string* skip) {
    if (!postgres()) return (folder_ / ("store" + std::to_string(++stores_) + ".db")).string();
    bool missing = false;
    std::string why;
    testing::PostgresServer* server = testing::PostgresServer::Shared(&why, &missing);
    if (missing) *skip = why;
    if (!server) {
      if (!missing) ADD_FAILURE() << why;
      return "";
    }
    std::string url = server->NewDatabase(&why);
    EXPECT_FALSE(url.empty()) << why;
    return url;
  }

  std::unique_ptr<Store> Open(const std::string& db) {
    auto store = OpenStore(db);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(*store) : nullptr;
  }

  // What one analyze of the inputs stores.
  Stored AnalyzedOnce() {
    auto store = OpenSqliteStore(":memory:");
    EXPECT_TRUE(store.ok());
    auto analyzed = Analyze(*pipeline_, **store, inputs_, options_, FailOnInputError(), nullptr);
    EXPECT_TRUE(analyzed.ok()) << analyzed.status().message();
    return StoredIn(**store, pipeline_->scenario().id);
  }

  // Queues the inputs in `db`; returns how many documents.
  int64_t Enqueued(const std::string& db) {
    auto store = Open(db);
    if (!store) return -1;
    auto queued = Enqueue(*store, inputs_, InputOptions(), FailOnInputError(), nullptr);
    EXPECT_TRUE(queued.ok()) << queued.status().message();
    return queued.ok() ? *queued : -1;
  }

  static InputErrorSink FailOnInputError() {
    return [](const InputError& error) { ADD_FAILURE() << error.Message(); };
  }

  WorkerOptions Worker(const std::string& name) const {
    WorkerOptions worker;
    worker.name = name;
    worker.claim = 4;  // several claims per worker
    worker.poll = std::chrono::milliseconds(10);
    return worker;
  }

  fs::path folder_;
  std::vector<std::string> inputs_;
  std::unique_ptr<StancePipeline> pipeline_;
  AnalyzeOptions options_;
  Stored expected_;
  std::string db_;  // this test's empty store, made by SetUp()
  int stores_ = 0;
};

TEST_P(WorkerTest, TwoWorkersDrainAQueueIntoWhatOneAnalyzeStores) {
  ASSERT_EQ(expected_.articles.size(), 30u);
  ASSERT_GT(expected_.statements, 0u);
  const std::string& db = db_;
  ASSERT_EQ(Enqueued(db), 30);

  std::vector<Result<AnalyzeResult>> results(2, InternalError("not run"));
  std::vector<std::thread> workers;
  for (int i = 0; i < 2; ++i) {
    workers.emplace_back([&, i] {
      auto store = OpenStore(db);
      if (!store.ok()) {
        results[i] = store.status();
        return;
      }
      results[i] = Work(*pipeline_, **store, options_, Worker("w" + std::to_string(i)), nullptr);
    });
  }
  for (std::thread& worker : workers) worker.join();
  int added = 0;
  for (const auto& result : results) {
    ASSERT_TRUE(result.ok()) << result.status().message();
    added += result->ingested.articles_added;
  }
  EXPECT_EQ(added, 30);

  auto store = Open(db);
  ASSERT_TRUE(store);
  const Stored stored = StoredIn(*store, pipeline_->scenario().id);
  EXPECT_EQ(stored.articles, expected_.articles);
  EXPECT_EQ(stored.statements, expected_.statements);
  EXPECT_EQ(std::tie(stored.queue.waiting, stored.queue.claimed, stored.queue.done),
            std::make_tuple(int64_t{0}, int64_t{0}, int64_t{30}));
}

// A worker killed after claiming stored nothing of its claim; once the lease ends, the next
// worker takes the claim over and the store ends as if nobody had died.
TEST_P(WorkerTest, AClaimOfAKilledWorkerIsTakenOverWhenItsLeaseEnds) {
  const std::string& db = db_;
  ASSERT_EQ(Enqueued(db), 30);
  auto store = Open(db);
  ASSERT_TRUE(store);
  auto killed = store->ClaimQueued("killed", 4, 0);  // a lease that has already ended
  ASSERT_TRUE(killed.ok());
  ASSERT_EQ(killed->size(), 4u);

  auto worked = Work(*pipeline_, *store, options_, Worker("survivor"), nullptr);
  ASSERT_TRUE(worked.ok()) << worked.status().message();
  EXPECT_EQ(worked->ingested.documents, 30);
  const Stored stored = StoredIn(*store, pipeline_->scenario().id);
  EXPECT_EQ(stored.articles, expected_.articles);
  EXPECT_EQ(stored.statements, expected_.statements);
  EXPECT_EQ(stored.queue.done, 30);
}

// Queued twice: the second copy of each document is skipped as already stored.
TEST_P(WorkerTest, ADocumentQueuedTwiceIsStoredOnce) {
  const std::string& db = db_;
  ASSERT_EQ(Enqueued(db), 30);
  ASSERT_EQ(Enqueued(db), 30);
  auto store = Open(db);
  ASSERT_TRUE(store);
  auto worked = Work(*pipeline_, *store, options_, Worker("w"), nullptr);
  ASSERT_TRUE(worked.ok()) << worked.status().message();
  EXPECT_EQ(worked->ingested.articles_added, 30);
  EXPECT_EQ(worked->ingested.already_stored, 30);
  const Stored stored = StoredIn(*store, pipeline_->scenario().id);
  EXPECT_EQ(stored.articles, expected_.articles);
  EXPECT_EQ(stored.statements, expected_.statements);
  EXPECT_EQ(stored.queue.done, 60);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkerTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Postgres" : "Sqlite";
                         });

}  // namespace
}  // namespace parley::pipeline
