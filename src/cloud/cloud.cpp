#include "cloud/cloud.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <random>
#include <thread>

#include "cloud/experiment_logs.h"
#include "cloud/region_services.h"

namespace faultbox::cloud {

namespace {
std::shared_ptr<compute::AddressLeases> address_leases(const CloudOptions& options) {
  if (options.address_lease_dir.empty()) {
    return nullptr;
  }
  return std::make_shared<compute::AddressLeases>(options.address_lease_dir, ::getpid());
}

compute::InstanceManagerConfig instance_config(const CloudOptions& options,
                                               std::shared_ptr<compute::AddressLeases> leases) {
  compute::InstanceManagerConfig config;
  config.image.data_dir = options.data_dir;
  config.image.faultbox_binary = options.faultbox_binary;
  config.image.imds_endpoint_prefix = options.imds_prefix;
  config.image.imds_address = options.imds_address;
  config.image.sandbox_program = options.sandbox_program;
  config.image.imds_preload = options.imds_preload;
  config.account_id = options.account_id;
  config.id_seed = std::random_device{}();
  config.boot_time = options.instance_boot_time;
  config.skip_addresses_in_use = true;
  config.leases = std::move(leases);
  return config;
}

std::string template_id(uint64_t serial) {
  static std::mt19937_64 engine(std::random_device{}());
  return fmt::format("lt-{:017x}", (engine() ^ serial) & 0xfffffffffffffffULL);
}
}  // namespace

Cloud::Cloud(const Clock& clock, compute::ProcessSupervisor& supervisor,
             boost::asio::io_context& control, boost::asio::io_context& data_plane,
             CloudOptions options)
    : clock_(clock),
      supervisor_(supervisor),
      data_plane_(data_plane),
      options_(std::move(options)),
      leases_(address_leases(options_)),
      instances_(clock, supervisor, instance_config(options_, leases_)),
      prober_(data_plane, control, clock) {}

Cloud::~Cloud() {
  regions_.clear();  // experiments and alarms go before what they act on
  for (auto& [name, b] : balancers_) {
    for (auto& proxy : b.proxies) {
      proxy->stop();
    }
  }
}

int Cloud::effective_port(int port) const {
  return port < 1024 ? port + options_.unprivileged_port_offset : port;
}

Result<const LaunchTemplate*> Cloud::put_launch_template(LaunchTemplate lt) {
  if (lt.name.empty()) {
    return errors::validation("a launch template needs a name");
  }
  auto it = launch_templates_.find(lt.name);
  if (it == launch_templates_.end()) {
    if (lt.id.empty()) {
      lt.id = template_id(next_template_serial_++);
    }
    lt.version = 1;
  } else {
    lt.id = it->second.id;
    lt.version = it->second.version + 1;
  }
  auto& stored = launch_templates_[lt.name];
  stored = std::move(lt);
  return &stored;
}

Result<void> Cloud::remove_launch_template(const std::string& name) {
  if (launch_templates_.erase(name) == 0) {
    return errors::not_found("launch template " + name + " does not exist");
  }
  return {};
}

const LaunchTemplate* Cloud::find_launch_template(const std::string& id_or_name) const {
  for (const auto& [name, lt] : launch_templates_) {
    if (lt.id == id_or_name || lt.name == id_or_name) {
      return &lt;
    }
  }
  return nullptr;
}

void Cloud::put_record(const std::string& type, const std::string& id, nlohmann::json body) {
  records_[type][id] = std::move(body);
}

void Cloud::remove_record(const std::string& type, const std::string& id) {
  records_[type].erase(id);
}

const std::map<std::string, nlohmann::json>& Cloud::records(const std::string& type) const {
  static const std::map<std::string, nlohmann::json> kNone;
  auto it = records_.find(type);
  return it == records_.end() ? kNone : it->second;
}

RegionServices& Cloud::region(const std::string& name) {
  auto& slot = regions_[name];
  if (!slot) {
    slot = std::make_unique<RegionServices>(*this, clock_, name, options_.account_id);
  }
  return *slot;
}

std::string Cloud::default_region() const {
  for (const auto& [name, b] : balancers_) {
    return b.region;
  }
  for (const auto& [name, g] : groups_) {
    return g.region;
  }
  for (const auto* i : instances_.list()) {
    return i->region;
  }
  return "us-east-1";
}

void Cloud::tick(TimePoint now) {
  instances_.tick(now);
  for (auto& [name, group] : groups_) {
    reconcile_group(group, now);
  }
  for (auto& [name, balancer] : balancers_) {
    balancer.lb->tick(now, prober_);
  }
  for (auto& [name, services] : regions_) {
    for (const auto& t : services->alarms.evaluate(now)) {
      spdlog::info("alarm {} ({}): {} -> {}", t.alarm_name, name, monitoring::state_name(t.from),
                   monitoring::state_name(t.to));
    }
    services->runner.tick(now);
    ship_experiment_logs(*services);
  }
}

void Cloud::kill_all_processes() {
  std::vector<int> pids;
  for (const auto* i : instances_.list()) {
    if (i->pid > 0) {
      pids.push_back(i->pid);
      supervisor_.signal(i->pid, SIGTERM);
    }
  }
  // Give the processes a moment to exit by themselves, then make sure.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  size_t exited = 0;
  while (exited < pids.size() && std::chrono::steady_clock::now() < deadline) {
    exited += supervisor_.reap().size();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  for (int pid : pids) {
    supervisor_.signal(pid, SIGKILL);
  }
  supervisor_.reap();
}

}  // namespace faultbox::cloud
