#include "cloud/network/subnets.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstdint>

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

struct Block {
  std::uint32_t network = 0;
  int bits = -1;  // -1: not a block
};

Block parse_block(const std::string& text) {
  auto slash = text.find('/');
  if (slash == std::string::npos) return {};
  in_addr address{};
  if (inet_pton(AF_INET, text.substr(0, slash).c_str(), &address) != 1) return {};
  int bits = -1;
  const auto tail = text.substr(slash + 1);
  auto [end, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), bits);
  if (ec != std::errc() || end != tail.data() + tail.size() || bits < 0 || bits > 32) return {};
  const std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t(0) << (32 - bits);
  return {ntohl(address.s_addr) & mask, bits};
}

bool within(const Block& inner, const Block& outer) {
  if (inner.bits < 0 || outer.bits < 0 || inner.bits < outer.bits) return false;
  const std::uint32_t mask = outer.bits == 0 ? 0 : ~std::uint32_t(0) << (32 - outer.bits);
  return (inner.network & mask) == outer.network;
}

}  // namespace

std::vector<std::string> subnets_within(const Cloud& cloud, const std::string& cidr) {
  std::vector<std::string> out;
  const auto outer = parse_block(cidr);
  if (outer.bits < 0) return out;
  for (const auto& [id, body] : cloud.records("aws_subnet")) {
    if (within(parse_block(text_field(body, "cidr_block")), outer)) out.push_back(id);
  }
  return out;
}

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
