// `faultbox traffic URL`: the workshop's loop built in ('.' for 200, 'X' otherwise) with a summary.
#include <csignal>
#include <iostream>
#include <regex>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "traffic/traffic_loop.h"

namespace faultbox::cli {

namespace {
std::atomic<bool> g_stop{false};

extern "C" void on_interrupt(int) { g_stop.store(true); }

// "500ms", "2s", "1.5s", "3m", "1h"; a bare number means seconds.
std::chrono::milliseconds parse_wall_duration(const std::string& text) {
  static const std::regex kPattern(R"(^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)?$)");
  std::smatch m;
  if (!std::regex_match(text, m, kPattern)) {
    fail(errors::validation("bad duration \"" + text + "\" (examples: 500ms, 30s, 3m)"));
  }
  double n = std::stod(m[1]);
  std::string unit = m[2].matched ? m[2].str() : "s";
  double ms = unit == "ms" ? n : unit == "s" ? n * 1e3 : unit == "m" ? n * 6e4 : n * 3.6e6;
  return std::chrono::milliseconds(static_cast<long long>(ms));
}
}  // namespace

void add_traffic_command(CLI::App& app, GlobalOptions& global) {
  struct Args {
    std::string url, interval = "0.5s", duration = "0", timeout = "5s";
    uint64_t count = 0;
    unsigned connections = 1;
    double rate = 0;
    bool wall_clock = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "traffic", "Send requests to a URL like the workshop's loop: '.' for HTTP 200, 'X' "
                 "otherwise; Ctrl-C or --duration/--count ends it with a summary");
  cmd->add_option("url", args->url, "URL to request (http://...)")->required();
  cmd->add_option("--interval", args->interval, "Pause between requests per connection")
      ->capture_default_str();
  cmd->add_option("--duration", args->duration, "Stop after this long (0: until Ctrl-C)")
      ->capture_default_str();
  cmd->add_option("--count", args->count, "Stop after this many requests (0: no limit)");
  cmd->add_option("--connections", args->connections, "Parallel request loops")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  cmd->add_option("--rate", args->rate,
                  "Requests per second over all connections (overrides --interval)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--timeout", args->timeout, "Per-request timeout")->capture_default_str();
  cmd->add_flag("--wall-clock", args->wall_clock,
                "Pace in wall-clock time even when the lab runs at --speed N (by default the "
                "interval is lab time, so the workshop's 0.5 s loop keeps its meaning)");
  set_examples(cmd, {"faultbox traffic http://127.20.0.20/",
                     "faultbox traffic http://127.20.0.20/ --rate 20 --duration 30s"});
  cmd->callback([args, &global] {
    traffic::TrafficOptions options;
    options.url = args->url.find("://") == std::string::npos ? "http://" + args->url : args->url;
    options.interval = parse_wall_duration(args->interval);
    if (args->rate > 0) {
      options.interval = std::chrono::milliseconds(
          static_cast<long long>(1000.0 * args->connections / args->rate));
    }
    if (auto lab = find_running_lab(global.data_dir); lab && lab->speed > 1 && !args->wall_clock) {
      options.interval = std::chrono::milliseconds(
          static_cast<long long>(static_cast<double>(options.interval.count()) / lab->speed));
      std::cerr << "(lab runs at " << lab->speed << "x: one request every "
                << options.interval.count() << " ms of wall-clock time per connection)\n";
    }
    options.interval = std::max(options.interval, std::chrono::milliseconds(1));
    options.duration = parse_wall_duration(args->duration);
    options.count = args->count;
    options.connections = args->connections;
    options.timeout = parse_wall_duration(args->timeout);
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    auto stats = traffic::run_traffic(options, g_stop, [](int status) {
      std::cout << (status == 200 ? '.' : 'X') << std::flush;
    });
    std::cout << "\n" << stats.summary() << "\n";
  });
}

}  // namespace faultbox::cli
