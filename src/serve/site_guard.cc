#include "site_guard.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "parley/text_util.h"

namespace parley::serve {
namespace {

struct HostAndPort {
  std::string name;  // lower case, IPv6 without brackets
  int port = 80;     // HTTP's default when the header gives none
  bool valid = false;
};

HostAndPort ParseHostHeader(std::string_view header) {
  HostAndPort parsed;
  std::string_view name = header, port;
  if (header.starts_with('[')) {
    size_t close = header.find(']');
    if (close == std::string_view::npos) return parsed;
    name = header.substr(1, close - 1);
    std::string_view rest = header.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) return parsed;
    if (!rest.empty()) port = rest.substr(1);
  } else if (size_t colon = header.rfind(':'); colon != std::string_view::npos) {
    name = header.substr(0, colon);
    port = header.substr(colon + 1);
  }
  if (name.empty()) return parsed;
  if (!port.empty()) {
    auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), parsed.port);
    if (error != std::errc() || end != port.data() + port.size()) return parsed;
  }
  parsed.name = Lower(name);
  parsed.valid = true;
  return parsed;
}

bool IsIpAddress(const std::string& name) {
  unsigned char address[16];
  return inet_pton(AF_INET, name.c_str(), address) == 1 ||
         inet_pton(AF_INET6, name.c_str(), address) == 1;
}

// "127.x.example" is a name anyone can register: only address literals count as loopback.
bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || (host.starts_with("127.") && IsIpAddress(host));
}

bool IsWildcard(const std::string& host) {
  return host.empty() || host == "0.0.0.0" || host == "::";
}

bool NamesThisServer(const SiteIdentity& site, const std::string& name) {
  std::string bound = Lower(site.bound_host);
  if (name == bound) return true;
  for (const std::string& allowed : site.allowed_hosts) {
    if (name == Lower(allowed)) return true;
  }
  // A browser that reached the server by an address literal cannot be on a rebound name.
  if ((IsLoopback(bound) || IsWildcard(bound)) && IsLoopback(name)) return true;
  return IsWildcard(bound) && IsIpAddress(name);
}

std::string MediaType(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  while (!type.empty() && type.front() == ' ') type.remove_prefix(1);
  return Lower(type);
}

}  // namespace

std::string RefuseHost(const SiteIdentity& site, std::string_view host_header) {
  std::string served = site.bound_host + ":" + std::to_string(site.port);
  if (host_header.empty()) return "the request has no Host header, expected " + served;
  HostAndPort host = ParseHostHeader(host_header);
  if (!host.valid || host.port != site.port || !NamesThisServer(site, host.name)) {
    return "Host '" + std::string(host_header) + "' does not name this server (" + served +
           "); start parley serve with --allow-host NAME to accept another name";
  }
  return "";
}

std::string RefuseCrossSiteWrite(std::string_view host_header, std::string_view origin,
                                 std::string_view referer, std::string_view content_type) {
  const std::string served = "http://" + Lower(host_header);
  if (!origin.empty()) {
    if (Lower(origin) != served) {
      return "Origin '" + std::string(origin) + "' is not this dashboard (" + served +
             "); changes are accepted from the dashboard's own pages only";
    }
  } else if (!referer.empty()) {
    std::string from = Lower(referer);
    if (from != served && !from.starts_with(served + "/")) {
      return "Referer '" + std::string(referer) + "' is not this dashboard (" + served +
             "); changes are accepted from the dashboard's own pages only";
    }
  } else {
    return "a request that changes the analysis needs an Origin or Referer header of " + served;
  }
  std::string type = MediaType(content_type);
  if (type != "application/json") {
    return "Content-Type is '" + type + "', expected application/json";
  }
  return "";
}

}  // namespace parley::serve
