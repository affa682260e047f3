// The HTTP side of the dashboard: routes, JSON errors, cross-site checks, body and time
// limits, the snapshot swap.
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "parley/calendar_date.h"
#include "parley/forecast.h"
#include "parley/positions.h"
#include "parley/serve.h"
#include "queries.h"
#include "site_guard.h"

namespace parley::serve {
namespace {

using Json = nlohmann::json;

constexpr const char* kJsonType = "application/json; charset=utf-8";

void SendJson(httplib::Response& response, const Json& body, int status = 200) {
  response.status = status;
  response.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), kJsonType);
}

void SendError(httplib::Response& response, int status, const std::string& message) {
  SendJson(response, {{"error", message}}, status);
}

int HttpStatusFor(const Status& status) {
  return status.code() == StatusCode::kInvalidInput || status.code() == StatusCode::kNotFound ? 400
                                                                                              : 500;
}

// Debian's cpp-httplib is a compiled library that listens with a backlog of 5, which drops
// connections when a team opens the dashboard at once. listen() again on the listening socket
// raises the backlog (Linux).
constexpr int kListenBacklog = 128;
// A client that stalls while sending its request, or while reading the answer, gives its worker
// back after this long.
constexpr time_t kReadTimeoutSeconds = 5;
constexpr time_t kWriteTimeoutSeconds = 5;

bool ChangesState(const httplib::Request& request) {
  return request.method != "GET" && request.method != "HEAD" && request.method != "OPTIONS";
}

// Common headers: the API is same-origin only and nothing may be sniffed or framed.
void AddSecurityHeaders(httplib::Response& response) {
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("Cache-Control", "no-store");
}

}  // namespace

struct DashboardServer::State {
  httplib::Server http;
  ServeOptions options;
  ForecastFunction forecast;
  IngestFunction ingest;
  std::atomic<int> port{0};
  std::atomic<int> listen_socket{-1};
  // Stop() may come before Run() has started listening; these two close that race.
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> run_active{false};
  // Replaced as a whole after an ingest; requests keep the one they started with. The
  // generation counts the replacements, so an open page can tell that it shows an older one.
  mutable std::mutex snapshot_mutex;
  std::shared_ptr<const report::Snapshot> snapshot;
  int64_t generation = 0;

  std::shared_ptr<const report::Snapshot> Current(int64_t* current_generation = nullptr) const {
    std::lock_guard lock(snapshot_mutex);
    if (current_generation) *current_generation = generation;
    return snapshot;
  }

  void Replace(report::Snapshot next) {
    auto shared = std::make_shared<const report::Snapshot>(std::move(next));
    std::lock_guard lock(snapshot_mutex);
    snapshot = std::move(shared);
    ++generation;
  }

  // Takes the store's snapshot when another connection changed the store (ServeOptions::reload).
  Status ReloadIfChanged() {
    if (!options.reload) return Status::Ok();
    auto fresh = options.reload();
    if (!fresh.ok()) return fresh.status();
    if (*fresh) Replace(std::move(**fresh));
    return Status::Ok();
  }

  void Routes();
  // Refuses requests from other sites (see site_guard.h) before their body is read.
  httplib::Server::HandlerResponse Guard(const httplib::Request& request,
                                         httplib::Response& response) const;
  void WhatIf(const httplib::Request& request, httplib::Response& response);
  void Ingest(const httplib::Request& request, httplib::Response& response);
  void Annotations(const httplib::Request& request, httplib::Response& response);
  void Annotate(const httplib::Request& request, httplib::Response& response);
};

