#include "cloud/network/network_faults.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "cloud/cloud.h"
#include "cloud/network/subnets.h"
#include "cloud/ssm/ssm_commands.h"
#include "compute/ip_allocator.h"
#include "core/error.h"
#include "ssm/document_catalog.h"
#include "ssm/packet_fault.h"

namespace faultbox::cloud {

namespace {

using netfault::Direction;
using netfault::PacketRule;

struct SubnetPlace {
  std::string availability_zone;
  std::string vpc_id;
};

SubnetPlace place_of(const Cloud& cloud, const std::string& subnet_id) {
  const auto& records = cloud.records("aws_subnet");
  auto it = records.find(subnet_id);
  if (it == records.end()) return {};
  return {it->second.value("availability_zone", ""), it->second.value("vpc_id", "")};
}

bool live(const compute::Instance& i) { return i.state != compute::InstanceState::Terminated; }

// A Sources item as the packet filter matches it: a zone is its instances' address range
// (127.10.<zone index + 1>.0/24, compute/ip_allocator); an address or CIDR block stands as given.
std::string source_block(const std::string& source) {
  int index = -1;
  if (ssm::is_zone_name(source)) {
    if (auto az = compute::parse_availability_zone(source)) index = az->index;
  } else if (ssm::is_zone_id(source)) {
    index = std::stoi(source.substr(source.rfind("az") + 2)) - 1;
  } else {
    return source;
  }
  return "127.10." + std::to_string(index + 1) + ".0/24";
}

}  // namespace

std::vector<std::string> NetworkFaults::addresses_in(
    const std::vector<std::string>& subnet_ids) const {
  std::vector<std::string> out;
  for (const auto* i : cloud_.instances().list()) {
    if (live(*i) &&
        std::find(subnet_ids.begin(), subnet_ids.end(), subnet_of(*i)) != subnet_ids.end()) {
      out.push_back(i->private_ip);
    }
  }
  return out;
}

std::vector<PacketRule> NetworkFaults::rules() const {
  std::vector<PacketRule> out;
  for (const auto& [id, fault] : faults_) {
    // Each subnet on its own: two target subnets do not reach each other either.
    for (const auto& subnet : fault.subnet_ids) {
      auto targets = addresses_in({subnet});
      if (targets.empty()) continue;
      PacketRule rule{.targets = targets};
      if (fault.scope == "all") {
        rule.peers_outside_targets = true;
      } else {
        const auto place = place_of(cloud_, subnet);
        for (const auto* i : cloud_.instances().list()) {
          if (live(*i) && i->availability_zone != place.availability_zone &&
              vpc_of(cloud_, *i) == place.vpc_id) {
            rule.peers.push_back(i->private_ip);
          }
        }
        if (rule.peers.empty()) continue;  // no peers would mean every address
      }
      rule.direction = Direction::Ingress;
      out.push_back(rule);
      rule.direction = Direction::Egress;
      out.push_back(rule);
    }
  }
  add_command_rules(out);
  return out;
}

int NetworkFaults::real_ms(int lab_ms) const {
  if (lab_ms == 0) return 0;
  return static_cast<int>(cloud_.clock().to_real(Duration(lab_ms)).count());
}

void NetworkFaults::add_command_rules(std::vector<PacketRule>& out) const {
  std::set<std::string> held;  // instances with a network command's rule already
  for (const auto* c : cloud_.kind<SsmCommands>().all()) {
    const bool running = std::any_of(c->invocations.begin(), c->invocations.end(),
                                     [](auto& i) { return i.status == ssm::Status::InProgress; });
    if (!c->network_fault || !running) continue;
    auto document = ssm::find_document(c->document_name);
    if (!document || !(*document)->packet_fault) continue;
    auto fault = (*document)->packet_fault(c->parameters);
    if (!fault || (fault->drop_percent == 0 && fault->delay_ms == 0)) continue;
    for (const auto& invocation : c->invocations) {
      if (invocation.status != ssm::Status::InProgress) continue;
      const auto* instance = cloud_.instances().find(invocation.instance_id);
      if (instance == nullptr || !held.insert(instance->id).second) continue;
      PacketRule rule{.targets = {instance->private_ip},
                      .direction = fault->ingress ? Direction::Ingress : Direction::Egress,
                      .protocol = fault->protocol,
                      .port = fault->port,
                      .drop_percent = fault->drop_percent,
                      .delay_ms = real_ms(fault->delay_ms),
                      .jitter_ms = real_ms(fault->jitter_ms)};
      for (const auto& source : fault->sources) {
        rule.peers.push_back(source_block(source));
        // A block of the VPC's own addressing (10.0.1.0/24) means the instances in the subnets
        // it covers: theirs are loopback addresses here.
        for (const auto& address : addresses_in(subnets_within(cloud_, source))) {
          rule.peers.push_back(address);
        }
      }
      out.push_back(std::move(rule));
    }
  }
}

Result<void> NetworkFaults::sync() {
  const auto& filter = cloud_.options().packet_filter;
  auto wanted = rules();
  if (wanted == applied_) return {};
  if (!filter) {
    return errors::internal("the lab cannot filter packets: " +
                            cloud_.options().packet_filter_problem);
  }
  FAULTBOX_TRY_VOID(filter->apply(wanted));
  applied_ = std::move(wanted);
  return {};
}

std::string NetworkFaults::reach() const {
  if (!cloud_.options().lab_paths) {
    return "The kernel's packet filter applies it on the instances' addresses: every client and "
           "protocol meets it.";
  }
  return "The lab cannot change the kernel's packet filter (" +
         cloud_.options().packet_filter_problem +
         "), so it applies the fault only on its own paths to the instances: its load "
         "balancers, their health checks and the metadata service. Other clients reach the "
         "instances unaffected.";
}

Result<std::string> NetworkFaults::disrupt_subnets(const std::string& fault_id,
                                                   const std::vector<std::string>& subnet_ids,
                                                   const std::string& scope) {
  if (!cloud_.options().packet_filter) {
    return errors::internal("the lab cannot filter packets: " +
                            cloud_.options().packet_filter_problem);
  }
  faults_[fault_id] = {subnet_ids, scope};
  if (auto synced = sync(); !synced) {
    faults_.erase(fault_id);
    return synced.error();
  }
  std::vector<std::string> cut;
  for (const auto* i : cloud_.instances().list()) {
    if (live(*i) &&
        std::find(subnet_ids.begin(), subnet_ids.end(), subnet_of(*i)) != subnet_ids.end()) {
      cut.push_back(i->id + " (" + i->private_ip + ")");
    }
  }
  return fmt::format(
      "Cut off subnets {} (scope {}); instances now in them: {}. {}", fmt::join(subnet_ids, ", "),
      scope, cut.empty() ? std::string("none") : fmt::format("{}", fmt::join(cut, ", ")), reach());
}

void NetworkFaults::remove(const std::string& fault_id) {
  if (faults_.erase(fault_id) == 0) return;
  if (auto synced = sync(); !synced) {
    spdlog::error("network fault {} could not be removed: {}", fault_id, synced.error().message);
  }
}

void NetworkFaults::tick(TimePoint) {
  auto synced = sync();
  if (!synced && synced.error().message != last_error_) {
    last_error_ = synced.error().message;
    spdlog::error("network faults could not follow the instances: {}", last_error_);
  } else if (synced) {
    last_error_.clear();
  }
}

std::unique_ptr<Kind> make_network_faults(Cloud& cloud) {
  return std::make_unique<NetworkFaults>(cloud);
}

}  // namespace faultbox::cloud
