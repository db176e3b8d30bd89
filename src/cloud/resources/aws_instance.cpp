// aws_instance: one EC2 instance as a process on its AZ's loopback subnet.
#include "cloud/resource_handler.h"
#include "cloud/resources/market_options.h"
#include "cloud/resources/metadata_options.h"
#include "core/base64.h"

namespace faultbox::cloud::resources {

namespace {
Result<compute::LaunchSpec> read(const ValueReader& r, const std::string& region) {
  compute::LaunchSpec spec;
  FAULTBOX_TRY(az, r.string("availability_zone", region + "a"));
  FAULTBOX_TRY(ami, r.string("ami", compute::kWebImageId));
  FAULTBOX_TRY(type, r.string("instance_type", "t3.micro"));
  FAULTBOX_TRY(user_data, r.string("user_data"));
  FAULTBOX_TRY(user_data_b64, r.string("user_data_base64"));
  FAULTBOX_TRY(tags, r.string_map("tags"));
  spec.availability_zone = az;
  spec.image_id = ami;
  spec.instance_type = type;
  spec.user_data = user_data;
  if (!user_data_b64.empty()) {
    auto decoded = base64_decode(user_data_b64);
    if (!decoded) {
      return errors::validation(r.where() + ": user_data_base64 is not valid base64");
    }
    spec.user_data = *decoded;
  }
  spec.tags.insert(tags.begin(), tags.end());
  FAULTBOX_TRY(metadata, metadata_options(r));
  spec.metadata = metadata;
  FAULTBOX_TRY(market, market_options(r));
  spec.market = market;
  return spec;
}

// An instance placed in a subnet (subnet_id) runs in that subnet's AZ, as on EC2; an explicit
// availability_zone must agree with it. Subnets are the lab's aws_subnet records.
Result<void> place_in_subnet(const Cloud& cloud, const ValueReader& r, compute::LaunchSpec& spec) {
  FAULTBOX_TRY(subnet_id, r.string("subnet_id"));
  FAULTBOX_TRY(explicit_az, r.string("availability_zone"));
  if (subnet_id.empty()) {
    return {};
  }
  const auto& subnets = cloud.records("aws_subnet");
  auto it = subnets.find(subnet_id);
  if (it == subnets.end() || !it->second.value("availability_zone", nlohmann::json()).is_string()) {
    return errors::validation(r.where() + ": subnet_id: the subnet ID '" + subnet_id +
                              "' does not exist");
  }
  auto az = it->second["availability_zone"].get<std::string>();
  if (!explicit_az.empty() && explicit_az != az) {
    return errors::validation(r.where() + ": availability_zone " + explicit_az +
                              " is not the AZ of subnet " + subnet_id + " (" + az + ")");
  }
  spec.availability_zone = az;
  spec.subnet_id = subnet_id;
  return {};
}

expr::Value state_of(Cloud& cloud, const stack::ResourceChange& c, const compute::Instance& i) {
  const auto* subnet = c.config.is_mapping() ? c.config.find("subnet_id") : nullptr;
  return with_computed(
      c.config, {{"id", expr::Value::string(i.id)},
                 {"subnet_id", subnet && subnet->is_string() ? *subnet : expr::Value::string("")},
                 {"arn", expr::Value::string(cloud.instances().arn(i))},
                 {"availability_zone", expr::Value::string(i.availability_zone)},
                 {"private_ip", expr::Value::string(i.private_ip)},
                 {"private_dns", expr::Value::string(i.private_dns_name())},
                 {"public_ip", expr::Value::string(i.private_ip)},
                 {"instance_state", expr::Value::string(std::string(state_name(i.state)))}});
}
}  // namespace

ResourceHandler aws_instance() {
  return {
      .type = "aws_instance",
      .modelled = {"ami", "instance_type", "availability_zone", "subnet_id", "user_data",
                   "user_data_base64", "tags", "metadata_options", "instance_market_options"},
      // Optional attributes EC2 computes when the configuration leaves them out.
      .computed = {"id", "arn", "availability_zone", "subnet_id", "private_ip", "private_dns",
                   "public_ip", "instance_state"},
      .schema = {{"vpc_security_group_ids", "set(string)"},
                 {"security_groups", "set(string)"},
                 {"associate_public_ip_address", "bool"},
                 {"monitoring", "bool"}},
      .validate = [](const Cloud&, const ValueReader& r) -> Result<void> {
        FAULTBOX_TRY(spec, read(r, "us-east-1"));
        (void)spec;
        return {};
      },
      .create = [](Cloud& cloud, const stack::ResourceChange& c) -> Result<expr::Value> {
        ValueReader reader(c.config, c.address);
        FAULTBOX_TRY(spec, read(reader, c.region));
        FAULTBOX_TRY_VOID(place_in_subnet(cloud, reader, spec));
        spec.port = cloud.effective_port(80);
        FAULTBOX_TRY(instance, cloud.instances().run_instance(spec));
        return state_of(cloud, c, *instance);
      },
      .update = [](Cloud& cloud, const stack::ResourceChange& c) -> Result<expr::Value> {
        // The lab changes nothing of a running instance in place yet: it keeps the old one.
        const auto* i = cloud.instances().find(state_string(c.state, "id"));
        if (!i) {
          return errors::not_found(c.address + ": instance " + state_string(c.state, "id") +
                                   " no longer exists");
        }
        return state_of(cloud, c, *i);
      },
      .destroy = [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
        auto done = cloud.instances().terminate(state_string(c.state, "id"));
        // Already gone is fine when destroying.
        if (!done && done.error().code != "InvalidInstanceID.NotFound") {
          return done.error();
        }
        return {};
      },
      // A stopped instance is still the stack's; a terminated one is gone, as on AWS.
      .still_there = [](Cloud& cloud, const stack::ResourceChange& c) -> bool {
        const auto* i = cloud.instances().find(state_string(c.state, "id"));
        return i != nullptr && i->state != compute::InstanceState::Terminated;
      },
  };
}

}  // namespace faultbox::cloud::resources
