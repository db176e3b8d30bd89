#include "lab/lab.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "cloud/cloud.h"
#include "cloud/sts/sessions.h"
#include "compute/orphaned_processes.h"
#include "compute/process_supervisor.h"
#include "core/clock.h"
#include "core/event_loop_ring.h"
#include "core/json_text.h"
#include "core/program_path.h"
#include "core/thread_priority.h"
#include "core/utf8.h"
#include "image/sandbox_probe.h"
#include "lab/console_events.h"
#include "lab/lab_context.h"
#include "lab/lab_file.h"
#include "lab/lab_lock.h"
#include "lab/read_only_request.h"
#include "limits/cgroup_tree.h"
#include "limits/instance_disks.h"
#include "net/http_server.h"
#include "netfault/kernel_packet_path.h"
#include "netfault/lab_path_faults.h"
#include "store/snapshot_writer.h"
#include "store/store.h"

namespace faultbox::lab {

namespace asio = boost::asio;

namespace {
// How often the control plane drives instances, groups and health checks (real time).
constexpr auto kTickInterval = std::chrono::milliseconds(20);
// The least time between two saves made for calls' answers (real time): a call that changed
// the lab waits at most this long, plus the save, for its answer.
constexpr auto kSaveSpacing = std::chrono::milliseconds(50);
constexpr int kUnprivilegedPortOffset = 8000;
constexpr const char* kClockKind = "lab_clock";

unsigned data_plane_threads() {
  return std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
}

// Runs the control plane until it stops. A handler that throws (a fault in the lab, not a
// request's: those are answered by handle_request) is logged and the lab goes on, as Asio allows
// run() to be called again after an exception.
void run_control_plane(asio::io_context& control) {
  for (;;) {
    try {
      control.run();
      return;
    } catch (const std::exception& e) {
      spdlog::error("the control plane caught a failure and goes on: {}", to_valid_utf8(e.what()));
    }
  }
}

// The IMDS redirect instances preload: next to the binary in a build tree, in
// <prefix>/lib/faultbox once installed (cmake/install.cmake); "" when neither has it.
std::string imds_preload_library(const std::string& self_path) {
  const auto bin_dir = std::filesystem::path(self_path).parent_path();
  for (const auto& candidate :
       {bin_dir / "libfaultbox-imds.so",
        bin_dir.parent_path() / "lib" / "faultbox" / "libfaultbox-imds.so"}) {
    std::error_code ec;
    if (std::filesystem::exists(candidate, ec)) return candidate.string();
  }
  return {};
}

std::string random_secret() {
  std::random_device rd;
  return std::to_string(rd()) + std::to_string(rd());
}
}  // namespace

struct Lab::Impl {
  explicit Impl(LabOptions o)
      : options(std::move(o)),
        clock(options.speed),
        server(control,
               [this](net::HttpRequest req, net::Reply reply) {
                 // The shutdown call's answer goes at once: the shutdown saves everything, and
                 // then stops the control plane that would send answers held for a save.
                 if (is_read_only(req) || req.path() == "/_faultbox/shutdown") {
                   handle_request(*context, std::move(req), std::move(reply));
                   return;
                 }
                 // What the answer acknowledges is in the store before the answer leaves.
                 handle_request(*context, std::move(req),
                                [this, reply](net::HttpResponse response) {
                                  asio::dispatch(control, [this, reply, response]() mutable {
                                    answer_once_saved([reply, response]() { reply(response); });
                                  });
                                });
               }),
        tick_timer(control),
        signals(control, SIGINT, SIGTERM) {}

