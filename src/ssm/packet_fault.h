// The network documents' packet faults (ssm::PacketFault): their Sources and the script that
// holds the fault in the instance while the lab applies it.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "ssm/document.h"

namespace faultbox::ssm {

// Each Sources item is an IPv4 address, a CIDR block, an availability zone's name or id, or
// ALL. InvalidParameters for what the lab cannot reach (DYNAMODB, S3, domain names).
Result<void> check_sources(const std::vector<std::string>& sources);
// Whether a Sources item names a zone ("eu-west-2a" or "euw2-az2").
bool is_zone_name(const std::string& source);
bool is_zone_id(const std::string& source);

// The script a network document runs in the instance: one network fault at a time there (a
// lock under /var/lib/amazon/ssm), then it holds for DurationSeconds while the lab applies it.
std::string network_fault_script(const PacketFault& fault, const ParameterValues& values,
                                 const RenderContext& context);

}  // namespace faultbox::ssm
