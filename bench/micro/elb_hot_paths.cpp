// What one proxied request costs in the load balancer's own code, without sockets: parsing the
// client's request and writing the backend's copy of its header, parsing the backend's answer
// and writing the client's header, the per-request metrics, the lazy deadlines, the upstream
// pool. bench/speed.sh measures the whole path under load; this says which part costs what.
//   build/bench/micro/faultbox_microbench [--benchmark_filter=Relay]
#include <benchmark/benchmark.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "elb/elb_metrics.h"
#include "elb/http_relay.h"
#include "elb/upstream.h"

namespace faultbox::elb::detail {
namespace {

// What wrk sends, and what a browser sends.
const std::string kSmallRequest = "GET / HTTP/1.1\r\nHost: 127.30.1.1:8080\r\n\r\n";
const std::string kBrowserRequest =
    "GET /index.html?utm_source=lab HTTP/1.1\r\nHost: lab.example\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Safari/537.36\r\n"
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
    "Accept-Language: en-GB,en;q=0.9\r\nAccept-Encoding: gzip, deflate\r\n"
    "Connection: keep-alive\r\nCookie: session=0123456789abcdef; theme=dark\r\n"
    "Upgrade-Insecure-Requests: 1\r\n\r\n";

// nginx's answer with the 400-byte page of bench/lib.sh's backends.
std::string backend_answer() {
  std::string body(399, 'x');
  body += '\n';
  return "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Wed, 02 Dec 2026 14:00:00 GMT\r\n"
         "Content-Type: text/html\r\nContent-Length: 400\r\n"
         "Last-Modified: Wed, 02 Dec 2026 13:00:00 GMT\r\nConnection: keep-alive\r\n"
         "ETag: \"692e9a10-190\"\r\nAccept-Ranges: bytes\r\n\r\n" +
         body;
}

// Feeds the whole message in `bytes` to `parser`, as the proxy does when it arrives in one read.
template <typename Parser>
bool parse_whole(Parser& parser, const std::string& bytes) {
  parser.eager(true);
  boost::system::error_code ec;
  parser.put(boost::asio::buffer(bytes), ec);
  return !ec && parser.is_done();
}

// Parses `bytes` as a request into `out` and writes the backend's header; false on an error.
bool relay_request(const std::string& bytes, Outgoing& out) {
  out.clear();
  RequestReader parser(out);
  if (!parse_whole(parser, bytes)) {
    return false;
  }
  finish_outgoing_head(out, "127.0.0.1", 8080);
  return true;
}

// Parses `bytes` as an answer into `reply` and writes the client's header; false on an error.
bool relay_answer(const std::string& bytes, Reply& reply, std::string& head) {
  reply.clear();
  ResponseReader parser(reply);
  if (!parse_whole(parser, bytes)) {
    return false;
  }
  render_reply_head(reply, 11, true, false, head);
  return true;
}

void RelayRequest(benchmark::State& state, const std::string& request) {
  Outgoing out;
  for (auto _ : state) {
    if (!relay_request(request, out)) {
      state.SkipWithError("the request did not parse");
      break;
    }
    benchmark::DoNotOptimize(out.head.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * request.size()));
}
BENCHMARK_CAPTURE(RelayRequest, wrk, kSmallRequest);
BENCHMARK_CAPTURE(RelayRequest, browser, kBrowserRequest);

void RelayBackendAnswer(benchmark::State& state) {
  const auto answer = backend_answer();
  Reply reply;
  std::string head;
  for (auto _ : state) {
    if (!relay_answer(answer, reply, head)) {
      state.SkipWithError("the answer did not parse");
      break;
    }
    benchmark::DoNotOptimize(head.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * answer.size()));
}
BENCHMARK(RelayBackendAnswer);

// Both directions of one request, as the proxy does them (in reused buffers).
void RelayWholeExchange(benchmark::State& state) {
  const auto answer = backend_answer();
  Outgoing out;
  Reply reply;
  std::string head;
  for (auto _ : state) {
    if (!relay_request(kSmallRequest, out) || !relay_answer(answer, reply, head)) {
      state.SkipWithError("the exchange did not parse");
      break;
    }
    benchmark::DoNotOptimize(head.data());
  }
}
BENCHMARK(RelayWholeExchange);

void ElbErrorReply(benchmark::State& state) {
  Reply reply;
  std::string head;
  for (auto _ : state) {
    elb_reply(reply, http::status::service_unavailable);
    render_reply_head(reply, 11, true, false, head);
    benchmark::DoNotOptimize(head.data());
  }
}
BENCHMARK(ElbErrorReply);

// The metrics one answered request adds (two counters and a latency), on one thread and on
// several at once (each has its own shard).
void MetricsPerRequest(benchmark::State& state) {
  static MetricShards shards;
  for (auto _ : state) {
    shards.add(Metric::Requests);
    shards.add(Metric::Backend2xx);
    shards.observe_latency(std::chrono::microseconds(850));
  }
}
BENCHMARK(MetricsPerRequest)->Threads(1)->Threads(2);

// A deadline armed and disarmed around each wait (three per request), and the sweep that
// checks 1,000 armed ones.
void WatchArmDisarm(benchmark::State& state) {
  net::io_context ioc{1};
  Socket socket(ioc.get_executor());
  WatchList list;
  Watch watch(list, socket);
  for (auto _ : state) {
    watch.arm(socket, std::chrono::milliseconds(1000));
    benchmark::DoNotOptimize(watch.disarm());
  }
}
BENCHMARK(WatchArmDisarm);

void WatchSweepOf1000(benchmark::State& state) {
  net::io_context ioc{1};
  std::vector<std::unique_ptr<Socket>> sockets;
  std::vector<std::unique_ptr<Watch>> watches;
  WatchList list;
  for (int i = 0; i < 1000; ++i) {
    sockets.push_back(std::make_unique<Socket>(ioc.get_executor()));
    watches.push_back(std::make_unique<Watch>(list, *sockets.back()));
    watches.back()->arm(*sockets.back(), std::chrono::milliseconds(60'000));
  }
  for (auto _ : state) {
    list.sweep(coarse_now());
  }
  for (auto& w : watches) {
    w->disarm();
  }
}
BENCHMARK(WatchSweepOf1000);

// Taking a kept-alive connection to a backend and putting it back.
void UpstreamPoolReuse(benchmark::State& state) {
  net::io_context ioc{1};
  UpstreamPool pool(64);
  pool.release(std::make_unique<Upstream>(ioc.get_executor()));
  for (auto _ : state) {
    auto conn = pool.acquire();
    if (!conn) {
      state.SkipWithError("the pool lost its connection");
      break;
    }
    pool.release(std::move(conn));
  }
}
BENCHMARK(UpstreamPoolReuse);

}  // namespace
}  // namespace faultbox::elb::detail

BENCHMARK_MAIN();
