// Data-plane internals of Proxy (included by .cpp files only): the state its event loops and
// sessions share and the steps of serving one client request.
#pragma once

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "elb/backend_snapshot.h"
#include "elb/elb_metrics.h"
#include "elb/http_relay.h"
#include "elb/proxy.h"
#include "elb/upstream.h"

namespace faultbox::elb::detail {

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
  // The lab's network faults on the way to the backend (none on the kernel's path).
  netfault::FlowFault fault;
};

// What the data plane reads for each request: swapped whole, never modified.
struct RoutingTable {
  std::vector<Route> routes;
};

// What a connection needs while it serves a request, and gives back when it goes idle (so an
// idle connection holds no buffer): the client's bytes, the request as the backend gets it,
// the reply and its header as the client gets it.
struct Work {
  beast::flat_buffer input;
  Outgoing request;
  Reply reply;
  std::string reply_head;
};

// One event loop: a thread, its listening socket (SO_REUSEPORT), the deadlines of its
// connections and spare Work. Members the connections touch when they are destroyed come
// before the io_context, which destroys pending handlers (and so connections) first.
struct Loop {
  explicit Loop(std::size_t index_in_proxy) : index(index_in_proxy) {}
  std::size_t index;
  std::uint64_t next_route = 0;  // round-robin position of this loop's requests
  // Client connections served here (or on their way here): new ones go to the emptier loop.
  std::atomic<std::size_t> open_connections{0};
  WatchList watches;
  std::vector<std::unique_ptr<Work>> spare_work;
  net::io_context ioc{1};
  Acceptor acceptor{ioc.get_executor()};
  net::basic_waitable_timer<SteadyClock, net::wait_traits<SteadyClock>, Executor> sweep_timer{
      ioc.get_executor()};
  std::thread thread;
  std::promise<void> ran_out;  // set when ioc.run() has returned
  std::future<void> ran_out_future = ran_out.get_future();

  std::unique_ptr<Work> take_work();
  void give_back(std::unique_ptr<Work> work);
};

struct ProxyState {
  explicit ProxyState(ProxyOptions opts) : options(std::move(opts)) {}

  const ProxyOptions options;
  std::size_t loop_count = 1;  // upstream pools per route: one per event loop
  std::vector<Loop*> loops;    // set by start(); the loops outlive every session
  tcp protocol = tcp::v4();    // of the listening address
  std::uint16_t port = 0;      // set by start() before the first accept
  std::atomic<std::shared_ptr<const RoutingTable>> routes;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> client_connections{0};  // open now; against max_client_connections
  MetricShards metrics;
};

// Serves one client connection on `loop` until it closes, idles out or the proxy stops. The
// caller has counted it in loop.open_connections; the session uncounts it when it ends.
void start_session(std::shared_ptr<ProxyState> state, Socket socket, Loop& loop);

// Sends `request` to the next backend (round-robin; on a connection failure, the one after)
// and fills `reply` with the answer to give the client: the backend's, or the ELB's own
// 502/503/504. `watch` bounds each wait.
Task<void> forward(ProxyState& state, Outgoing& request, Reply& reply, Watch& watch, Loop& loop);

}  // namespace faultbox::elb::detail
