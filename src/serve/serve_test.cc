#include "parley/serve.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "parley/forecast.h"
#include "parley/positions.h"
#include "site_guard.h"

namespace parley::serve {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

const std::string kFixture = PARLEY_SOURCE_DIR "/testdata/report/berlin-2025-12.json";
const std::string kHostile = PARLEY_SOURCE_DIR "/testdata/report/hostile.json";

report::Snapshot LoadFixture(const std::string& path = kFixture) {
  auto snapshot = report::LoadSnapshot(path);
  PARLEY_CHECK(snapshot.ok());
  return std::move(*snapshot);
}

PositionsDocument FixturePositions() { return LoadFixture().positions; }

// The forecast engine of `parley serve`, compromise only and without draws: quick and exact.
ForecastFunction CompromiseEngine() {
  return EngineForecast({forecast::Model::kCompromise}, 0, forecast::Calibration());
}

// An ingest callback for tests: every article becomes one Ukrainian statement on NATO whose
// text is the article body.
IngestFunction AppendStatement(report::Snapshot base) {
  auto current = std::make_shared<report::Snapshot>(std::move(base));
  auto mutex = std::make_shared<std::mutex>();
  return [current, mutex](const ArticleUpload& article) -> Result<report::Snapshot> {
    if (article.body.find("reject me") != std::string::npos) {
      return InvalidInput(article.name + ": no statement found, expected a negotiation article");
    }
    std::lock_guard lock(*mutex);
    report::SnapshotStatement& added = current->statements.emplace_back();
    added.id = "new";
    added.doc = article.name;
    added.actor = "UKR";
    added.issue = "nato";
    added.position = 60;
    added.date = "2025-12-17";
    added.text = article.body;
    return *current;
  };
}

// Runs a server on a free loopback port for the duration of a test.
class ServerTest : public ::testing::Test {
 protected:
  void Start(report::Snapshot snapshot, ForecastFunction forecast, IngestFunction ingest,
             ServeOptions options = {}) {
    options.port = 0;
    server_ = std::make_unique<DashboardServer>(std::move(snapshot), std::move(forecast),
                                                std::move(ingest), options);
    ASSERT_TRUE(server_->Bind().ok());
    thread_ = std::thread([this] { (void)server_->Run(); });
    client_ = DashboardClient();
  }

