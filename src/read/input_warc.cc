// A streaming WARC/1.0 and 1.1 reader (ISO 28500). Only "response" records with an HTML HTTP
// payload, and "resource" records of type text/html, become documents; every other record is
// skipped silently, as CC-NEWS files hold request and metadata records too.
#include <zlib.h>

#include <cctype>
#include <charconv>
#include <map>
#include <optional>

#include "input_charset.h"
#include "input_formats.h"
#include "parley/text_util.h"

namespace parley::input {
namespace {

constexpr size_t kMaxHeaderLine = 1 << 16;

using Headers = std::map<std::string, std::string>;  // lower-case names

// Parses "Name: value" lines of `block` up to the first empty line; returns where the body starts.
// When `first_line` is given, the block's first line is a status line and goes there.
size_t ParseHeaderBlock(std::string_view block, Headers* headers, std::string* first_line) {
  size_t at = 0;
  bool first = first_line != nullptr;
  while (at < block.size()) {
    size_t end = block.find('\n', at);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    at = end + 1;
    if (line.empty()) return std::min(at, block.size());
    if (first) {
      *first_line = std::string(line);
      first = false;
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    (*headers)[Lower(Trim(line.substr(0, colon)))] = std::string(Trim(line.substr(colon + 1)));
  }
  return block.size();
}

std::optional<std::string> Dechunk(std::string_view body) {
  std::string out;
  size_t at = 0;
  while (at < body.size()) {
    size_t end = body.find("\r\n", at);
    if (end == std::string_view::npos) return std::nullopt;
    size_t size = 0;
    auto [ptr, ec] = std::from_chars(body.data() + at, body.data() + end, size, 16);
    if (ec != std::errc()) return std::nullopt;
    if (size == 0) return out;
    at = end + 2;
    if (at + size > body.size()) return std::nullopt;
    out.append(body.substr(at, size));
    at += size + 2;
  }
  return out;
}

std::optional<std::string> Gunzip(std::string_view data) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 32) != Z_OK) return std::nullopt;
  std::string out;
  char buffer[1 << 15];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (rc == Z_BUF_ERROR) break;
  }
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

struct Payload {
  std::string body;
  std::string charset;  // from the HTTP Content-Type, may be empty
};

// The HTML payload of a record, nullopt for records that carry no HTML page, or an error.
Result<std::optional<Payload>> HtmlPayload(const Headers& warc, std::string_view block) {
  auto type = warc.find("warc-type");
  std::string warc_type = type == warc.end() ? "" : Lower(type->second);
  auto warc_content_type = warc.find("content-type");
  std::string content_type =
      warc_content_type == warc.end() ? "" : Lower(warc_content_type->second);
  if (warc_type == "resource") {
    if (content_type.find("html") == std::string::npos) return std::optional<Payload>();
    return std::optional<Payload>(
        Payload{std::string(block), CharsetFromContentType(content_type)});
  }
  if (warc_type != "response" || content_type.find("application/http") == std::string::npos) {
    return std::optional<Payload>();
  }
  Headers http;
  std::string status_line;
  size_t body_at = ParseHeaderBlock(block, &http, &status_line);
  if (status_line.rfind("HTTP/", 0) != 0)
    return InvalidInput("response record has no HTTP status line");
  size_t space = status_line.find(' ');
  if (space == std::string::npos || status_line.compare(space + 1, 1, "2") != 0) {
    return std::optional<Payload>();  // redirects and errors carry no article
  }
  std::string http_type = http.count("content-type") ? Lower(http["content-type"]) : "";
  if (!http_type.empty() && http_type.find("html") == std::string::npos) {
    return std::optional<Payload>();
  }
  std::string body(block.substr(body_at));
  if (http.count("transfer-encoding") &&
      Lower(http["transfer-encoding"]).find("chunked") != std::string::npos) {
    auto dechunked = Dechunk(body);
    if (!dechunked) return InvalidInput("malformed chunked HTTP body");
    body = std::move(*dechunked);
  }
  if (http.count("content-encoding") &&
      Lower(http["content-encoding"]).find("gzip") != std::string::npos) {
    auto inflated = Gunzip(body);
    if (!inflated) return InvalidInput("corrupt gzip-encoded HTTP body");
    body = std::move(*inflated);
  }
  return std::optional<Payload>(Payload{std::move(body), CharsetFromContentType(http_type)});
}

InputError RecordError(const std::string& path, uint64_t offset, std::string reason) {
  return InputError{path + "@" + std::to_string(offset), std::move(reason)};
}

}  // namespace

void ReadWarc(const std::string& path, BufferedReader& reader, const InputOptions& options,
              const DocumentSink& on_document, const InputErrorSink& on_error) {
  std::string line;
  bool too_long = false;
  for (;;) {
    uint64_t offset = reader.position();
    auto got = reader.ReadLine(&line, kMaxHeaderLine, &too_long);
    if (!got.ok()) return on_error(RecordError(path, offset, got.status().message()));
    if (!*got) return;                 // clean end of file
    if (Trim(line).empty()) continue;  // blank lines between records
    if (line.rfind("WARC/1.", 0) != 0) {
      return on_error(RecordError(path, offset,
                                  "not a WARC record: expected a 'WARC/1.0' or "
                                  "'WARC/1.1' line"));
    }
    std::string header_text;
    for (;;) {
      auto more = reader.ReadLine(&line, kMaxHeaderLine, &too_long);
      if (!more.ok()) return on_error(RecordError(path, offset, more.status().message()));
      if (!*more) return on_error(RecordError(path, offset, "truncated WARC record header"));
      if (line.empty()) break;
      header_text += line + "\n";
    }
    Headers headers;
    ParseHeaderBlock(header_text, &headers, nullptr);
    uint64_t length = 0;
    const std::string& length_text = headers["content-length"];
    auto [ptr, ec] =
        std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    if (length_text.empty() || ec != std::errc()) {
      return on_error(RecordError(path, offset, "WARC record without a valid Content-Length"));
    }
    if (length > options.max_bytes) {
      on_error(RecordError(path, offset,
                           "record of " + std::to_string(length) + " bytes is over --max-bytes " +
                               std::to_string(options.max_bytes)));
      auto skipped = reader.Skip(length);
      if (!skipped.ok() || *skipped < length) return;
      continue;
    }
    std::string block;
    auto read = reader.ReadExact(length, &block);
    if (!read.ok()) return on_error(RecordError(path, offset, read.status().message()));
    if (*read < length) {
      return on_error(RecordError(path, offset,
                                  "truncated WARC record: expected " + std::to_string(length) +
                                      " bytes, got " + std::to_string(*read)));
    }
    auto payload = HtmlPayload(headers, block);
    if (!payload.ok()) {
      on_error(RecordError(path, offset, payload.status().message()));
      continue;
    }
    if (!payload->has_value()) continue;
    Document document;
    document.path = path;
    document.offset = static_cast<int64_t>(offset);
    document.url = headers["warc-target-uri"];
    document.format = DocumentFormat::kHtml;
    DecodedText decoded = DecodeToUtf8(std::move((*payload)->body), (*payload)->charset, true);
    document.content = std::move(decoded.utf8);
    document.charset = std::move(decoded.charset);
    on_document(std::move(document));
  }
}

}  // namespace parley::input
