// `faultbox lb-bench-proxy` (hidden, for bench/): the lab's load balancer without a lab. It runs
// the same elb::Proxy and elb::LoadBalancer (real HTTP health checks) the lab wires to a
// listener, in front of backends given on the command line, so bench/ can measure it against
// HAProxy and nginx on the same backends.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <iostream>
#include <map>
#include <thread>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "core/event_loop_ring.h"
#include "elb/asio_health_prober.h"
#include "elb/load_balancer.h"
#include "elb/proxy.h"

namespace faultbox::cli {

namespace {

namespace asio = boost::asio;

struct BenchArgs {
  std::string listen = "127.0.0.1:8080";
  std::vector<std::string> backends;  // IP:PORT, all on one port (as a listener's instance port)
  unsigned threads = 1;
  std::string health_path = "/";
  unsigned interval_s = 5;
  int fall = 2;
  int rise = 2;
  std::size_t max_connections = elb::ProxyOptions{}.max_client_connections;
  elb::ProxyOptions::Yield yield = elb::ProxyOptions::Yield::automatic;
};

struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};

HostPort split_host_port(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    fail(errors::validation("\"" + text + "\": expected IP:PORT"));
  }
  int port = 0;
  try {
    port = std::stoi(text.substr(colon + 1));
  } catch (const std::exception&) {
    port = 0;
  }
  if (port <= 0 || port > 65535) {
    fail(errors::validation("\"" + text + "\": the port must be from 1 to 65535"));
  }
  return {text.substr(0, colon), static_cast<std::uint16_t>(port)};
}

void run_bench_proxy(const BenchArgs& args) {
  auto listen = split_host_port(args.listen);
  std::vector<HostPort> backends;
  for (const auto& b : args.backends) {
    backends.push_back(split_host_port(b));
    if (backends.back().port != backends.front().port) {
      fail(errors::validation("all backends must use one port (the listener's instance port)"));
    }
  }
  const std::uint16_t instance_port = backends.front().port;

  LabClock clock(1.0);
  asio::io_context control{1};
  asio::io_context data_plane;
  auto work = asio::make_work_guard(data_plane);

  elb::LoadBalancerConfig config;
  config.name = "bench-elb";
  config.listeners = {{listen.port, instance_port}};
  config.health_check.target = fmt::format("HTTP:{}{}", instance_port, args.health_path);
  config.health_check.interval = std::chrono::seconds(args.interval_s);
  config.health_check.timeout = std::chrono::seconds(2);
  config.health_check.healthy_threshold = args.rise;
  config.health_check.unhealthy_threshold = args.fall;
  auto lb = elb::LoadBalancer::create(config, clock);
  if (!lb) {
    fail(lb.error());
  }

  elb::ProxyOptions options;  // the lab's defaults
  options.name = config.name;
  options.address = listen.host;
  options.port = listen.port;
  options.instance_port = instance_port;
  options.max_client_connections = args.max_connections;
  options.threads = args.threads;  // event loops of the proxy's own, as the lab runs them
  options.yield_after_large_submissions = args.yield;
  elb::Proxy proxy(data_plane, options);
  if (auto started = proxy.start(); !started) {
    fail(started.error());
  }
  (*lb)->add_sink(proxy);
  for (std::size_t i = 0; i < backends.size(); ++i) {
    auto id = fmt::format("i-bench{}", i + 1);
    if (auto r = (*lb)->register_instance({id, backends[i].host, fmt::format("az-{}", i + 1)});
        !r) {
      fail(r.error());
    }
  }

  std::vector<std::thread> threads;  // the shared data plane: health checks only
  threads.emplace_back([&data_plane] { data_plane.run(); });
  elb::AsioHealthProber prober(data_plane, control, clock);
  asio::steady_timer tick(control);
  bool announced = false;
  std::function<void()> schedule = [&] {
    // Health checks run every few seconds: a 100 ms tick is precise enough, and this harness
    // thread (HAProxy has none) wakes, and may preempt a proxy or backend thread, 10 times a
    // second rather than 50.
    tick.expires_after(std::chrono::milliseconds(100));
    tick.async_wait([&](boost::system::error_code ec) {
      if (ec) {
        return;
      }
      (*lb)->tick(clock.now(), prober);
      if (!announced && (*lb)->host_counts().healthy == static_cast<int>(backends.size())) {
        announced = true;
        std::cout << "ready " << listen.host << ":" << proxy.bound_port()
                  << " (sockets: " << event_loop_ring_mode() << ")" << std::endl;
      }
      schedule();
    });
  };
  schedule();
  asio::signal_set signals(control, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code, int) {
    tick.cancel();
    control.stop();
  });
  control.run();

  (*lb)->remove_sink(proxy);
  proxy.stop();
  work.reset();
  data_plane.stop();
  for (auto& t : threads) {
    t.join();
  }
}

}  // namespace

void add_lb_bench_proxy_command(CLI::App& app, GlobalOptions&) {
  auto args = std::make_shared<BenchArgs>();
  auto* cmd = app.add_subcommand(
      "lb-bench-proxy",
      "(dev) The lab's load balancer alone, in front of the given backends, for bench/");
  cmd->group("");  // hidden: a tool for the benchmarks, not for users
  cmd->add_option("--listen", args->listen, "IP:PORT to listen on")->capture_default_str();
  cmd->add_option("--backend", args->backends, "A backend IP:PORT (repeat; one port for all)")
      ->required();
  cmd->add_option("--threads", args->threads, "Data-plane threads")
      ->check(CLI::Range(1u, 64u))
      ->capture_default_str();
  cmd->add_option("--health-path", args->health_path, "HTTP health-check path")
      ->capture_default_str();
  cmd->add_option("--interval", args->interval_s, "Health-check interval, seconds")
      ->check(CLI::Range(5u, 300u))
      ->capture_default_str();
  cmd->add_option("--fall", args->fall, "Unhealthy threshold")->capture_default_str();
  cmd->add_option("--rise", args->rise, "Healthy threshold")->capture_default_str();
  cmd->add_option("--max-connections", args->max_connections, "Client connection limit")
      ->capture_default_str();
  using Yield = elb::ProxyOptions::Yield;
  cmd->add_option("--yield", args->yield,
                  "Loops give up the core after large submissions (io_uring builds): auto "
                  "(fewer loops than cores), on, off")
      ->transform(CLI::CheckedTransformer(std::map<std::string, Yield>{{"auto", Yield::automatic},
                                                                       {"on", Yield::on},
                                                                       {"off", Yield::off}},
                                          CLI::ignore_case))
      ->default_str("auto");
  cmd->callback([args] {
    spdlog::set_level(spdlog::level::warn);
    run_bench_proxy(*args);
  });
}

}  // namespace faultbox::cli