void DashboardServer::State::Routes() {
  http.Get("/", [this](const httplib::Request&, httplib::Response& response) {
    if (Status reloaded = ReloadIfChanged(); !reloaded.ok()) {
      SendError(response, HttpStatusFor(reloaded), reloaded.message());
      return;
    }
    report::HtmlOptions page = {
        .live = true, .ingest = bool(ingest), .annotations = bool(options.annotate)};
    auto shown = Current(&page.generation);
    response.set_content(report::RenderHtml(*shown, page), "text/html; charset=utf-8");
  });
  http.Get("/api/generation", [this](const httplib::Request&, httplib::Response& response) {
    if (Status reloaded = ReloadIfChanged(); !reloaded.ok()) {
      SendError(response, HttpStatusFor(reloaded), reloaded.message());
      return;
    }
    int64_t generation = 0;
    Current(&generation);
    SendJson(response, {{"generation", generation}});
  });
  http.Get("/api/scenario", [this](const httplib::Request&, httplib::Response& response) {
    SendJson(response, report::ScenarioJson(Current()->scenario));
  });
  http.Get("/api/positions", [this](const httplib::Request& request, httplib::Response& response) {
    std::string as_of = request.get_param_value("as_of");
    if (!as_of.empty() && !IsCalendarDate(as_of)) {
      SendError(response, 400, CalendarDateError("as_of", as_of));
      return;
    }
    if (as_of.empty() || !options.positions_as_of) {
      SendJson(response, PositionsDocumentJson(PositionsAsOf(*Current(), as_of)));
      return;
    }
    auto positions = options.positions_as_of(as_of);
    if (!positions.ok()) {
      SendError(response, HttpStatusFor(positions.status()), positions.status().message());
      return;
    }
    SendJson(response, PositionsDocumentJson(*positions));
  });
  http.Get("/api/statements", [this](const httplib::Request& request, httplib::Response& response) {
    SendJson(response, report::StatementsJson(FilterStatements(
                           *Current(), request.get_param_value("actor"),
                           request.get_param_value("issue"))));
  });
  http.Get("/api/forecast", [this](const httplib::Request& request, httplib::Response& response) {
    SendJson(response, forecast::ForecastsJson(FilterForecasts(Current()->forecasts,
                                                               request.get_param_value("model"))));
  });
  http.Get("/api/stories", [this](const httplib::Request&, httplib::Response& response) {
    SendJson(response, report::StoriesJson(Current()->stories));
  });
  http.Post("/api/whatif", [this](const httplib::Request& request, httplib::Response& response) {
    WhatIf(request, response);
  });
  http.Post("/api/articles", [this](const httplib::Request& request, httplib::Response& response) {
    Ingest(request, response);
  });
  http.Get("/api/annotations", [this](const httplib::Request& request,
                                      httplib::Response& response) { Annotations(request, response); });
  http.Post("/api/annotations", [this](const httplib::Request& request,
                                       httplib::Response& response) { Annotate(request, response); });
}

httplib::Server::HandlerResponse DashboardServer::State::Guard(const httplib::Request& request,
                                                               httplib::Response& response) const {
  std::string host = request.get_header_value("Host");
  std::string refusal = RefuseHost({options.host, port, options.allowed_hosts}, host);
  if (refusal.empty() && ChangesState(request)) {
    refusal = RefuseCrossSiteWrite(host, request.get_header_value("Origin"),
                                   request.get_header_value("Referer"),
                                   request.get_header_value("Content-Type"));
  }
  if (refusal.empty()) return httplib::Server::HandlerResponse::Unhandled;
  SendError(response, 403, refusal);
  AddSecurityHeaders(response);
  return httplib::Server::HandlerResponse::Handled;
}

void DashboardServer::State::WhatIf(const httplib::Request& request, httplib::Response& response) {
  if (!forecast) {
    SendError(response, 501, "no forecast engine is configured for what-if");
    return;
  }
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    SendError(response, 400, "the request body is not JSON, expected {\"overrides\": [...]}");
    return;
  }
  auto started = std::chrono::steady_clock::now();
  auto positions = ApplyWhatIf(Current()->positions, body);
  if (!positions.ok()) {
    SendError(response, 400, positions.status().message());
    return;
  }
  auto forecasts = forecast(*positions);
  if (!forecasts.ok()) {
    SendError(response, HttpStatusFor(forecasts.status()), forecasts.status().message());
    return;
  }
  double elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  SendJson(response, {{"forecasts", std::move(*forecasts)}, {"server_ms", elapsed_ms}});
}

void DashboardServer::State::Ingest(const httplib::Request& request, httplib::Response& response) {
  if (!ingest) {
    SendError(response, 501, "no ingest pipeline is configured for new articles");
    return;
  }
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  auto text_field = [&](const char* key) {
    return body.is_object() && body.contains(key) && body[key].is_string()
               ? body[key].get<std::string>()
               : std::string();
  };
  const bool is_html = body.is_object() && body.contains("html");
  std::string article = text_field(is_html ? "html" : "text");
  if (article.empty()) {
    SendError(response, 400,
              "the request body is not an article, expected {\"name\", \"text\"} or "
              "{\"name\", \"html\"} with a non-empty string");
    return;
  }
  auto updated =
      ingest({text_field("name"), is_html ? "text/html" : "text/plain", std::move(article)});
  if (!updated.ok()) {
    SendError(response, HttpStatusFor(updated.status()), updated.status().message());
    return;
  }
  size_t statements = updated->statements.size();
  Replace(std::move(*updated));
  SendJson(response, {{"ok", true}, {"statements", statements}});
}

