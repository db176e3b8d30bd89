// Network resources a workshop's `init` step creates (VPC, subnets, gateways, route
// tables, security groups and their rules): the lab keeps each as
// a record with an AWS-shaped id and ARN so that references to them work. Instances do not
// use them for addressing; a subnet's availability_zone is kept for those that read it.
#include <random>

#include "cloud/resource_handler.h"
#include "core/arn.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {

using expr::Value;
using Computed = std::map<std::string, Value>;
// Extra attributes from the config, region, account and id.
using Extra = std::function<Computed(const ValueReader&, const std::string& region,
                                     const std::string& account, const std::string& id)>;

std::string random_id(const std::string& prefix) {
  static thread_local std::mt19937_64 gen{std::random_device{}()};
  static const char* kHex = "0123456789abcdef";
  std::string out = prefix + "-0";
  for (int i = 0; i < 16; ++i) {
    out += kHex[gen() % 16];
  }
  return out;
}

// `id_prefix` "vpc" gives "vpc-0123..."; an empty one uses `name_key`'s value as the id.
ResourceHandler record(std::string type, std::string id_prefix, std::string name_key,
                       std::vector<std::string> modelled, std::vector<std::string> computed,
                       Extra extra) {
  auto put = [type, id_prefix, name_key, extra](Cloud& cloud,
                                                const stack::ResourceChange& c) -> Result<Value> {
    ValueReader r(c.config, c.address);
    std::string id = state_string(c.state, "id");
    if (!id_prefix.empty() && id.empty()) {
      id = random_id(id_prefix);
    } else if (id_prefix.empty()) {
      FAULTBOX_TRY(name, r.string(name_key, c.name));
      if (!id.empty() && id != name) {
        cloud.remove_record(type, id);
      }
      id = name;
    }
    Computed attributes = extra(r, c.region, cloud.options().account_id, id);
    attributes["id"] = Value::string(id);
    auto state = with_computed(c.config, attributes);
    cloud.put_record(type, id, expr::to_json(state));
    return state;
  };
  computed.push_back("id");
  // The destroy captures its own copy of the type: the handler's `type` is moved into place
  // before a lambda in the same initializer would copy it (it removed records of type "").
  auto destroy = [type](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
    cloud.remove_record(type, state_string(c.state, "id"));
    return {};
  };
  return put_and_destroy(std::move(type), std::move(modelled), std::move(computed), put, destroy);
}

Extra ec2_arn(const std::string& kind) {
  return [kind](const ValueReader&, const std::string& region, const std::string& account,
                const std::string& id) {
    return Computed{{"arn", Value::string(arn::ec2(region, account, kind, id))},
                    {"owner_id", Value::string(account)}};
  };
}

const std::vector<std::string> kTagged = {"tags", "tags_all"};

std::vector<std::string> with_tags(std::vector<std::string> names) {
  names.insert(names.end(), kTagged.begin(), kTagged.end());
  return names;
}

}  // namespace

ResourceHandler aws_vpc() {
  return record(
      "aws_vpc", "vpc", "",
      with_tags({"cidr_block", "enable_dns_hostnames", "enable_dns_support", "instance_tenancy"}),
      {"arn", "owner_id", "default_security_group_id", "main_route_table_id",
       "default_route_table_id", "default_network_acl_id"},
      [](const ValueReader&, const std::string& region, const std::string& account,
         const std::string& id) {
        return Computed{{"arn", Value::string(arn::ec2(region, account, "vpc", id))},
                        {"owner_id", Value::string(account)},
                        {"default_security_group_id", Value::string(random_id("sg"))},
                        {"main_route_table_id", Value::string(random_id("rtb"))},
                        {"default_route_table_id", Value::string(random_id("rtb"))},
                        {"default_network_acl_id", Value::string(random_id("acl"))}};
      });
}

ResourceHandler aws_subnet() {
  return record("aws_subnet", "subnet", "",
                with_tags({"vpc_id", "cidr_block", "availability_zone", "map_public_ip_on_launch"}),
                {"arn", "owner_id", "availability_zone_id"},
                [](const ValueReader& r, const std::string& region, const std::string& account,
                   const std::string& id) {
                  auto az = r.string("availability_zone", region + "a");
                  Computed out{{"arn", Value::string(arn::ec2(region, account, "subnet", id))},
                               {"owner_id", Value::string(account)}};
                  if (az) {
                    out["availability_zone"] = Value::string(*az);
                  }
                  return out;
                });
}

ResourceHandler aws_internet_gateway() {
  return record("aws_internet_gateway", "igw", "", with_tags({"vpc_id"}), {"arn", "owner_id"},
                ec2_arn("internet-gateway"));
}

ResourceHandler aws_route_table() {
  return record("aws_route_table", "rtb", "", with_tags({"vpc_id", "route"}), {"arn", "owner_id"},
                ec2_arn("route-table"));
}

ResourceHandler aws_route() {
  return record("aws_route", "r", "",
                {"route_table_id", "destination_cidr_block", "gateway_id", "nat_gateway_id"}, {},
                [](const ValueReader&, const std::string&, const std::string&, const std::string&) {
                  return Computed{};
                });
}

ResourceHandler aws_route_table_association() {
  return record("aws_route_table_association", "rtbassoc", "",
                {"route_table_id", "subnet_id", "gateway_id"}, {},
                [](const ValueReader&, const std::string&, const std::string&, const std::string&) {
                  return Computed{};
                });
}

ResourceHandler aws_security_group() {
  return record("aws_security_group", "sg", "",
                with_tags({"name", "name_prefix", "description", "vpc_id", "ingress", "egress",
                           "revoke_rules_on_delete"}),
                {"arn", "owner_id", "name"},
                [](const ValueReader& r, const std::string& region, const std::string& account,
                   const std::string& id) {
                  auto name = r.string("name", "terraform-" + id);
                  return Computed{
                      {"arn", Value::string(arn::ec2(region, account, "security-group", id))},
                      {"owner_id", Value::string(account)},
                      {"name", Value::string(name ? *name : id)}};
                });
}

ResourceHandler aws_security_group_rule() {
  return record("aws_security_group_rule", "sgrule", "",
                {"type", "security_group_id", "from_port", "to_port", "protocol", "cidr_blocks",
                 "source_security_group_id", "self", "description"},
                {},
                [](const ValueReader&, const std::string&, const std::string&, const std::string&) {
                  return Computed{};
                });
}

namespace {
// The computed attributes of both security group rule types (ingress and egress).
Computed security_group_rule_computed(const ValueReader&, const std::string& region,
                                      const std::string& account, const std::string& id) {
  return Computed{{"arn", Value::string(arn::ec2(region, account, "security-group-rule", id))},
                  {"security_group_rule_id", Value::string(id)}};
}
}  // namespace

ResourceHandler aws_vpc_security_group_ingress_rule() {
  return record("aws_vpc_security_group_ingress_rule", "sgr", "",
                with_tags({"security_group_id", "from_port", "to_port", "ip_protocol", "cidr_ipv4",
                           "cidr_ipv6", "referenced_security_group_id", "description"}),
                {"arn", "security_group_rule_id"}, security_group_rule_computed);
}

ResourceHandler aws_vpc_security_group_egress_rule() {
  return record("aws_vpc_security_group_egress_rule", "sgr", "",
                aws_vpc_security_group_ingress_rule().modelled, {"arn", "security_group_rule_id"},
                security_group_rule_computed);
}

}  // namespace faultbox::cloud::resources
