// The Cloud's wiring: the kinds of all_kinds.def made in order, the regions made on first use,
// and the tick that drives them.
#include "cloud/cloud.h"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "cloud/balancers/balancers.h"
#include "cloud/experiment_logs.h"
#include "cloud/groups/groups.h"
#include "cloud/instances/instances.h"
#include "cloud/lambda/functions.h"
#include "cloud/records/stored_records.h"
#include "cloud/region_services.h"

namespace faultbox::cloud {

#define FAULTBOX_KIND(name) std::unique_ptr<Kind> make_##name(Cloud& cloud);
#include "cloud/all_kinds.def"
#undef FAULTBOX_KIND

namespace {
std::shared_ptr<compute::AddressLeases> address_leases(const CloudOptions& options) {
  if (options.address_lease_dir.empty()) {
    return nullptr;
  }
  return std::make_shared<compute::AddressLeases>(options.address_lease_dir, ::getpid());
}
}  // namespace

Cloud::Cloud(const Clock& clock, compute::ProcessSupervisor& supervisor,
             boost::asio::io_context& control, boost::asio::io_context& data_plane,
             CloudOptions options)
    : clock_(clock),
      supervisor_(supervisor),
      control_(control),
      data_plane_(data_plane),
      options_(std::move(options)),
      leases_(address_leases(options_)) {
#define FAULTBOX_KIND(name) add_kind(make_##name(*this));
#include "cloud/all_kinds.def"
#undef FAULTBOX_KIND
}

Cloud::~Cloud() {
  regions_.clear();  // experiments and alarms go before what they act on
  // Then the kinds, the last made first (load balancers stop before the instances they serve).
  while (!kinds_.empty()) {
    kinds_.pop_back();
  }
}

void Cloud::add_kind(std::unique_ptr<Kind> kind) {
  const Kind& made = *kind;
  kinds_by_type_[std::type_index(typeid(made))] = kind.get();
  kinds_.push_back(std::move(kind));
}

compute::InstanceManager& Cloud::instances() { return kind<Instances>().manager(); }
const compute::InstanceManager& Cloud::instances() const { return kind<Instances>().manager(); }

int Cloud::effective_port(int port) const {
  return port < 1024 ? port + options_.unprivileged_port_offset : port;
}

void Cloud::put_record(const std::string& type, const std::string& id, nlohmann::json body) {
  kind<StoredRecords>().put(type, id, std::move(body));
}

void Cloud::remove_record(const std::string& type, const std::string& id) {
  kind<StoredRecords>().remove(type, id);
}

const std::map<std::string, nlohmann::json>& Cloud::records(const std::string& type) const {
  return kind<StoredRecords>().of(type);
}

RegionServices& Cloud::region(const std::string& name) {
  auto& slot = regions_[name];
  if (!slot) {
    slot = std::make_unique<RegionServices>(*this, clock_, name, options_.account_id);
  }
  return *slot;
}

std::string Cloud::default_region() const {
  for (const auto& [name, b] : kind<Balancers>().all()) {
    return b.region;
  }
  for (const auto& [name, g] : kind<Groups>().all()) {
    return g.region;
  }
  for (const auto* i : instances().list()) {
    return i->region;
  }
  for (const auto& [key, f] : kind<Functions>().all()) {
    return f.region;
  }
  return "us-east-1";
}

void Cloud::tick(TimePoint now) {
  for (auto& kind : kinds_) {
    kind->tick(now);
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

void Cloud::collect_metrics(TimePoint now) { kind<Balancers>().collect_metrics(now); }

void Cloud::kill_all_processes() {
  std::vector<int> pids;
  for (const auto* i : instances().list()) {
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
