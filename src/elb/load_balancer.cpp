// Classic ELB control-plane object: health-check schedule and InService publication.
#include "elb/load_balancer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

namespace faultbox::elb {

struct LoadBalancer::Entry {
  RegisteredInstance instance;
  HealthState health;
  TimePoint next_probe_at;
  std::uint64_t probe_in_flight = 0;  // 0: none
};

namespace {

// A port below 1024 as a lab without root serves it, and back.
std::uint16_t moved(std::uint16_t port, std::uint16_t moved_by) {
  return port < 1024 ? static_cast<std::uint16_t>(port + moved_by) : port;
}
std::uint16_t unmoved(std::uint16_t port, std::uint16_t moved_by) {
  return moved_by != 0 && port >= moved_by && port - moved_by < 1024
             ? static_cast<std::uint16_t>(port - moved_by)
             : port;
}

using std::chrono::seconds;

Result<void> validate_name(std::string_view name) {
  bool chars_ok = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
  if (name.empty() || name.size() > 32 || !chars_ok || name.front() == '-' || name.back() == '-') {
    return errors::validation(fmt::format(
        "load balancer name \"{}\": use 1 to 32 letters, digits or hyphens, not starting or "
        "ending with a hyphen",
        name));
  }
  return {};
}

Result<void> validate_listeners(const std::vector<Listener>& listeners) {
  if (listeners.empty()) {
    return errors::validation("a load balancer needs at least one listener");
  }
  for (std::size_t i = 0; i < listeners.size(); ++i) {
    const auto& l = listeners[i];
    if (l.lb_port == 0 || l.instance_port == 0) {
      return errors::validation(fmt::format("listener {}: ports must be from 1 to 65535", i + 1));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (listeners[j].lb_port == l.lb_port) {
        return errors::validation(
            fmt::format("two listeners use load balancer port {}", l.lb_port));
      }
    }
  }
  return {};
}

Result<void> validate_health_check(const HealthCheckConfig& hc) {
  auto in = [](Duration d, seconds lo, seconds hi) { return d >= lo && d <= hi; };
  if (!in(hc.interval, seconds(5), seconds(300))) {
    return errors::validation(fmt::format(
        "health check interval {} ms: must be from 5 to 300 seconds", hc.interval.count()));
  }
  if (!in(hc.timeout, seconds(2), seconds(60)) || hc.timeout >= hc.interval) {
    return errors::validation(fmt::format(
        "health check timeout {} ms: must be from 2 to 60 seconds and less than the interval",
        hc.timeout.count()));
  }
  for (auto [label, value] : {std::pair{"healthy", hc.healthy_threshold},
                              std::pair{"unhealthy", hc.unhealthy_threshold}}) {
    if (value < 2 || value > 10) {
      return errors::validation(
          fmt::format("health check {} threshold {}: must be from 2 to 10", label, value));
    }
  }
  FAULTBOX_TRY(target, parse_health_target(hc.target));
  return check_supported(target);
}

}  // namespace

Result<void> validate(const LoadBalancerConfig& config) {
  FAULTBOX_TRY_VOID(validate_name(config.name));
  FAULTBOX_TRY_VOID(validate_listeners(config.listeners));
  return validate_health_check(config.health_check);
}

Result<std::unique_ptr<LoadBalancer>> LoadBalancer::create(LoadBalancerConfig config,
                                                           const Clock& clock) {
  FAULTBOX_TRY_VOID(validate(config));
  FAULTBOX_TRY(target, parse_health_target(config.health_check.target));
  return std::unique_ptr<LoadBalancer>(new LoadBalancer(std::move(config), target, clock));
}

LoadBalancer::LoadBalancer(LoadBalancerConfig config, HealthTarget target, const Clock& clock)
    : config_(std::move(config)),
      target_(std::move(target)),
      clock_(clock),
      snapshot_(std::make_shared<const BackendSnapshot>()),
      alive_(std::make_shared<int>(0)) {}

LoadBalancer::~LoadBalancer() = default;

void LoadBalancer::add_sink(BackendSink& sink) {
  sinks_.push_back(&sink);
  sink.publish(snapshot_);
}

void LoadBalancer::remove_sink(BackendSink& sink) { std::erase(sinks_, &sink); }

void LoadBalancer::use_lab_paths(std::shared_ptr<const netfault::LabPathFaults> faults,
                                 std::uint16_t moved_by) {
  lab_paths_ = std::move(faults);
  moved_by_ = moved_by;
  publish();
}

netfault::FlowFault LoadBalancer::path_fault(const std::string& address, std::uint16_t port) const {
  if (!lab_paths_) return {};
  return lab_paths_->fault_on(
      {.target = address, .peer = netfault::kLabPathPeer, .target_port = port});
}

LoadBalancer::Entry* LoadBalancer::find(std::string_view instance_id) {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const Entry& e) { return e.instance.id == instance_id; });
  return it == entries_.end() ? nullptr : &*it;
}

