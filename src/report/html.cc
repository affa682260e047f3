// The HTML page: the bundled front end (web/dist) and the snapshot as inert JSON data.
#include <cstdio>
#include <fstream>
#include <random>
#include <string>

#include "parley/report.h"
#include "web_assets.h"

namespace parley::report {
namespace {

std::string EscapeHtmlText(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

// A fresh CSP nonce per page: only the script element carrying it may run, so markup that
// somehow slipped into the page could still not execute script.
std::string NewNonce() {
  std::random_device device;
  std::string nonce;
  for (int i = 0; i < 4; ++i) {
    char chunk[9];
    std::snprintf(chunk, sizeof chunk, "%08x", static_cast<unsigned>(device()));
    nonce += chunk;
  }
  return nonce;
}

std::string ContentSecurityPolicy(const std::string& nonce, bool live) {
  return "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce +
         "'; img-src data: blob:; connect-src " + (live ? "'self'" : "'none'") +
         "; base-uri 'none'; form-action 'none'";
}

}  // namespace

std::string JsonForScriptElement(const nlohmann::json& value) {
  std::string text =
      value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
  std::string safe;
  safe.reserve(text.size() + text.size() / 16);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // '<', '>' and '&' only occur inside JSON strings, where a \u escape means the same.
    if (c == '<') {
      safe += "\\u003c";
    } else if (c == '>') {
      safe += "\\u003e";
    } else if (c == '&') {
      safe += "\\u0026";
    } else if (c == '\xe2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xa8' || text[i + 2] == '\xa9')) {
      safe += text[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";  // JS line terminators
      i += 2;
    } else {
      safe += c;
    }
  }
  return safe;
}

std::string RenderHtml(const Snapshot& snapshot, const HtmlOptions& options) {
  const std::string nonce = NewNonce();
  const std::string title = snapshot.scenario.title.empty() ? "parley" : snapshot.scenario.title;
  const std::string data = JsonForScriptElement(SnapshotJson(snapshot));
  nlohmann::json config = {{"live", options.live},
                            {"ingest", options.live && options.ingest},
                            {"annotations", options.live && options.annotations}};
  if (options.live) config["generation"] = options.generation;
  std::string page;
  page.reserve(WebScript().size() + WebStyle().size() + data.size() + 4096);
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
          ContentSecurityPolicy(nonce, options.live) + "\">\n";
  page += "<title>" + EscapeHtmlText(title) + " — parley</title>\n";
  page += "<style nonce=\"" + nonce + "\">";
  page += WebStyle();
  page += "</style>\n</head>\n<body>\n<div id=\"app\"></div>\n";
  page +=
      "<noscript>This report draws its tables and charts with JavaScript; please enable it."
      "</noscript>\n";
  page += "<script id=\"parley-data\" type=\"application/json\">";
  page += data;
  page += "</script>\n<script id=\"parley-config\" type=\"application/json\">";
  page += JsonForScriptElement(config);
  page += "</script>\n<script nonce=\"" + nonce + "\">";
  page += WebScript();
  page += "</script>\n</body>\n</html>\n";
  return page;
}

Status WriteReport(const Snapshot& snapshot, const std::string& path) {
  std::string page = RenderHtml(snapshot);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return IoError(path + ": cannot create the report file");
  file.write(page.data(), static_cast<std::streamsize>(page.size()));
  file.close();
  if (!file) return IoError(path + ": cannot write the report file");
  return Status::Ok();
}

}  // namespace parley::report