  cloud::CloudOptions cloud_options(uint16_t port) const {
    cloud::CloudOptions c;
    c.data_dir = std::filesystem::absolute(options.data_dir);
    c.faultbox_binary = options.self_path;
    c.address_lease_dir = compute::AddressLeases::default_dir();
    c.api_endpoint = "http://" + options.address + ":" + std::to_string(port);
    c.imds_prefix = c.api_endpoint + "/_imds/";
    c.imds_address = options.address + ":" + std::to_string(port);
    c.sandbox_program = find_on_path("bwrap");
    c.sandbox_problem = sandbox_problem;
    c.imds_preload = imds_preload_library(options.self_path);
    c.check_signatures = options.check_signatures;
    c.unprivileged_port_offset = ::geteuid() == 0 ? 0 : kUnprivilegedPortOffset;
    c.child_nice = child_nice;
    c.packet_filter = packet_filter;
    c.lab_paths = lab_paths;
    c.packet_filter_problem = packet_filter_problem;
    c.packet_delay_problem = packet_delay_problem;
    c.cgroups = cgroups;
    c.disks = disks;
    return c;
  }

  // The lab is the cloud's control plane and load balancers, on one machine with the instances
  // and clients it serves: with a lead on them for the CPU (serve --nice-lead), its API answers
  // while hundreds of instance processes and traffic loops keep every core busy (measured in
  // bench/participants.sh: the control thread waited for a CPU 52-59% of the time instead of 92%).
  // Called before the lab starts a thread, so that every thread of the lab inherits it; the
  // instances start at the nice the lab was started with.
  void run_ahead_of_instances() {
    if (options.nice_lead <= 0) {
      return;
    }
    const int started_at = thread_nice();
    if (set_thread_nice(started_at - options.nice_lead)) {
      child_nice = started_at;
      supervisor.start_children_at_nice(started_at);
      spdlog::info("the lab runs at nice {}, ahead of its instances (nice {})", thread_nice(),
                   started_at);
    } else {
      spdlog::warn(
          "the lab cannot run ahead of its instances for the CPU (that needs root or "
          "CAP_SYS_NICE): on a machine its instances and traffic keep busy, its API may answer "
          "slowly");
    }
  }

  void schedule_tick() {
    tick_timer.expires_after(kTickInterval);
    tick_timer.async_wait([this](const std::error_code& ec) {
      if (ec) {
        return;
      }
      auto now = clock.now();
      cloud->tick(now);
      while (now >= next_metrics) {
        cloud->collect_metrics(next_metrics);
        next_metrics += std::chrono::seconds(1);
      }
      schedule_tick();
    });
  }

  // Holds an answer until what its call changed is saved. Saves are at least kSaveSpacing
  // apart: calls answered in between wait for the next save, which serves them all (group
  // commit), so a burst of calls (68 experiments started at once) costs a save per spacing, not
  // one each, and leaves the control plane time for everything else it answers.
  void answer_once_saved(std::function<void()> answer) {
    awaiting_save.push_back(std::move(answer));
    if (awaiting_save.size() > 1) {
      return;  // a save is already due for the answers before it
    }
    const auto due = last_save + kSaveSpacing;
    group_save_timer.expires_at(std::max(due, std::chrono::steady_clock::now()));
    // Even when due now, after what the control plane already has to do: calls already read
    // join this save.
    group_save_timer.async_wait([this](const std::error_code& ec) {
      if (!ec) {
        save();
      }
    });
  }

  // Writes what changed in the lab's resources to SQLite, then sends the answers that waited for
  // it: before the answers to calls that may have changed them, and once a second for what
  // changes by itself (instances booting, groups replacing them, alarms).
  void save() {
    if (snapshot) {  // else not restored yet: nothing to save
      auto records = cloud->records_to_save();
      // Lab time, written with everything stamped with it, so that after a restart (even a kill
      // -9) the lab's clock goes on from there.
      records[kClockKind] = {
          {"now",
           {{"ms", clock.now().time_since_epoch().count()},
            {"wall_ms", std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now())
                            .time_since_epoch()
                            .count()}}}};
      auto saved = snapshot->write(std::move(records));
      if (!saved) {
        spdlog::error("cannot save the lab's state: {}", saved.error().message);
        cloud->records_not_saved();
      }
      save_metrics_put_by_calls();
    }
    last_save = std::chrono::steady_clock::now();
    group_save_timer.cancel();
    for (const auto& answer : std::exchange(awaiting_save, {})) {
      answer();
    }
  }