Result<void> LoadBalancer::register_instance(RegisteredInstance instance) {
  if (instance.id.empty() || instance.address.empty()) {
    return errors::validation(
        fmt::format("instance \"{}\" at \"{}\": registration needs an instance id and an address",
                    instance.id, instance.address));
  }
  if (find(instance.id) != nullptr) {
    return {};
  }
  auto now = clock_.now();
  const auto& hc = config_.health_check;
  entries_.push_back(Entry{std::move(instance),
                           HealthState(hc.healthy_threshold, hc.unhealthy_threshold, now), now});
  return {};
}

Result<void> LoadBalancer::restore_instance(RegisteredInstance instance, bool in_service) {
  std::string id = instance.id;
  FAULTBOX_TRY_VOID(register_instance(std::move(instance)));
  if (in_service) {
    find(id)->health.resume_in_service(clock_.now());
    publish();
  }
  return {};
}

Result<void> LoadBalancer::deregister_instance(std::string_view instance_id) {
  auto* entry = find(instance_id);
  if (entry == nullptr) {
    return Error{"InvalidEndPoint",
                 fmt::format("instance {} is not registered with load balancer {}", instance_id,
                             config_.name),
                 400};
  }
  bool was_in_service = entry->health.in_service();
  entries_.erase(entries_.begin() + (entry - entries_.data()));
  if (was_in_service) {
    publish();
  }
  return {};
}

std::vector<InstanceHealth> LoadBalancer::describe_instance_health() const {
  std::vector<InstanceHealth> out;
  out.reserve(entries_.size());
  for (const auto& e : entries_) {
    out.push_back(e.health.describe(e.instance.id));
  }
  return out;
}

HostCounts LoadBalancer::host_counts() const {
  HostCounts counts;
  for (const auto& e : entries_) {
    ++(e.health.in_service() ? counts.healthy : counts.unhealthy);
  }
  return counts;
}

void LoadBalancer::tick(TimePoint now, HealthProber& prober) {
  if (lab_paths_ && lab_paths_->version() != lab_paths_version_) {
    publish();
  }
  for (auto& e : entries_) {
    if (e.probe_in_flight != 0 || now < e.next_probe_at) {
      continue;
    }
    // Anchored on the previous due time so checks keep their cadence when ticks come late; after
    // a long pause it probes once, not once per missed slot.
    const auto interval = config_.health_check.interval;
    e.next_probe_at += interval;
    if (e.next_probe_at <= now) {
      e.next_probe_at = now + interval;
    }
    e.probe_in_flight = next_probe_id_++;
    ProbeRequest request{e.probe_in_flight,
                         e.instance.id,
                         e.instance.address,
                         target_,
                         config_.health_check.timeout,
                         path_fault(e.instance.address, unmoved(target_.port, moved_by_))};
    std::weak_ptr<int> alive = alive_;
    prober.probe(request, [this, alive, id = e.instance.id,
                           probe_id = e.probe_in_flight](ProbeResult result) {
      if (!alive.expired()) {
        on_probe_result(id, probe_id, result);
      }
    });
  }
}

void LoadBalancer::on_probe_result(std::string_view instance_id, std::uint64_t probe_id,
                                   const ProbeResult& result) {
  auto* entry = find(instance_id);
  if (entry == nullptr || entry->probe_in_flight != probe_id) {
    return;
  }
  entry->probe_in_flight = 0;
  if (entry->health.record(result.healthy, clock_.now())) {
    publish();
  } else if (result.healthy && entry->health.in_service()) {
    const std::string id = entry->instance.id;  // a sink may not outlive the entry's string
    for (auto* sink : sinks_) {
      sink->health_check_passed(id);
    }
  }
}

void LoadBalancer::publish() {
  auto next = std::make_shared<BackendSnapshot>();
  next->version = snapshot_->version + 1;
  if (lab_paths_) lab_paths_version_ = lab_paths_->version();
  for (const auto& e : entries_) {
    if (!e.health.in_service()) continue;
    Backend backend{e.instance.id, e.instance.address, 0, e.instance.az};
    for (const auto& listener : config_.listeners) {
      auto fault = path_fault(e.instance.address, listener.instance_port);
      if (fault.any()) {  // for the proxy, which connects to the moved port
        backend.path_faults.push_back({moved(listener.instance_port, moved_by_), fault});
      }
    }
    next->backends.push_back(std::move(backend));
  }
  snapshot_ = std::move(next);
  for (auto* sink : sinks_) {
    sink->publish(snapshot_);
  }
}

}  // namespace faultbox::elb
