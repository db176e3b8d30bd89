// The lab's subnets (aws_subnet records) as EC2 and FIS see them, and which subnet and VPC an
// instance is in. Instances launched without a subnet are in their AZ's default subnet
// ("subnet-<az>") of the default VPC ("vpc-faultbox").
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compute/instance.h"

namespace faultbox::cloud {

class Cloud;

struct Subnet {
  std::string id;
  std::string arn;
  std::string region;
  std::string availability_zone;
  std::string vpc_id;
  std::string cidr_block;
  std::map<std::string, std::string> tags;
};

// The subnets of `region`, by id.
std::vector<Subnet> subnets_in_region(const Cloud& cloud, const std::string& region);

// The first of `subnet_ids` that lies in `az`; "" when none does.
std::string subnet_in_zone(const Cloud& cloud, const std::vector<std::string>& subnet_ids,
                           const std::string& az);

// The subnets whose cidr_block lies within `cidr` ("10.0.0.0/16" covers 10.0.1.0/24); none for
// what is not a CIDR block.
std::vector<std::string> subnets_within(const Cloud& cloud, const std::string& cidr);

std::string subnet_of(const compute::Instance& instance);
std::string vpc_of(const Cloud& cloud, const compute::Instance& instance);

}  // namespace faultbox::cloud
