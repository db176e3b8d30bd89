// The EC2 instance state machine over real (or fake) processes.
#include "compute/instance_manager.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <fstream>

#include "compute/instance_types.h"
#include "compute/ip_allocator.h"
#include "core/arn.h"
#include "core/aws_errors.h"
#include "core/iso8601.h"
#include "limits/join_cgroups.h"

namespace faultbox::compute {

namespace {

Error incorrect_state(const Instance& i, std::string_view verb) {
  return ec2_errors::incorrect_instance_state(
      fmt::format("The instance '{}' is not in a state from which it can be {}.", i.id, verb));
}

// EC2's StateTransitionReason wording, in GMT with whole seconds.
std::string user_initiated(TimePoint now) {
  return "User initiated (" + format_utc_date_time(now) + " GMT)";
}

std::string describe_exit(const ProcessExit& e) {
  if (e.term_signal) {
    return fmt::format("killed by signal {}", *e.term_signal);
  }
  return fmt::format("exited with code {}", e.exit_code.value_or(-1));
}

}  // namespace

InstanceManager::InstanceManager(const Clock& clock, ProcessSupervisor& supervisor,
                                 InstanceManagerConfig config)
    : clock_(clock),
      supervisor_(supervisor),
      config_(std::move(config)),
      ids_(config_.id_seed),
      history_(config_.state_history) {}

Result<const Instance*> InstanceManager::run_instance(const LaunchSpec& spec) {
  FAULTBOX_TRY(az, parse_availability_zone(spec.availability_zone));
  if (spec.port < 1 || spec.port > 65535) {
    return errors::validation(fmt::format("Invalid port {}: use 1-65535", spec.port));
  }
  auto taken = taken_ips();
  FAULTBOX_TRY(ip, allocate_private_ip(az.index, taken));
  while ((config_.skip_addresses_in_use && tcp_address_in_use(ip, spec.port)) ||
         (config_.leases && !config_.leases->claim(ip))) {
    taken.insert(ip);
    FAULTBOX_TRY(next, allocate_private_ip(az.index, taken));
    ip = next;
  }
  std::string id = ids_.instance_id();
  while (instances_.count(id) != 0) {
    id = ids_.instance_id();
  }
  const TimePoint now = clock_.now();
  Instance i{.id = id,
             .image_id = spec.image_id,
             .instance_type = spec.instance_type,
             .region = az.region,
             .availability_zone = spec.availability_zone,
             .subnet_id = spec.subnet_id,
             .private_ip = ip,
             .port = spec.port,
             .tags = spec.tags,
             .user_data = spec.user_data,
             .metadata = spec.metadata,
             .market = spec.market,
             .launch_template = spec.launch_template,
             .launch_time = now};
  set_state(i, InstanceState::Pending, now);
  i.state_reason = {"pending", "pending"};
  auto [it, inserted] = instances_.emplace(id, std::move(i));
  return &it->second;
}

Result<void> InstanceManager::stop(const std::string& id) {
  FAULTBOX_TRY(i, lookup(id));
  switch (i->state) {
    case InstanceState::Pending:
    case InstanceState::Running:
      request_shutdown(*i, InstanceState::Stopping, clock_.now());
      return {};
    case InstanceState::Stopping:
    case InstanceState::Stopped:
      return {};
    default:
      return incorrect_state(*i, "stopped");
  }
}

Result<void> InstanceManager::start(const std::string& id) {
  FAULTBOX_TRY(i, lookup(id));
  switch (i->state) {
    case InstanceState::Pending:
    case InstanceState::Running:
      return {};
    case InstanceState::Stopped:
      set_state(*i, InstanceState::Pending, clock_.now());
      i->state_reason = {"pending", "pending"};
      i->state_transition_reason.clear();
      return {};
    default:
      return incorrect_state(*i, "started");
  }
}

Result<void> InstanceManager::reboot(const std::string& id) {
  FAULTBOX_TRY(i, lookup(id));
  if (i->state != InstanceState::Running) {
    return incorrect_state(*i, "rebooted");
  }
  if (!i->rebooting) {
    i->rebooting = true;
    if (i->pid != 0) {
      supervisor_.signal(i->pid, SIGTERM);
      i->signalled_at = clock_.now();
    }
  }
  return {};
}

Result<void> InstanceManager::terminate(const std::string& id) {
  FAULTBOX_TRY(i, lookup(id));
  if (i->state != InstanceState::ShuttingDown && i->state != InstanceState::Terminated) {
    request_shutdown(*i, InstanceState::ShuttingDown, clock_.now());
  }
  return {};
}

Result<void> InstanceManager::interrupt_spot(const std::string& id, TimePoint at) {
  FAULTBOX_TRY(i, lookup(id));
  if (!i->market.spot) {
    return Error{"UnsupportedOperation", "The instance " + id + " is not a Spot Instance.", 400};
  }
  if (i->state != InstanceState::Running) {
    return Error{"IncorrectInstanceState",
                 "The instance '" + id + "' is not in a state from which it can be interrupted.",
                 400};
  }
  const TimePoint now = clock_.now();
  i->spot_interruption =
      SpotInterruption{now, std::max(now, at - std::chrono::minutes(2)), std::max(now, at)};
  return {};
}

Result<void> InstanceManager::cancel_spot_interruption(const std::string& id) {
  FAULTBOX_TRY(i, lookup(id));
  i->spot_interruption.reset();
  return {};
}

void InstanceManager::tick(TimePoint now) {
  boots_left_ = config_.boots_per_tick;
  for (const ProcessExit& exit : supervisor_.reap()) {
    auto owner = by_pid_.find(exit.pid);
    if (owner == by_pid_.end()) {
      continue;
    }
    auto it = instances_.find(owner->second);
    by_pid_.erase(owner);
    if (it != instances_.end()) {
      on_exit(it->second, exit);
    }
  }
  for (auto it = instances_.begin(); it != instances_.end();) {
    Instance& i = it->second;
    if (i.spot_interruption && now >= i.spot_interruption->interrupt_at &&
        i.state == InstanceState::Running) {
      interrupt(i, now);
    }
    advance(i, now);
    const bool expired = i.state == InstanceState::Terminated &&
                         now - i.state_changed_at >= config_.terminated_retention;
    it = expired ? instances_.erase(it) : std::next(it);
  }
}

Result<void> InstanceManager::restore(Instance i) {
  FAULTBOX_TRY_VOID(parse_availability_zone(i.availability_zone));
  if (instances_.count(i.id) != 0) {
    return errors::conflict("instance " + i.id + " already exists");
  }
  i.pid = 0;
  i.signalled_at.reset();
  i.killed = false;
  i.rebooting = false;
  const InstanceState saved_state = i.state;
  auto survivor = survivors_.find(i.id);
  if (i.state == InstanceState::Running && survivor != survivors_.end() &&
      supervisor_.adopt(survivor->second)) {
    // It served on while the lab was down: the new lab carries on supervising it.
    i.pid = survivor->second;
    by_pid_[i.pid] = i.id;
    survivors_.erase(survivor);
    console(i.id, fmt::format("adopted process {} after a lab restart", i.pid));
  } else if (i.state == InstanceState::Running || i.state == InstanceState::Pending) {
    i.state = InstanceState::Pending;
    i.status = StatusCheck::NotApplicable;
    // Its health-check grace period starts again with the boot, as after a stop and start.
    i.launch_time = clock_.now();
  } else if (i.state == InstanceState::Stopping) {
    i.state = InstanceState::Stopped;
  } else if (i.state == InstanceState::ShuttingDown) {
    i.state = InstanceState::Terminated;
    delete_root_volume(i);
  }
  if (i.state != saved_state) {
    history_.record({clock_.now(), i.id, i.availability_zone, i.state});
  }
  if (i.state != InstanceState::Terminated && config_.leases &&
      !config_.leases->claim(i.private_ip)) {
    // EC2 keeps a stopped instance's IP; another lab took it while this one was down.
    spdlog::warn("instance {}: its address {} is leased by another lab on this machine; it "
                 "will not answer there until that lab lets it go",
                 i.id, i.private_ip);
  }
  std::string id = i.id;
  instances_.emplace(std::move(id), std::move(i));
  return {};
}

void InstanceManager::offer_survivors(std::map<std::string, int> leaders_by_instance) {
  survivors_ = std::move(leaders_by_instance);
}

std::vector<const Instance*> InstanceManager::list() const {
  std::vector<const Instance*> out;
  out.reserve(instances_.size());
  for (const auto& entry : instances_) {
    out.push_back(&entry.second);
  }
  return out;
}

void InstanceManager::restore_state_history(std::vector<StateTransition> saved) {
  history_.restore(std::move(saved));
}

Result<void> InstanceManager::set_tags(const std::string& id, Tags tags) {
  FAULTBOX_TRY(i, lookup(id));
  i->tags = std::move(tags);
  return {};
}

const Instance* InstanceManager::find(const std::string& id) const {
  auto it = instances_.find(id);
  return it == instances_.end() ? nullptr : &it->second;
}

std::string InstanceManager::arn(const Instance& i) const {
  return arn::instance(i.region, config_.account_id, i.id);
}

std::filesystem::path InstanceManager::console_log(const std::string& id) const {
  return console_log_path(config_.image, id);
}

Result<Instance*> InstanceManager::lookup(const std::string& id) {
  if (!is_instance_id(id)) {
    return ec2_errors::malformed_instance_id(id);
  }
  auto it = instances_.find(id);
  if (it == instances_.end()) {
    return ec2_errors::instance_not_found(fmt::format("The instance ID '{}' does not exist", id));
  }
  return &it->second;
}

void InstanceManager::set_state(Instance& i, InstanceState s, TimePoint now) {
  // Every call is a change (or a launch), so each one is recorded.
  history_.record({now, i.id, i.availability_zone, s});
  i.state = s;
  i.state_changed_at = now;
  if (s != InstanceState::Running) {
    i.status = StatusCheck::NotApplicable;
  }
  if (s == InstanceState::Terminated && config_.leases) {
    config_.leases->release(i.private_ip);
  }
  if (s == InstanceState::Terminated) delete_root_volume(i);
}

void InstanceManager::delete_root_volume(const Instance& i) {
  if (!config_.image.disks) return;
  config_.image.disks->detach(rootfs_path(config_.image, i.id));
  std::error_code ignored;  // none: the instance never had a disk of its own
  std::filesystem::remove(disk_image_path(config_.image, i.id), ignored);
}

void InstanceManager::request_shutdown(Instance& i, InstanceState next, TimePoint now) {
  set_state(i, next, now);
  i.state_reason = {"Client.UserInitiatedShutdown",
                    "Client.UserInitiatedShutdown: User initiated shutdown"};
  i.state_transition_reason = user_initiated(now);
  i.rebooting = false;
  if (i.pid != 0 && !i.signalled_at) {
    supervisor_.signal(i.pid, SIGTERM);
    i.signalled_at = now;
  }
}

void InstanceManager::interrupt(Instance& i, TimePoint now) {
  const bool stop = i.market.stop_on_interruption;
  request_shutdown(i, stop ? InstanceState::Stopping : InstanceState::ShuttingDown, now);
  i.state_reason = stop ? StateReason{"Server.SpotInstanceShutdown",
                                      "Server.SpotInstanceShutdown: Spot instance shutdown"}
                        : StateReason{"Server.SpotInstanceTermination",
                                      "Server.SpotInstanceTermination: Spot instance termination"};
  i.state_transition_reason = "Service initiated";
  i.spot_interruption.reset();
  console(i.id,
          std::string("spot interruption: the instance is ") + (stop ? "stopped" : "terminated"));
}

void InstanceManager::on_exit(Instance& i, const ProcessExit& exit) {
  console(i.id, fmt::format("process {} {}", exit.pid, describe_exit(exit)));
  if (config_.cgroups) config_.cgroups->release(i.id);
  i.pid = 0;
  i.signalled_at.reset();
  i.killed = false;
  // EC2 keeps an instance whose OS died "running"; only its instance status check fails.
  if (i.state == InstanceState::Running && !i.rebooting) {
    i.status = StatusCheck::Impaired;
  }
}

void InstanceManager::advance(Instance& i, TimePoint now) {
  switch (i.state) {
    case InstanceState::Pending:
      if (now - i.state_changed_at < config_.boot_time || !may_boot()) {
        return;
      }
      if (boot(i)) {
        set_state(i, InstanceState::Running, now);
        i.state_reason = {};
      } else {
        set_state(i, InstanceState::Terminated, now);
        i.state_reason = {"Server.InternalError", "Server.InternalError: Internal error on launch"};
      }
      return;
    case InstanceState::Running:
      if (i.rebooting && i.pid == 0 && may_boot()) {
        i.rebooting = false;
        boot(i);
      }
      break;
    case InstanceState::Stopping:
      if (i.pid == 0) {
        set_state(i, InstanceState::Stopped, now);
      }
      break;
    case InstanceState::ShuttingDown:
      if (i.pid == 0) {
        set_state(i, InstanceState::Terminated, now);
      }
      break;
    default:
      break;
  }
  escalate(i, now);
}

bool InstanceManager::may_boot() {
  if (config_.boots_per_tick == 0) {
    return true;
  }
  if (boots_left_ == 0) {
    return false;
  }
  --boots_left_;
  return true;
}

void InstanceManager::escalate(Instance& i, TimePoint now) {
  if (i.pid != 0 && i.signalled_at && !i.killed && now - *i.signalled_at >= config_.kill_after) {
    supervisor_.signal(i.pid, SIGKILL);
    i.killed = true;
  }
}

std::vector<std::string> InstanceManager::bounded(const Instance& i,
                                                  std::vector<std::string> argv) {
  if (!config_.cgroups) return argv;
  auto procs =
      config_.cgroups->prepare(i.id, instance_bounds(i.instance_type, config_.machine_cores));
  if (!procs) {
    // It still boots, as it would on a lab without cgroups; its console says why it is unbounded.
    console(i.id, "not bounded to its instance type: " + procs.error().message);
    return argv;
  }
  return limits::join_cgroups_command(config_.image.faultbox_binary, *procs, std::move(argv));
}

bool InstanceManager::boot(Instance& i) {
  auto spec = build_process_spec(i, config_.image);
  if (spec) spec->argv = bounded(i, std::move(spec->argv));
  auto pid = spec ? supervisor_.spawn(*spec) : Result<int>(spec.error());
  if (!pid) {
    console(i.id, "boot failed: " + pid.error().message);
    i.status = StatusCheck::Impaired;
    return false;
  }
  console(i.id, fmt::format("booting {} at {}:{} ({})", i.id, i.private_ip, i.port,
                            i.user_data.empty() ? i.image_id : "user data"));
  i.pid = *pid;
  i.signalled_at.reset();
  i.killed = false;
  i.status = StatusCheck::Ok;
  by_pid_[i.pid] = i.id;
  return true;
}

void InstanceManager::console(const std::string& id, const std::string& line) {
  note_in_console(config_.image, id, line);
}

std::set<std::string> InstanceManager::taken_ips() const {
  std::set<std::string> taken;
  for (const auto& [id, i] : instances_) {
    if (i.state != InstanceState::Terminated) {
      taken.insert(i.private_ip);
    }
  }
  return taken;
}

}  // namespace faultbox::compute
