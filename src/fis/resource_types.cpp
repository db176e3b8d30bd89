// FIS target resource types (AWS FIS user guide, "Targets" → "Resource types"; parameters from
// fis-spec §6.3). Types whose target parameters the lab has not researched accept any.
#include "fis/resource_types.h"

namespace faultbox::fis {
namespace {

const std::vector<ResourceTypeInfo>& all_types() {
  static const std::vector<ResourceTypeInfo> kTypes = {
      {"aws:arc:zonal-shift-managed-resource", {}, true},
      {"aws:directconnect:virtual-interface", {}, true},
      {"aws:dsql:cluster", {}, true},
      {"aws:dynamodb:global-table", {}, true},
      {"aws:ec2:autoscaling-group", {}, false},
      {"aws:ec2:ebs-volume", {"availabilityZoneIdentifier"}, false},
      {"aws:ec2:instance", {}, false},
      {"aws:ec2:spot-instance", {}, false},
      {"aws:ec2:subnet", {"availabilityZoneIdentifier", "vpc"}, false},
      {"aws:ec2:transit-gateway", {}, true},
      {"aws:ecs:cluster", {}, true},
      {"aws:ecs:task", {}, true},
      {"aws:eks:cluster", {}, true},
      {"aws:eks:nodegroup", {}, true},
      {"aws:eks:pod", {}, true},
      {"aws:elasticache:replicationgroup", {"availabilityZoneIdentifier"}, false},
      {"aws:iam:role", {}, false},
      {"aws:kinesis:stream", {}, true},
      {"aws:lambda:function", {}, true},
      {"aws:memorydb:multi-region-cluster", {}, true},
      {"aws:rds:cluster", {"writerAvailabilityZoneIdentifiers"}, false},
      {"aws:rds:db", {}, true},
      {"aws:s3:bucket", {}, true},
  };
  return kTypes;
}

}  // namespace

const ResourceTypeInfo* find_resource_type(std::string_view type) {
  for (const auto& info : all_types()) {
    if (info.type == type) {
      return &info;
    }
  }
  return nullptr;
}

}  // namespace faultbox::fis
