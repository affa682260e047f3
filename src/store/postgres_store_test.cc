// What only the PostgreSQL store has: a connection, its failures, and the retry of a batch
// whose connection was lost. The shared semantics are in store_contract_test.cc.
#include <gtest/gtest.h>

#include "parley/store.h"
#include "postgres_server.h"
#include "refusing_port.h"
#include "schema.h"

namespace parley {
namespace {

using testing::RefusingPort;

TEST(PostgresStoreTest, ARefusedConnectionIsOneLineNamingTheUrlWithoutItsPassword) {
  RefusingPort refusing;
  ASSERT_FALSE(refusing.port().empty());
  auto store = OpenStore("postgresql://ann:secret@127.0.0.1:" + refusing.port() + "/parley");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kDatabase);
  EXPECT_EQ(store.status().message(),
            "postgresql://ann@127.0.0.1:" + refusing.port() +
                "/parley: cannot connect: connection to server at \"127.0.0.1\", port " +
                refusing.port() + " failed: Connection refused");
}

TEST(PostgresStoreTest, APasswordInTheQueryIsLeftOutToo) {
  RefusingPort refusing;
  auto store = OpenStore("postgres://127.0.0.1:" + refusing.port() + "/parley?password=secret");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message().rfind(
                "postgres://127.0.0.1:" + refusing.port() + "/parley?: cannot connect: ", 0),
            0u)
      << store.status().message();
}

TEST(PostgresStoreTest, AMalformedUrlIsOneLineNamingIt) {
  auto store = OpenStore("postgresql://ann@db.example:port/parley");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kDatabase);
  EXPECT_EQ(store.status().message(),
            "postgresql://ann@db.example:port/parley: cannot connect: invalid integer value "
            "\"port\" for connection option \"port\"");
}

class PostgresServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bool missing = false;
    std::string why;
    server_ = testing::PostgresServer::Shared(&why, &missing);
    if (missing) GTEST_SKIP() << why;
    ASSERT_NE(server_, nullptr) << why;
    url_ = server_->NewDatabase(&why);
    ASSERT_FALSE(url_.empty()) << why;
  }

  testing::PostgresServer* server_ = nullptr;
  std::string url_;
};

ArticleRecord Article(const std::string& id) {
  ArticleRecord a;
  a.id = id;
  a.title = "Envoys meet in Berlin";
  a.date = "2025-12-14";
  a.text = "Envoys met in Berlin on Sunday.";
  return a;
}