  // The metrics PutMetricData calls added to: saved before those calls are answered, unlike the
  // lab's own metrics (below), which no call acknowledged.
  void save_metrics_put_by_calls() {
    std::vector<store::Store::Change> changes;
    for (const auto& [id, body] : cloud->take_metric_records_put_by_calls()) {
      changes.push_back({"metric", id, json_text(body)});
    }
    if (changes.empty()) {
      return;
    }
    if (auto saved = store->apply(changes); !saved) {
      spdlog::error("cannot save the metrics of PutMetricData: {}", saved.error().message);
    }
  }

  // Metrics grow with time (a bucket per second per metric): saved once a minute and at
  // shutdown, so a crash loses at most the last minute of charts.
  void save_metrics() {
    auto saved = store->replace_kind("metric", cloud->metric_records());
    if (!saved) {
      spdlog::error("cannot save the lab's metrics: {}", saved.error().message);
    }
  }

  // After restore(): the processes a killed lab left that no restored instance adopted (an
  // instance since stopped or terminated, a program an instance started) are stopped.
  void stop_unadopted(const std::map<std::string, int>& survivors) {
    const auto& unadopted = cloud->instances().unadopted_survivors();
    std::set<std::string> adopted;
    for (const auto& [id, pid] : survivors) {
      if (!unadopted.contains(id)) {
        adopted.insert(id);
      }
    }
    if (!adopted.empty()) {
      spdlog::info("adopted {} instance process(es) that a previous lab of {} left running",
                   adopted.size(), options.data_dir);
    }
    if (int stopped = compute::stop_processes_of_lab(options.data_dir, adopted); stopped > 0) {
      spdlog::warn("stopped {} instance process(es) that a previous lab of {} left running",
                   stopped, options.data_dir);
    }
  }

  // Before the data plane's threads read the clock.
  Result<void> continue_lab_time() {
    FAULTBOX_TRY(saved, store->list(kClockKind));
    for (const auto& [id, body] : saved) {
      if (body.contains("ms") && body["ms"].is_number_integer()) {
        // Saves of earlier versions have no wall time: they count as just made.
        auto last = TimePoint(Duration(body["ms"].get<Duration::rep>()));
        auto saved_at =
            body.contains("wall_ms") && body["wall_ms"].is_number_integer()
                ? TimePoint(Duration(body["wall_ms"].get<Duration::rep>()))
                : std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
        clock.continue_from(last, saved_at);
      }
    }
    return {};
  }

  Result<void> restore() {
    cloud::Cloud::Records records;
    auto writer = std::make_unique<store::SnapshotWriter>(*store);
    FAULTBOX_TRY(clock_records, store->list(kClockKind));
    writer->know(kClockKind, clock_records);
    // Every kind the Cloud saved (each cloud::Kind names its own); metrics come back apart.
    FAULTBOX_TRY(kinds, store->kinds());
    for (const auto& kind : kinds) {
      if (kind == kClockKind || kind == "metric") {
        continue;
      }
      FAULTBOX_TRY(list, store->list(kind));
      writer->know(kind, list);
      records[kind] = std::move(list);
    }
    FAULTBOX_TRY_VOID(cloud->restore(records));
    snapshot = std::move(writer);
    FAULTBOX_TRY(metrics, store->list("metric"));
    return cloud->restore_metrics(metrics);
  }

  void schedule_save() {
    save_timer.expires_after(std::chrono::seconds(1));
    save_timer.async_wait([this](const std::error_code& ec) {
      if (!ec) {
        save();
        if (++saves % kSavesPerMetricSave == 0) {
          save_metrics();
        }
        schedule_save();
      }
    });
  }

  void shutdown(const std::string& why) {
    if (stopping) {
      return;
    }
    stopping = true;
    spdlog::info("lab shutting down ({})", why);
    save_timer.cancel();
    save();
    save_metrics();
    spdlog::info("stopping instance processes");
    server.stop();
    signals.cancel();
    tick_timer.cancel();
    cloud->kill_all_processes();
    cloud.reset();  // closes the load balancers' listeners
    if (packet_filter) {
      if (auto cleared = packet_filter->clear(); !cleared) {
        spdlog::error("network faults may remain: {}", cleared.error().message);
      }
    }
    if (cgroups) cgroups->clear();
    if (disks) disks->detach_all();
    remove_lab_file(options.data_dir);
    control.stop();
  }

