// Cross-site safety of the dashboard: which requests come from a page this server served.
//
// A browser visiting any other site can still send requests to 127.0.0.1; two checks stop them
// from reading or changing the analysis:
// - Host must name this server (the bound address, localhost when bound to loopback, an IP
//   address when bound to every interface, or a name given with --allow-host). A page on a
//   name that an attacker re-points at 127.0.0.1 (DNS rebinding) sends its own name here.
// - A request that changes state must carry an Origin (or, without one, a Referer) on the
//   served origin, and a JSON body: a cross-site form or a "simple" fetch cannot send
//   application/json without a CORS preflight, which this server never answers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley::serve {

struct SiteIdentity {
  std::string bound_host;                  // the address the server listens on
  int port = 0;                            // the bound port
  std::vector<std::string> allowed_hosts;  // extra names, from --allow-host
};

// Empty when the Host header names this server; else why the request is refused.
std::string RefuseHost(const SiteIdentity& site, std::string_view host_header);

// Empty when a state-changing request comes from the served origin "http://<host_header>" with
// a JSON body; else why it is refused. `host_header` has passed RefuseHost().
std::string RefuseCrossSiteWrite(std::string_view host_header, std::string_view origin,
                                 std::string_view referer, std::string_view content_type);

}  // namespace parley::serve
