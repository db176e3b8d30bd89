// Instances: the engine configured from the Cloud's options; records "instance" (one per
// instance) and "instance_transition" (the state history, in numbered chunks).
#include "cloud/instances/instances.h"

#include <fmt/format.h>

#include <random>
#include <thread>

#include "cloud/cloud.h"

namespace faultbox::cloud {

namespace {
compute::InstanceManagerConfig instance_config(const Cloud& cloud) {
  const auto& options = cloud.options();
  compute::InstanceManagerConfig config;
  config.image.data_dir = options.data_dir;
  config.image.faultbox_binary = options.faultbox_binary;
  config.image.imds_endpoint_prefix = options.imds_prefix;
  config.image.ssm_endpoint_prefix = options.api_endpoint + "/_ssm/";
  config.image.imds_address = options.imds_address;
  config.image.sandbox_program = options.sandbox_program;
  config.image.sandbox_problem = options.sandbox_problem;
  config.image.imds_preload = options.imds_preload;
  config.account_id = options.account_id;
  config.id_seed = std::random_device{}();
  config.boot_time = options.instance_boot_time;
  config.skip_addresses_in_use = true;
  config.leases = cloud.leases();
  config.cgroups = options.cgroups;
  config.image.disks = options.disks;
  config.machine_cores = std::thread::hardware_concurrency();
  return config;
}
}  // namespace

Instances::Instances(Cloud& cloud)
    : manager_(cloud.clock(), cloud.supervisor(), instance_config(cloud)) {}

void Instances::save(Records& out) const {
  auto& instances = out["instance"];
  for (const auto* i : manager_.list()) {
    instances.emplace_back(i->id, compute::instance_to_json(*i));
  }
  save_history(out);
}

void Instances::save_changes(Records& out) {
  auto& instances = out["instance"];
  saved_instances_.start_save();
  for (const auto* i : manager_.list()) {
    instances.emplace_back(i->id, saved_instances_.body(i->id, *i, compute::instance_to_json));
  }
  saved_instances_.finish_save();
  if (saved_history_ != manager_.state_history().changes()) {
    save_history(out);
    saved_history_ = manager_.state_history().changes();
  }
}

void Instances::forget_saved_changes() {
  saved_instances_.forget();
  saved_history_.reset();
}

void Instances::save_history(Records& out) const {
  // Zero-padded chunk numbers, so the store's id order is the history's order.
  auto& transitions = out["instance_transition"];
  for (auto& chunk : compute::state_history_chunks(manager_.state_history())) {
    transitions.emplace_back(fmt::format("{:06d}", transitions.size()), std::move(chunk));
  }
}

Result<void> Instances::restore(const Records& saved) {
  for (const auto& [id, body] : records_of(saved, "instance")) {
    FAULTBOX_TRY(instance, compute::instance_from_json(body));
    FAULTBOX_TRY_VOID(manager_.restore(std::move(instance)));
  }
  std::vector<compute::StateTransition> transitions;
  for (const auto& [id, chunk] : records_of(saved, "instance_transition")) {
    FAULTBOX_TRY(part, compute::state_history_from_chunk(chunk));
    transitions.insert(transitions.end(), part.begin(), part.end());
  }
  manager_.restore_state_history(std::move(transitions));
  return {};
}

std::unique_ptr<Kind> make_instances(Cloud& cloud) { return std::make_unique<Instances>(cloud); }

}  // namespace faultbox::cloud