  LabOptions options;
  std::optional<LabLock> lock;  // held from the start to the end of the process
  asio::io_context control{1};
  asio::io_context data_plane;
  asio::executor_work_guard<asio::io_context::executor_type> data_work{data_plane.get_executor()};
  std::vector<std::thread> data_threads;
  LabClock clock;
  compute::PosixSupervisor supervisor;
  std::optional<int> child_nice;  // see run_ahead_of_instances
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::SnapshotWriter> snapshot;   // once restored
  std::vector<std::function<void()>> awaiting_save;  // answers held until the next save
  asio::steady_timer group_save_timer{control};      // when their save is due
  std::chrono::steady_clock::time_point last_save;
  std::unique_ptr<cloud::Cloud> cloud;
  std::unique_ptr<LabContext> context;
  net::HttpServer server;
  asio::steady_timer tick_timer;
  asio::steady_timer save_timer{control};
  static constexpr int kSavesPerMetricSave = 60;
  long saves = 0;
  asio::signal_set signals;
  TimePoint next_metrics;
  bool stopping = false;
  std::string sandbox_problem;  // image::sandbox_problem of this machine's bwrap
  // The kernel's filter, or the lab's own paths (`lab_paths`) when it may not change it.
  std::shared_ptr<netfault::PacketFilter> packet_filter;
  std::shared_ptr<netfault::LabPathFaults> lab_paths;
  std::string packet_filter_problem;  // why the kernel's filter is not used; "" when it is
  std::string packet_delay_problem;
  std::shared_ptr<limits::CgroupTree> cgroups;   // null where the lab may not make cgroups
  std::shared_ptr<limits::InstanceDisks> disks;  // null where the lab may not mount disks
};