  // A client that sends what the dashboard's own page sends: its Origin.
  std::unique_ptr<httplib::Client> DashboardClient() const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client->set_default_headers({{"Origin", Origin()}});
    return client;
  }

  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  void StartDefault() {
    Start(LoadFixture(), CompromiseEngine(), AppendStatement(LoadFixture()));
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  Json GetJson(const std::string& path, int expected_status = 200) {
    auto response = client_->Get(path.c_str());
    EXPECT_TRUE(response);
    if (!response) return Json();
    EXPECT_EQ(response->status, expected_status) << response->body;
    EXPECT_EQ(response->get_header_value("Content-Type"), "application/json; charset=utf-8");
    return Json::parse(response->body);
  }

  httplib::Result PostJson(const std::string& path, const Json& body) {
    return client_->Post(path.c_str(), body.dump(), "application/json");
  }

  std::unique_ptr<DashboardServer> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

// The capability x salience weighted mean of the territory cells of the fixture, with Russia's
// position replaced by 40: (45*100*25 + 80*100*40 + 100*70*75 + 40*60*30 + 60*70*20) / 26100.
constexpr double kTerritoryWithRussiaAt40 = 1113500.0 / 26100.0;

double ForecastOf(const Json& forecasts, const std::string& issue) {
  for (const Json& forecast : forecasts) {
    if (forecast["issue"] == issue) return forecast["forecast"].get<double>();
  }
  return -1;
}

TEST(ServeOptionsTest, BindsToLoopbackByDefault) { EXPECT_EQ(ServeOptions().host, "127.0.0.1"); }

TEST_F(ServerTest, ScenarioListsActorsAndIssues) {
  StartDefault();
  Json scenario = GetJson("/api/scenario");
  EXPECT_EQ(scenario["id"], "ukraine-2025");
  EXPECT_EQ(scenario["actors"].size(), 7u);
  EXPECT_EQ(scenario["actors"][0]["name"], "Ukraine");
  EXPECT_EQ(scenario["issues"][0]["anchors"][4]["label"], "permanent neutrality");
}

TEST_F(ServerTest, PositionsAsOfRollBackLaterShifts) {
  StartDefault();
  Json now = GetJson("/api/positions");
  Json before = GetJson("/api/positions?as_of=2025-12-01");
  auto cell = [](const Json& positions, const std::string& actor, const std::string& issue) {
    for (const Json& c : positions["cells"]) {
      if (c["actor"] == actor && c["issue"] == issue) return c;
    }
    return Json();
  };
  EXPECT_EQ(cell(now, "UKR", "nato")["position"], 70);
  EXPECT_EQ(cell(before, "UKR", "nato")["position"], 10);  // before Kyiv's Berlin shift
  EXPECT_EQ(cell(before, "UKR", "nato")["statements"], 1);
  EXPECT_EQ(before["as_of"], "2025-12-01");
  EXPECT_TRUE(cell(before, "FRA", "guarantees").is_null());  // its only evidence is later
  EXPECT_EQ(cell(before, "FRA", "nato")["basis"], "prior");  // priors stay
}

TEST_F(ServerTest, PositionsRejectABadDate) {
  StartDefault();
  Json error = GetJson("/api/positions?as_of=yesterday", 400);
  EXPECT_EQ(error["error"], "as_of is 'yesterday', expected a date YYYY-MM-DD");
}

TEST_F(ServerTest, Problem4ImpossibleAsOfDateIs400) {
  StartDefault();
  Json error = GetJson("/api/positions?as_of=2025-13-45", 400);
  EXPECT_EQ(error["error"], "as_of is '2025-13-45', expected a date YYYY-MM-DD");
  GetJson("/api/positions?as_of=2025-02-30", 400);
}

TEST_F(ServerTest, StatementsFilterByActorAndIssue) {
  StartDefault();
  Json statements = GetJson("/api/statements?actor=RUS&issue=territory");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0]["id"], "s10");
  EXPECT_EQ(statements[1]["id"], "s18");
  EXPECT_EQ(GetJson("/api/statements").size(), 19u);
  EXPECT_EQ(GetJson("/api/statements?issue=guarantees").size(), 7u);
}

TEST_F(ServerTest, ForecastFiltersByModel) {
  StartDefault();
  EXPECT_EQ(GetJson("/api/forecast").size(), 15u);
  Json eum = GetJson("/api/forecast?model=eum");
  ASSERT_EQ(eum.size(), 5u);
  EXPECT_EQ(eum[0]["rounds"].size(), 5u);
}

TEST_F(ServerTest, StoriesCarryTheirOutlets) {
  StartDefault();
  Json stories = GetJson("/api/stories");
  ASSERT_EQ(stories.size(), 4u);
  EXPECT_EQ(stories[2]["outlets"],
            Json({"Berlin Dispatch", "Continental Review", "Eastern Monitor", "Kyiv Ledger"}));
}

TEST_F(ServerTest, WhatIfReForecasts) {
  StartDefault();
  auto response =
      PostJson("/api/whatif",
               {{"overrides", {{{"actor", "RUS"}, {"issue", "territory"}, {"position", 40}}}}});
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200) << response->body;
  Json answer = Json::parse(response->body);
  // Forecasts are rounded to 0.1 as in the snapshot.
  EXPECT_NEAR(ForecastOf(answer["forecasts"], "territory"), kTerritoryWithRussiaAt40, 0.05);
  EXPECT_TRUE(answer["server_ms"].is_number());
}

TEST_F(ServerTest, WhatIfCapabilityOverrideMovesTheForecast) {
  StartDefault();
  auto base = PostJson("/api/whatif", {{"overrides", Json::array()}});
  auto weaker = PostJson("/api/whatif", {{"overrides", {{{"actor", "RUS"}, {"capability", 0}}}}});
  ASSERT_TRUE(base && weaker);
  // Without Russia's weight the territory forecast falls: Russia holds the highest position.
  EXPECT_LT(ForecastOf(Json::parse(weaker->body)["forecasts"], "territory"),
            ForecastOf(Json::parse(base->body)["forecasts"], "territory"));
}

