// The regions AWS has. The lab holds any of them on demand, as AWS does; a name that is not one
// of them is refused wherever it comes in (a SigV4 scope, a lab query, a stack's provider),
// rather than becoming a region of its own: 20,000 made-up regions once took the lab from 46 to
// 159 MB and its idle CPU from 12 to 40 %.
#pragma once

#include <span>
#include <string_view>

#include "core/result.h"

namespace faultbox {

// Commercial, GovCloud and China regions, as of this version of faultbox.
std::span<const std::string_view> aws_regions();

bool is_aws_region(std::string_view name);

// A ValidationException naming `name` and where it came from when it is not an AWS region.
Result<void> check_aws_region(std::string_view name, std::string_view where);

}  // namespace faultbox
