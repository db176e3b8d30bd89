// Data-plane internals of Proxy (included by .cpp files only): the state its sessions share and
// the steps of serving one client request.
#pragma once

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "elb/backend_snapshot.h"
#include "elb/elb_metrics.h"
#include "elb/proxy.h"
#include "elb/upstream.h"

namespace faultbox::elb::detail {

namespace http = beast::http;
inline constexpr auto kNoThrow = net::as_tuple(net::use_awaitable);
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Passive health of one instance, seen from the request path: set when a connection to it
// fails or it stays silent past first_byte_timeout, cleared by a passing active check (or an
// answer). A suspect instance gets requests only when every instance is suspect.
struct PassiveHealth {
  std::atomic<bool> suspect{false};
};

struct Route {
  Backend backend;
  tcp::endpoint endpoint;
  // One pool per event loop: an upstream socket stays on the loop that opened it.
  std::vector<std::shared_ptr<UpstreamPool>> pools;
  std::shared_ptr<PassiveHealth> health;
};

// What the data plane reads for each request: swapped whole, never modified.
struct RoutingTable {
  std::vector<Route> routes;
};

// One of the proxy's own event loops (options.threads > 0). The acceptor is declared after the
// io_context so it is destroyed first.
struct Loop {
  net::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  std::thread thread;
};

struct ProxyState {
  ProxyState(net::io_context& io, ProxyOptions opts);

  net::io_context& ioc;
  const ProxyOptions options;
  tcp::acceptor acceptor;  // shared data plane: on its own strand, so stop() can close it
  std::size_t loop_count = 1;  // upstream pools per route: one per event loop
  std::uint16_t port = 0;  // set by start() before the first accept
  std::atomic<std::shared_ptr<const RoutingTable>> routes;
  std::atomic<std::uint64_t> next_route{0};
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> client_connections{0};  // open now; against max_client_connections
  MetricShards metrics;

  // Open client connections, so stop() can close them.
  std::mutex sessions_mutex;  // guards sessions, next_session
  std::unordered_map<std::uint64_t, std::weak_ptr<tcp::socket>> sessions;
  std::uint64_t next_session = 0;
};

// Serves one client connection until it closes, idles out or the proxy stops; on the socket's
// executor. `loop` picks the upstream pools of the connection's event loop.
void start_session(std::shared_ptr<ProxyState> state, tcp::socket socket, std::size_t loop);

// Sends `request` to the next backend (round-robin; on a connection failure, the one after)
// and returns the response to give the client: the backend's, or the ELB's own 502/503/504.
net::awaitable<Response> forward(ProxyState& state, Request& request, Deadline& deadline,
                                 std::size_t loop);

// Removes hop-by-hop headers (Connection and the headers it names, Keep-Alive, TE, ...): they
// concern one connection, not the message the proxy passes on.
void strip_hop_by_hop(http::fields& fields);

// The load balancer's own answer (503, 504, 400, ...) with a small text body.
Response elb_response(http::status status, unsigned version);

}  // namespace faultbox::elb::detail