Lab::Lab(LabOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Lab::~Lab() {
  auto& im = *impl_;
  im.data_work.reset();
  im.data_plane.stop();
  for (auto& t : im.data_threads) {
    t.join();
  }
}

Result<void> Lab::run() {
  auto& im = *impl_;
  im.run_ahead_of_instances();
  std::error_code ec;
  std::filesystem::create_directories(im.options.data_dir, ec);
  if (ec) {
    return errors::internal("cannot create data directory " + im.options.data_dir + ": " +
                            ec.message());
  }
  // First the directory, then the port: a second lab on this directory stops here whatever port
  // it was given, before it can touch the state or the instances of the one that serves it.
  FAULTBOX_TRY(lock, LabLock::acquire(im.options.data_dir));
  im.lock.emplace(std::move(lock));
  FAULTBOX_TRY_VOID(im.server.listen(im.options.address, im.options.port));
  auto port = im.server.port();
  FAULTBOX_TRY(
      store, store::Store::open((std::filesystem::path(im.options.data_dir) / "lab.db").string()));
  im.store = std::move(store);
  FAULTBOX_TRY_VOID(im.continue_lab_time());
  if (auto bwrap = find_on_path("bwrap"); !bwrap.empty()) {
    im.sandbox_problem = image::sandbox_problem(bwrap);
    if (!im.sandbox_problem.empty()) {
      spdlog::error("{}; until then, instances with user data do not boot", im.sandbox_problem);
    }
  }
  // Finding the kernel's filter removes the rules a killed run of this lab left in force.
  auto kernel_filter =
      netfault::probe_kernel_filter(std::filesystem::absolute(im.options.data_dir));
  if (im.options.network_faults == "lab") {
    kernel_filter = {nullptr, "serve --network-faults lab leaves the host's packet filter alone",
                     ""};
  }
  if (kernel_filter.filter) {
    im.packet_filter = std::move(kernel_filter.filter);
    im.packet_delay_problem = kernel_filter.delay_problem;
    if (!im.packet_delay_problem.empty()) spdlog::warn("{}", im.packet_delay_problem);
  } else {
    im.lab_paths = std::make_shared<netfault::LabPathFaults>();
    im.packet_filter = im.lab_paths;
    im.packet_filter_problem = kernel_filter.problem;
    spdlog::warn("{}: network faults act only on the lab's own paths to instances (load "
                 "balancers, health checks, the metadata service)",
                 im.packet_filter_problem);
  }
  // Opening the lab's cgroups removes the empty ones a killed run of this lab left.
  auto cgroups = limits::probe_cgroups(std::filesystem::absolute(im.options.data_dir));
  im.cgroups = std::move(cgroups.tree);
  if (im.cgroups) {
    spdlog::info("instances are bounded to their instance types by {}", im.cgroups->description());
  } else {
    spdlog::warn("{}", cgroups.problem);
  }
  // Finding the disks unmounts those a killed run of this lab left mounted.
  auto disks = limits::probe_instance_disks(std::filesystem::absolute(im.options.data_dir));
  im.disks = std::move(disks.disks);
  if (!im.disks) spdlog::warn("{}", disks.problem);
  auto cloud_options = im.cloud_options(port);
  // A lab killed here before (kill -9) left its instance processes running (the lock says no
  // other lab owns them): each running instance restored below adopts its own, and serves on.
  auto survivors = compute::instance_leaders_of_lab(im.options.data_dir, cloud_options.imds_prefix);
  im.cloud = std::make_unique<cloud::Cloud>(im.clock, im.supervisor, im.control, im.data_plane,
                                            std::move(cloud_options));
  for (unsigned i = 0; i < data_plane_threads(); ++i) {
    im.data_threads.emplace_back([&im] { im.data_plane.run(); });
  }
  im.cloud->instances().offer_survivors(survivors);
  FAULTBOX_TRY_VOID(im.restore());
  im.stop_unadopted(survivors);
  LabTokens tokens{random_token(), random_token()};
  im.context.reset(new LabContext{im.options, im.clock, *im.cloud, random_secret(), tokens,
                                  [&im] {
                                    asio::post(im.control, [&im] {
                                      im.shutdown("asked by POST /_faultbox/shutdown");
                                    });
                                  },
                                  nullptr});
  im.context->events = std::make_shared<ConsoleEvents>(im.control, *im.context);
  im.context->port = port;
  im.context->after = [&im](std::chrono::milliseconds wait, std::function<void()> then) {
    auto timer = std::make_shared<asio::steady_timer>(im.control, wait);
    timer->async_wait([timer, then = std::move(then)](const std::error_code& error) {
      if (!error) then();
    });
  };
  if (im.cloud->options().unprivileged_port_offset != 0) {
    spdlog::warn("not running as root: ports below 1024 are moved up by {} (port 80 -> {})",
                 kUnprivilegedPortOffset, 80 + kUnprivilegedPortOffset);
  }
  LabFile file{::getpid(), im.options.address, port, im.options.speed, tokens.control, "", ""};
  if (im.options.check_signatures) {
    // Kept with the lab's state, so keys handed out stay good across restarts.
    const auto& root = im.cloud->kind<cloud::Sessions>().ensure_root_key();
    im.save();  // before lab.json hands the key out, so a kill -9 cannot lose it
    file.access_key_id = root.id;
    file.secret_access_key = root.secret;
    spdlog::info("AWS calls must be signed by keys this lab issued: the root's ({}, `faultbox "
                 "credentials` prints it), IAM users' and role sessions'",
                 root.id);
  } else {
    spdlog::warn("AWS calls are not checked: any credentials, or none, act as the account's "
                 "root (`faultbox serve --auth` checks signatures)");
  }
  FAULTBOX_TRY_VOID(write_lab_file(im.options.data_dir, file));
  im.signals.async_wait([&im](const std::error_code& error, int signal) {
    if (!error) {
      im.shutdown(signal == SIGINT ? "SIGINT" : "SIGTERM");
    }
  });
  im.next_metrics = im.clock.now() + std::chrono::seconds(1);
  im.schedule_tick();
  im.schedule_save();
  spdlog::info("lab listening on {} (speed {}x, data in {}, sockets through {})", file.base_url(),
               im.options.speed, im.options.data_dir, event_loop_ring_mode());
  run_control_plane(im.control);
  return {};
}

}  // namespace faultbox::lab
