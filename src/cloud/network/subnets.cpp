#include "cloud/network/subnets.h"

#include "cloud/cloud.h"
#include "core/arn.h"

namespace faultbox::cloud {

namespace {

constexpr const char* kDefaultVpc = "vpc-faultbox";

std::string text_field(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// tags_all holds the provider's default tags too; EC2 shows them all.
std::map<std::string, std::string> tag_map(const nlohmann::json& body) {
  std::map<std::string, std::string> tags;
  for (const char* field : {"tags", "tags_all"}) {
    auto it = body.find(field);
    if (it == body.end() || !it->is_object()) continue;
    for (const auto& [k, v] : it->items()) {
      if (v.is_string()) tags[k] = v.get<std::string>();
    }
  }
  return tags;
}

}  // namespace

std::vector<Subnet> subnets_in_region(const Cloud& cloud, const std::string& region) {
  std::vector<Subnet> out;
  for (const auto& [id, body] : cloud.records("aws_subnet")) {
    Subnet s{id,
             text_field(body, "arn"),
             "",
             text_field(body, "availability_zone"),
             text_field(body, "vpc_id"),
             text_field(body, "cidr_block"),
             tag_map(body)};
    auto parsed = parse_arn(s.arn);
    s.region = parsed ? parsed->region : "";
    if (s.region == region) out.push_back(std::move(s));
  }
  return out;
}

std::string subnet_in_zone(const Cloud& cloud, const std::vector<std::string>& subnet_ids,
                           const std::string& az) {
  const auto& records = cloud.records("aws_subnet");
  for (const auto& id : subnet_ids) {
    auto it = records.find(id);
    if (it != records.end() && text_field(it->second, "availability_zone") == az) return id;
  }
  return "";
}

std::string subnet_of(const compute::Instance& instance) {
  return instance.subnet_id.empty() ? "subnet-" + instance.availability_zone : instance.subnet_id;
}

std::string vpc_of(const Cloud& cloud, const compute::Instance& instance) {
  if (instance.subnet_id.empty()) return kDefaultVpc;
  const auto& records = cloud.records("aws_subnet");
  auto it = records.find(instance.subnet_id);
  std::string vpc = it == records.end() ? "" : text_field(it->second, "vpc_id");
  return vpc.empty() ? kDefaultVpc : vpc;
}

}  // namespace faultbox::cloud