TEST_F(ServerTest, WhatIfNamesTheBadOverride) {
  StartDefault();
  auto response =
      PostJson("/api/whatif", {{"overrides",
                                {{{"actor", "RUS"}, {"issue", "nato"}, {"position", 50}},
                                 {{"actor", "UKR"}, {"issue", "nato"}, {"position", 140}}}}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(Json::parse(response->body)["error"],
            "overrides[1].position is 140, expected a number in 0-100");
  auto not_json = client_->Post("/api/whatif", "{oops", "application/json");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400);
  EXPECT_EQ(Json::parse(not_json->body)["error"],
            "the request body is not JSON, expected {\"overrides\": [...]}");
}

TEST_F(ServerTest, WhatIfWithoutEngineIs501) {
  Start(LoadFixture(), nullptr, nullptr);
  auto response = PostJson("/api/whatif", {{"overrides", Json::array()}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 501);
  EXPECT_EQ(Json::parse(response->body)["error"], "no forecast engine is configured for what-if");
}

TEST_F(ServerTest, ForecastCallbackErrorBecomesJson) {
  Start(
      LoadFixture(),
      [](const PositionsDocument&) -> Result<Json> { return InternalError("engine broke"); },
      nullptr);
  auto response = PostJson("/api/whatif", {{"overrides", Json::array()}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(Json::parse(response->body)["error"], "engine broke");
}

TEST_F(ServerTest, OversizedBodyIs413) {
  ServeOptions options;
  options.max_body_bytes = 1024;
  Start(LoadFixture(), CompromiseEngine(), nullptr, options);
  auto response = client_->Post("/api/whatif", std::string(4096, ' '), "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(Json::parse(response->body)["error"], "the request body is too large");
}

TEST_F(ServerTest, UnknownEndpointIsJson404) {
  StartDefault();
  Json error = GetJson("/api/nothing", 404);
  EXPECT_EQ(error["error"], "no such endpoint: /api/nothing");
}

TEST_F(ServerTest, ArticleIngestUpdatesTheAnalysis) {
  StartDefault();
  auto response = PostJson(
      "/api/articles",
      {{"name", "late.txt"}, {"text", "Kyiv said on Wednesday it could accept neutrality."}});
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200) << response->body;
  EXPECT_EQ(Json::parse(response->body)["statements"], 20);
  Json statements = GetJson("/api/statements?actor=UKR&issue=nato");
  EXPECT_EQ(statements.back()["text"], "Kyiv said on Wednesday it could accept neutrality.");
}

TEST_F(ServerTest, ArticleIngestRejectsWhatItCannotRead) {
  StartDefault();
  auto no_article = PostJson("/api/articles", {{"name", "x.pdf"}, {"pdf", "%PDF-1.4"}});
  ASSERT_TRUE(no_article);
  EXPECT_EQ(no_article->status, 400);
  EXPECT_EQ(Json::parse(no_article->body)["error"],
            "the request body is not an article, expected {\"name\", \"text\"} or {\"name\", "
            "\"html\"} with a non-empty string");
  auto rejected = PostJson("/api/articles", {{"name", "x.txt"}, {"text", "please reject me"}});
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, 400);
  EXPECT_EQ(Json::parse(rejected->body)["error"],
            "x.txt: no statement found, expected a negotiation article");
}

TEST_F(ServerTest, ConcurrentWhatIfRequestsAllSucceed) {
  StartDefault();
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      auto client = DashboardClient();
      for (int i = 0; i < 20; ++i) {
        Json body = {{"overrides",
                      {{{"actor", "USA"}, {"issue", "nato"}, {"position", (t * 20 + i) % 101}}}}};
        auto response = client->Post("/api/whatif", body.dump(), "application/json");
        if (response && response->status == 200) ++ok;
      }
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(ok.load(), 160);
}

TEST_F(ServerTest, DashboardIsTheLivePage) {
  StartDefault();
  auto response = client_->Get("/");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(response->body, HasSubstr("connect-src 'self'"));
  EXPECT_THAT(response->body, HasSubstr(R"({"annotations":false,"generation":1,"ingest":true,"live":true})"));
  EXPECT_EQ(response->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(ServerTest, HostileSnapshotStaysInertInTheDashboard) {
  Start(LoadFixture(kHostile), CompromiseEngine(), nullptr);
  auto response = client_->Get("/");
  ASSERT_TRUE(response);
  size_t scripts = 0;
  for (size_t at = response->body.find("<script"); at != std::string::npos;
       at = response->body.find("<script", at + 1)) {
    ++scripts;
  }
  EXPECT_EQ(scripts, 3u);
  EXPECT_THAT(response->body, Not(HasSubstr("<img")));
  Json statements = GetJson("/api/statements?actor=UKR&issue=nato");
  EXPECT_THAT(statements.back()["text"].get<std::string>(), HasSubstr("<script>"));  // data, as is
}

// ---- Problem 2 of issue 14: any web page could write into the store ----

TEST_F(ServerTest, Problem2CrossSitePlainTextPostIsRefused) {
  StartDefault();
  httplib::Client evil("127.0.0.1", server_->port());
  evil.set_default_headers({{"Origin", "http://evil.example"}});
  auto response =
      evil.Post("/api/articles?name=fake.txt", "Kyiv accepts everything.", "text/plain");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 403);
  EXPECT_EQ(response->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(Json::parse(response->body)["error"],
            "Origin 'http://evil.example' is not this dashboard (" + Origin() +
                "); changes are accepted from the dashboard's own pages only");
  EXPECT_EQ(GetJson("/api/statements").size(), 19u);  // nothing was added
}

TEST_F(ServerTest, Problem2CrossSiteJsonPostIsRefused) {
  StartDefault();
  httplib::Client evil("127.0.0.1", server_->port());
  evil.set_default_headers({{"Origin", "http://evil.example"}});
  auto response = evil.Post("/api/whatif", R"({"overrides": []})", "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 403);
  EXPECT_THAT(Json::parse(response->body)["error"].get<std::string>(),
              HasSubstr("Origin 'http://evil.example' is not this dashboard"));
}

TEST_F(ServerTest, Problem2PostWithoutOriginOrRefererIsRefused) {
  StartDefault();
  httplib::Client bare("127.0.0.1", server_->port());
  auto response = bare.Post("/api/whatif", R"({"overrides": []})", "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 403);
  EXPECT_EQ(Json::parse(response->body)["error"],
            "a request that changes the analysis needs an Origin or Referer header of " + Origin());
}

TEST_F(ServerTest, Problem2RefererOnTheDashboardStandsInForOrigin) {
  StartDefault();
  httplib::Client page("127.0.0.1", server_->port());
  page.set_default_headers({{"Referer", Origin() + "/#forecasts"}});
  auto response = page.Post("/api/whatif", R"({"overrides": []})", "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200) << response->body;
  httplib::Client other("127.0.0.1", server_->port());
  other.set_default_headers({{"Referer", "http://evil.example/page"}});
  auto refused = other.Post("/api/whatif", R"({"overrides": []})", "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

TEST_F(ServerTest, Problem2SameOriginPostThatIsNotJsonIsRefused) {
  StartDefault();
  auto response = client_->Post("/api/articles", "Kyiv accepts everything.", "text/plain");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 403);
  EXPECT_EQ(Json::parse(response->body)["error"],
            "Content-Type is 'text/plain', expected application/json");
  EXPECT_EQ(GetJson("/api/statements").size(), 19u);
}

TEST_F(ServerTest, Problem2ForgedHostIsRefused) {
  StartDefault();
  std::string host = "evil.example:" + std::to_string(server_->port());
  auto response = client_->Get("/api/positions", {{"Host", host}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 403);
  EXPECT_EQ(Json::parse(response->body)["error"],
            "Host '" + host +
                "' does not name this server (127.0.0.1:" + std::to_string(server_->port()) +
                "); start parley serve with --allow-host NAME to accept another name");
  auto page = client_->Get("/", {{"Host", host}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 403);
}

TEST_F(ServerTest, Problem2AllowedHostAndLocalhostAreAccepted) {
  ServeOptions options;
  options.allowed_hosts = {"dashboard.team.example"};
  Start(LoadFixture(), CompromiseEngine(), nullptr, options);
  std::string port = std::to_string(server_->port());
  for (std::string host :
       {"dashboard.team.example:" + port, "localhost:" + port, "127.0.0.1:" + port}) {
    auto response = client_->Get("/api/scenario", {{"Host", host}});
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200) << host;
  }
  auto other_port = client_->Get("/api/scenario", {{"Host", "127.0.0.1:1"}});
  ASSERT_TRUE(other_port);
  EXPECT_EQ(other_port->status, 403);
}

TEST(SiteGuardTest, Problem2OnlyAddressLiteralsCountAsLoopback) {
  SiteIdentity loopback{"127.0.0.1", 8080, {}};
  EXPECT_EQ(RefuseHost(loopback, "127.0.0.1:8080"), "");
  EXPECT_EQ(RefuseHost(loopback, "LOCALHOST:8080"), "");
  EXPECT_NE(RefuseHost(loopback, "127.evil.example:8080"), "");
  EXPECT_NE(RefuseHost(loopback, "127.0.0.1"), "");  // port 80 is not the bound port
  EXPECT_NE(RefuseHost(loopback, ""), "");
  SiteIdentity everywhere{"0.0.0.0", 8080, {}};
  EXPECT_EQ(RefuseHost(everywhere, "192.168.1.20:8080"), "");
  EXPECT_EQ(RefuseHost(everywhere, "[::1]:8080"), "");
  EXPECT_NE(RefuseHost(everywhere, "evil.example:8080"), "");
}

TEST(SiteGuardTest, Problem2WritesNeedTheServedOriginAndJson) {
  EXPECT_EQ(RefuseCrossSiteWrite("127.0.0.1:8080", "http://127.0.0.1:8080", "",
                                 "application/json; charset=utf-8"),
            "");
  EXPECT_NE(RefuseCrossSiteWrite("127.0.0.1:8080", "null", "", "application/json"), "");
  EXPECT_NE(RefuseCrossSiteWrite("127.0.0.1:8080", "http://127.0.0.1:9090", "", "application/json"),
            "");
  EXPECT_NE(RefuseCrossSiteWrite("127.0.0.1:8080", "", "http://127.0.0.1:8080.evil.example/",
                                 "application/json"),
            "");
  EXPECT_EQ(
      RefuseCrossSiteWrite("127.0.0.1:8080", "", "http://127.0.0.1:8080/", "application/json"), "");
}

// ---- Problem 3 of issue 14: a second server on the same port started without error ----

TEST_F(ServerTest, Problem3SecondServerOnTheSamePortFailsToBind) {
  StartDefault();
  ServeOptions options;
  options.port = server_->port();
  DashboardServer second(LoadFixture(), nullptr, nullptr, options);
  Status bound = second.Bind();
  EXPECT_EQ(bound.code(), StatusCode::kIo);
  EXPECT_EQ(bound.message(), "127.0.0.1:" + std::to_string(server_->port()) +
                                 ": cannot listen: the port is in use (is another parley serve "
                                 "running?)");
}

TEST(ApplyWhatIfTest, AddsACellForANewStance) {
  auto changed =
      ApplyWhatIf(FixturePositions(),
                  {{"overrides", {{{"actor", "FRA"}, {"issue", "territory"}, {"position", 35}}}}});
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  const PositionsDocument::Cell& added = changed->cells.back();
  EXPECT_EQ(added.actor, "FRA");
  EXPECT_EQ(added.basis, CellBasis::kOverride);
  EXPECT_EQ(added.position, 35);
  EXPECT_EQ(added.salience, 50);
}

// Moving an evidenced cell keeps the issue's evidence, so its forecast does not vanish; a new
// cell is the analyst's guess and counts as no evidence.
TEST(ApplyWhatIfTest, AMovedEvidenceCellStillCountsAsEvidence) {
  auto changed =
      ApplyWhatIf(FixturePositions(),
                  {{"overrides", {{{"actor", "RUS"}, {"issue", "territory"}, {"position", 40}},
                                  {{"actor", "FRA"}, {"issue", "territory"}, {"position", 35}}}}});
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  int seen = 0;
  for (const PositionsDocument::Cell& cell : changed->cells) {
    if (cell.issue != "territory") continue;
    if (cell.actor == "RUS") {
      EXPECT_EQ(cell.basis, CellBasis::kOverride);
      EXPECT_EQ(cell.position, 40);
      EXPECT_EQ(cell.low, 40);
      EXPECT_TRUE(cell.counts_as_evidence);
      ++seen;
    }
    if (cell.actor == "FRA") {
      EXPECT_FALSE(cell.counts_as_evidence);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 2);
}

TEST(ApplyWhatIfTest, SalienceAloneNeedsAStance) {
  auto changed =
      ApplyWhatIf(FixturePositions(),
                  {{"overrides", {{{"actor", "FRA"}, {"issue", "territory"}, {"salience", 35}}}}});
  EXPECT_EQ(changed.status().message(),
            "overrides[0] sets the salience of FRA on territory, which has no stance; expected a "
            "position too");
}

TEST(ApplyWhatIfTest, UnknownActorIsNamed) {
  auto changed = ApplyWhatIf(FixturePositions(),
                             {{"overrides", {{{"actor", "CHN"}, {"capability", 10}}}}});
  EXPECT_EQ(changed.status().message(),
            "overrides[0].actor is \"CHN\", expected the id of an actor of the scenario");
}

// Issue 15: the dashboard's what-if numbers are the forecast library's, by the code path of
// `parley analyze` (forecast::ForecastPositions with every model), not a private re-implementation.
TEST_F(ServerTest, WhatIfNumbersAreTheForecastLibrarys) {
  forecast::Calibration calibration;
  calibration.headline = forecast::Model::kEnsemble;
  calibration.error_scale.fill(0.5);
  Start(LoadFixture(), EngineForecast(forecast::AllModels(), 20, calibration), nullptr);
  Json request = {{"overrides",
                   {{{"actor", "RUS"}, {"issue", "territory"}, {"position", 40}},
                    {{"actor", "USA"}, {"capability", 30}}}}};
  auto response = PostJson("/api/whatif", request);
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200) << response->body;
  Json answer = Json::parse(response->body)["forecasts"];

  auto changed = ApplyWhatIf(FixturePositions(), request);
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  forecast::ForecastOptions options;
  options.samples = 20;
  options.calibration = calibration;
  auto expected = forecast::ForecastPositions(*changed, forecast::AllModels(), options);
  ASSERT_TRUE(expected.ok()) << expected.status().message();
  ASSERT_FALSE(expected->entries.empty());
  EXPECT_EQ(answer, forecast::ForecastsJson(*expected));
}

// With the store, /api/positions?as_of= is the positions stage's answer (the callback), in the
// JSON form of docs/positions-json.md.
TEST_F(ServerTest, PositionsAsOfAsksThePositionsStageWhenItCan) {
  ServeOptions options;
  std::string asked;
  options.positions_as_of = [&asked](const std::string& as_of) -> Result<PositionsDocument> {
    asked = as_of;
    PositionsDocument document = FixturePositions();
    document.as_of = as_of;
    document.cells.resize(1);
    return document;
  };
  Start(LoadFixture(), CompromiseEngine(), nullptr, options);
  Json before = GetJson("/api/positions?as_of=2025-12-01");
  EXPECT_EQ(asked, "2025-12-01");
  EXPECT_EQ(before["as_of"], "2025-12-01");
  EXPECT_EQ(before["cells"].size(), 1u);
  PositionsDocument expected = FixturePositions();
  expected.as_of = "2025-12-01";
  expected.cells.resize(1);
  EXPECT_EQ(before, PositionsDocumentJson(expected));
  // Without a date the snapshot's own positions are served.
  EXPECT_EQ(GetJson("/api/positions"), PositionsDocumentJson(LoadFixture().positions));
}

// ---- The team's annotations ----

// A store for tests: annotations kept in memory, numbered and stamped in order; an override
// moves Russia's territory cell in the snapshot it returns.
struct FakeAnnotationStore {
  std::mutex mutex;
  std::vector<AnnotationRecord> kept;

  void Install(ServeOptions& options) {
    options.annotations = [this]() -> Result<std::vector<AnnotationRecord>> {
      std::lock_guard lock(mutex);
      return kept;
    };
    options.annotate = [this](const AnnotationRecord& annotation) -> Result<AnnotationAdded> {
      std::lock_guard lock(mutex);
      AnnotationAdded added{annotation, std::nullopt};
      added.annotation.id = static_cast<int64_t>(kept.size()) + 1;
      added.annotation.created_at = "2026-12-06T10:0" + std::to_string(kept.size()) + ":00Z";
      kept.push_back(added.annotation);
      if (annotation.kind == AnnotationKind::kOverride) {
        added.snapshot = LoadFixture();
        for (PositionsDocument::Cell& cell : added.snapshot->positions.cells) {
          if (cell.actor == annotation.actor && cell.issue == annotation.issue) {
            cell.position = *annotation.position;
            cell.basis = CellBasis::kOverride;
            cell.author = annotation.author;
          }
        }
      }
      return added;
    };
  }
};

TEST_F(ServerTest, AnAnnotationIsKeptWithItsAuthorAndAnOverrideIsServedToEveryone) {
  FakeAnnotationStore store;
  ServeOptions options;
  store.Install(options);
  Start(LoadFixture(), CompromiseEngine(), nullptr, options);
  auto page = client_->Get("/");
  ASSERT_TRUE(page);
  EXPECT_THAT(page->body, HasSubstr(R"({"annotations":true,"generation":1,"ingest":false,"live":true})"));

  auto note = PostJson("/api/annotations", {{"actor", "RUS"}, {"issue", "territory"},
                                            {"author", "  Ann Analyst "}, {"note", "<b>watch</b>"}});
  ASSERT_TRUE(note);
  ASSERT_EQ(note->status, 200) << note->body;
  Json noted = Json::parse(note->body);
  EXPECT_EQ(noted["positions_changed"], false);
  EXPECT_EQ(noted["annotation"], Json({{"id", 1}, {"actor", "RUS"}, {"issue", "territory"},
                                       {"kind", "note"}, {"note", "<b>watch</b>"},
                                       {"author", "Ann Analyst"},
                                       {"created_at", "2026-12-06T10:00:00Z"}}));

  auto override_cell = PostJson("/api/annotations", {{"actor", "RUS"}, {"issue", "territory"},
                                                     {"author", "Bo"}, {"position", 40}});
  ASSERT_TRUE(override_cell);
  ASSERT_EQ(override_cell->status, 200) << override_cell->body;
  EXPECT_EQ(Json::parse(override_cell->body)["annotation"]["kind"], "override");
  EXPECT_EQ(Json::parse(override_cell->body)["positions_changed"], true);
  // Another analyst's dashboard sees the new positions and both annotations.
  auto colleague = DashboardClient();
  auto positions = colleague->Get("/api/positions");
  ASSERT_TRUE(positions);
  bool overridden = false;
  const Json served = Json::parse(positions->body);
  for (const Json& cell : served["cells"]) {
    if (cell["actor"] == "RUS" && cell["issue"] == "territory") {
      overridden = cell["position"] == 40 && cell["basis"] == "override" && cell["author"] == "Bo";
    }
  }
  EXPECT_TRUE(overridden) << positions->body;
  EXPECT_EQ(GetJson("/api/annotations").size(), 2u);
  EXPECT_EQ(GetJson("/api/annotations?actor=RUS&issue=territory").size(), 2u);
  EXPECT_EQ(GetJson("/api/annotations?actor=UKR").size(), 0u);
}

TEST_F(ServerTest, ABadAnnotationIsNamedAndNothingIsKept) {
  FakeAnnotationStore store;
  ServeOptions options;
  store.Install(options);
  Start(LoadFixture(), CompromiseEngine(), nullptr, options);
  const Json cell = {{"actor", "RUS"}, {"issue", "territory"}, {"author", "Ann"}};
  auto with = [&cell](const Json& more) {
    Json body = cell;
    body.update(more);
    return body;
  };
  const std::vector<std::pair<Json, std::string>> cases = {
      {with({{"author", ""}, {"note", "x"}}), "author is \"\", expected the analyst's name"},
      {with({{"author", "Ann\nEve"}, {"note", "x"}}), "expected a name on one line"},
      {with({{"author", std::string(81, 'a')}, {"note", "x"}}), "expected at most 80"},
      {with({{"actor", "XXX"}, {"note", "x"}}), "actor is \"XXX\", expected the id of an actor"},
      {with({{"issue", "moon"}, {"note", "x"}}), "issue is \"moon\", expected the id of an issue"},
      {with({{"position", 140}}), "position is 140, expected a number in 0-100"},
      {with({{"kind", "override"}}), "position is null, expected a number in 0-100"},
      {with({{"kind", "note"}}), "note is null, expected the text of the note"},
      {with({{"kind", "withdraw"}, {"position", 20}}), "a withdraw carries no position"},
      {with({{"kind", "veto"}}), "kind is \"veto\", expected \"note\", \"override\""},
      {with({{"note", std::string(kMaxNoteBytes + 1, 'n')}}), "note is 4001 bytes long"},
      {Json::array(), "the request body is []"},
  };
  for (const auto& [body, message] : cases) {
    auto response = PostJson("/api/annotations", body);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400) << body.dump();
    EXPECT_THAT(Json::parse(response->body)["error"].get<std::string>(), HasSubstr(message));
  }
  auto not_json = client_->Post("/api/annotations", "{oops", "application/json");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400);
  EXPECT_TRUE(store.kept.empty());
}

TEST_F(ServerTest, AnnotationsFromAnotherSiteAreRefused) {
  FakeAnnotationStore store;
  ServeOptions options;
  store.Install(options);
  Start(LoadFixture(), CompromiseEngine(), nullptr, options);
  httplib::Client evil("127.0.0.1", server_->port());
  evil.set_default_headers({{"Origin", "http://evil.example"}});
  auto response = evil.Post("/api/annotations",
                            R"({"actor": "RUS", "issue": "territory", "author": "x", "position": 0})",
                            "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 403);
  EXPECT_TRUE(store.kept.empty());
}

// A colleague's change reaches this dashboard: an open page learns that the snapshot moved on
// (GET /api/generation), and a page load serves the store as it is now.
TEST_F(ServerTest, APageLoadServesTheStoreAsItIsNow) {
  ServeOptions options;
  int asked = 0;
  options.reload = [&asked]() -> Result<std::optional<report::Snapshot>> {
    if (++asked > 1) return std::optional<report::Snapshot>();
    report::Snapshot changed = LoadFixture();
    changed.positions.cells.resize(1);
    return std::optional<report::Snapshot>(std::move(changed));
  };
  Start(LoadFixture(), CompromiseEngine(), nullptr, options);
  EXPECT_GT(GetJson("/api/positions")["cells"].size(), 1u);
  EXPECT_EQ(GetJson("/api/generation"), Json({{"generation", 2}}));  // the store changed
  EXPECT_EQ(GetJson("/api/positions")["cells"].size(), 1u);
  auto page = client_->Get("/");  // nothing changed since
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr(R"("generation":2,)"));
  EXPECT_EQ(asked, 2);
  EXPECT_EQ(GetJson("/api/positions")["cells"].size(), 1u);
}

TEST_F(ServerTest, AnnotationsWithoutAStoreAre501) {
  StartDefault();
  EXPECT_EQ(GetJson("/api/annotations", 501)["error"],
            "annotations are kept in a store: run parley serve --db");
  auto response = PostJson("/api/annotations", {{"actor", "RUS"}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 501);
}

}  // namespace
}  // namespace parley::serve