void DashboardServer::State::Annotations(const httplib::Request& request,
                                         httplib::Response& response) {
  if (!options.annotations) {
    SendError(response, 501, "annotations are kept in a store: run parley serve --db");
    return;
  }
  auto annotations = options.annotations();
  if (!annotations.ok()) {
    SendError(response, HttpStatusFor(annotations.status()), annotations.status().message());
    return;
  }
  const std::string actor = request.get_param_value("actor");
  const std::string issue = request.get_param_value("issue");
  Json list = Json::array();
  for (const AnnotationRecord& a : *annotations) {
    if ((actor.empty() || a.actor == actor) && (issue.empty() || a.issue == issue)) {
      list.push_back(AnnotationJson(a));
    }
  }
  SendJson(response, list);
}

void DashboardServer::State::Annotate(const httplib::Request& request,
                                      httplib::Response& response) {
  if (!options.annotate) {
    SendError(response, 501, "annotations are kept in a store: run parley serve --db");
    return;
  }
  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    SendError(response, 400, "the request body is not JSON, expected {\"actor\", \"issue\", "
                             "\"author\", ...}");
    return;
  }
  auto annotation = ParseAnnotationRequest(Current()->scenario, body);
  if (!annotation.ok()) {
    SendError(response, 400, annotation.status().message());
    return;
  }
  auto added = options.annotate(*annotation);
  if (!added.ok()) {
    SendError(response, HttpStatusFor(added.status()), added.status().message());
    return;
  }
  const bool positions_changed = added->snapshot.has_value();
  if (positions_changed) Replace(std::move(*added->snapshot));
  SendJson(response, {{"annotation", AnnotationJson(added->annotation)},
                      {"positions_changed", positions_changed}});
}

DashboardServer::DashboardServer(report::Snapshot snapshot, ForecastFunction forecast,
                                 IngestFunction ingest, ServeOptions options)
    : state_(std::make_unique<State>()) {
  state_->options = std::move(options);
  state_->forecast = std::move(forecast);
  state_->ingest = std::move(ingest);
  state_->Replace(std::move(snapshot));
  State* state = state_.get();
  int threads = state_->options.threads < 1 ? 1 : state_->options.threads;
  state_->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  state_->http.set_payload_max_length(state_->options.max_body_bytes);
  state_->http.set_read_timeout(kReadTimeoutSeconds);
  state_->http.set_write_timeout(kWriteTimeoutSeconds);
  state_->http.set_socket_options([state](int socket) {
    // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second server binds
    // the same port and the kernel splits the requests between the two.
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    state->listen_socket = socket;
  });
  state_->http.set_pre_routing_handler(
      [state](const httplib::Request& request, httplib::Response& response) {
        return state->Guard(request, response);
      });
  state_->http.set_post_routing_handler(
      [](const httplib::Request&, httplib::Response& response) { AddSecurityHeaders(response); });
  // Statuses set by httplib itself (404, 413, ...) get a JSON body too.
  state_->http.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& request, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = response.status == 404   ? "no such endpoint: " + request.path
                              : response.status == 413 ? "the request body is too large"
                                                       : "request failed";
        SendError(response, response.status, message);
        AddSecurityHeaders(response);
        return httplib::Server::HandlerResponse::Handled;
      }));
  state_->http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        SendError(response, 500, "internal error while handling the request");
      });
  state->Routes();
}

DashboardServer::~DashboardServer() { Stop(); }

Status DashboardServer::Bind() {
  const ServeOptions& options = state_->options;
  int port = options.port;
  if (port == 0) {
    port = state_->http.bind_to_any_port(options.host);
  } else if (!state_->http.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    const bool in_use = errno == EADDRINUSE;
    return IoError(
        options.host + ":" + std::to_string(options.port) + ": cannot listen: " +
        (in_use ? "the port is in use (is another parley serve running?)"
                : std::string(std::strerror(errno)) + ", expected a free port on a local address"));
  }
  ::listen(state_->listen_socket, kListenBacklog);
  state_->port = port;
  return Status::Ok();
}

int DashboardServer::port() const { return state_->port; }

Status DashboardServer::Run() {
  state_->run_active = true;
  bool listened = state_->stop_requested || state_->http.listen_after_bind();
  state_->run_active = false;
  if (!listened) {
    return IoError(state_->options.host + ":" + std::to_string(port()) + ": cannot listen");
  }
  return Status::Ok();
}

void DashboardServer::Stop() {
  state_->stop_requested = true;
  while (state_->run_active && !state_->http.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  state_->http.stop();
}

}  // namespace parley::serve