TEST_F(PostgresServerTest, ABatchCutByALostConnectionIsWrittenWholeOnTheNextConnection) {
  auto store = OpenStore(url_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  Batch batch;
  batch.articles = {Article("a1"), Article("a2")};
  int indexed = 0;
  std::string why;
  // The connection goes after the first article is in: the server rolls the batch back, the
  // store connects again and writes it from the start.
  batch.index_story = [&](StoryIndexBackend&, int64_t, const ArticleRecord&, size_t) {
    if (++indexed == 1 && !server_->DropConnections(url_, &why)) return InternalError(why);
    return Status::Ok();
  };
  auto written = (*store)->WriteBatch(batch);
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_EQ(written->articles_added, 2);
  EXPECT_TRUE(written->already_stored.empty());
  EXPECT_EQ(indexed, 3);  // a1 in the lost attempt, a1 and a2 in the retry
  EXPECT_EQ((*store)->Articles()->size(), 2u);
}

// A server restart between two requests of a long-running program (serve, a worker between
// batches): the read is asked again on a new connection.
TEST_F(PostgresServerTest, AReadThatFindsItsConnectionLostIsAskedAgainOnANewOne) {
  auto store = OpenStore(url_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  Batch batch;
  batch.articles = {Article("a1")};
  ASSERT_TRUE((*store)->WriteBatch(batch).ok());
  std::string why;
  ASSERT_TRUE(server_->DropConnections(url_, &why)) << why;

  auto articles = (*store)->Articles();  // finds the connection gone, then connects again
  ASSERT_TRUE(articles.ok()) << articles.status().message();
  EXPECT_EQ(articles->size(), 1u);
  // A read while the server refuses connections is one line naming the URL.
  const std::string admin = url_.substr(0, url_.rfind('/')) + "/postgres";
  const std::string database = url_.substr(url_.rfind('/') + 1);
  ASSERT_TRUE(server_->Run(admin, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false", &why))
      << why;
  ASSERT_TRUE(server_->DropConnections(url_, &why)) << why;
  auto refused = (*store)->Articles();
  ASSERT_TRUE(server_->Run(admin, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true", &why))
      << why;
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message().rfind(url_ + ": cannot connect: ", 0), 0u)
      << refused.status().message();
}

// A worker whose connection dropped between two claims: the claim is made on a new one, and
// the batch it finishes is stored whole with its done marks.
TEST_F(PostgresServerTest, AClaimAfterALostConnectionIsMadeOnANewConnection) {
  auto store = OpenStore(url_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  QueuedDocument queued;
  queued.path = "a.txt";
  queued.content = "Envoys met in Berlin on Sunday.";
  ASSERT_TRUE((*store)->Enqueue({queued, queued}).ok());
  std::string why;
  ASSERT_TRUE(server_->DropConnections(url_, &why)) << why;

  auto claimed = (*store)->ClaimQueued("w1", 10, 600);
  ASSERT_TRUE(claimed.ok()) << claimed.status().message();
  ASSERT_EQ(claimed->size(), 2u);
  Batch batch;
  batch.articles = {Article("a1")};
  batch.done_queue = {(*claimed)[0].id, (*claimed)[1].id};
  int indexed = 0;
  batch.index_story = [&](StoryIndexBackend&, int64_t, const ArticleRecord&, size_t) {
    if (++indexed == 1 && !server_->DropConnections(url_, &why)) return InternalError(why);
    return Status::Ok();
  };
  auto written = (*store)->WriteBatch(batch);
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_EQ(indexed, 2);  // the lost attempt, then the retry
  auto counts = (*store)->CountQueued();
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->done, 2);
  EXPECT_EQ((*store)->Articles()->size(), 1u);
}

TEST_F(PostgresServerTest, AStatementTheServerRefusesIsOneLineWithTheServersReason) {
  auto store = OpenStore(url_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  std::string why;
  ASSERT_TRUE(server_->Run(url_, "DROP TABLE forecasts", &why)) << why;
  auto forecasts = (*store)->Forecasts("ukraine-2025");
  ASSERT_FALSE(forecasts.ok());
  EXPECT_EQ(forecasts.status().message(),
            url_ + ": read forecasts: relation \"forecasts\" does not exist");
}

TEST_F(PostgresServerTest, AMissingDatabaseIsOneLineNamingIt) {
  const std::string missing = url_.substr(0, url_.rfind('/')) + "/no_such_db";
  const std::string port =
      missing.substr(missing.rfind(':') + 1, missing.rfind('/') - missing.rfind(':') - 1);
  auto store = OpenStore(missing);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(),
            missing + ": cannot connect: connection to server at \"127.0.0.1\", port " + port +
                " failed: FATAL:  database \"no_such_db\" does not exist");
}

TEST_F(PostgresServerTest, AStoreOfANewerParleyIsRefused) {
  {
    auto store = OpenStore(url_);
    ASSERT_TRUE(store.ok()) << store.status().message();
  }
  std::string why;
  ASSERT_TRUE(server_->Run(url_, "UPDATE parley_schema SET version = 99", &why)) << why;
  auto store = OpenStore(url_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(),
            url_ + ": schema version 99 is newer than this parley understands (" +
                std::to_string(store_schema::SchemaVersion()) + "); upgrade parley");
}

// A store of schema version 7 gains the band index of its stored originals (not of copies,
// nor of unsigned articles) when a parley of version 8 opens it.
TEST_F(PostgresServerTest, AStoreOfSchemaVersion7GainsTheBandsOfItsOriginals) {
  std::string signature;
  for (int band = 0; band < kNearCopyBands; ++band) {
    signature += std::string("\0\x01\xff", 3) + static_cast<char>(band);  // a zero byte in each
  }
  {
    auto store = OpenStore(url_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    Batch batch;
    for (const char* id : {"original", "copy", "unsigned"}) {
      ArticleRecord& a = batch.articles.emplace_back();
      a.id = id;
      a.date = "2025-12-14";
    }
    batch.articles[0].near_signature = signature;
    batch.articles[1].near_signature = signature;
    batch.articles[1].dup_of = "original";
    ASSERT_TRUE((*store)->WriteBatch(batch).ok());
  }
  std::string why;
  ASSERT_TRUE(server_->Run(url_,
                           "DROP TABLE annotations; DROP TABLE near_bands; "
                           "DROP INDEX articles_unsigned; UPDATE parley_schema SET version = 7",
                           &why))
      << why;
  auto store = OpenStore(url_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(*(*store)->SchemaVersion(), 9);
  // Each band on its own finds the original.
  for (int band = 0; band < kNearCopyBands; ++band) {
    std::string shares_one_band(signature.size(), 'x');
    shares_one_band.replace(band * 4, 4, signature.substr(band * 4, 4));
    auto candidates = (*store)->NearCopyCandidates(shares_one_band);
    ASSERT_TRUE(candidates.ok()) << candidates.status().message();
    ASSERT_EQ(candidates->size(), 1u) << "band " << band;
    EXPECT_EQ((*candidates)[0].id, "original");
  }
  auto unsigned_articles = (*store)->UnsignedArticles();
  ASSERT_TRUE(unsigned_articles.ok()) << unsigned_articles.status().message();
  ASSERT_EQ(unsigned_articles->size(), 1u);
  EXPECT_EQ((*unsigned_articles)[0].id, "unsigned");
}

}  // namespace
}  // namespace parley
