// Where Auto Scaling launches (spread over AZs) and whom it picks on scale-in.
#pragma once

#include <string>
#include <vector>

#include "compute/auto_scaling_group.h"

namespace faultbox::compute {

// AZs for `count` new instances: each goes to the AZ with the fewest of `members` plus the
// launches already chosen; ties go to the AZ listed first in `azs`.
std::vector<std::string> choose_launch_azs(const std::vector<std::string>& azs,
                                           const std::vector<const GroupMember*>& members,
                                           int count);

// `count` members to terminate on scale-in, by AWS's default termination policy, simplified:
// 1. the AZ with the most members (all AZs tied for most are considered together, where AWS
//    would break the tie by launch template and then at random);
// 2. members not on the group's current launch template version first, then lower versions;
// 3. closest to the next billing hour (largest time past a whole hour since launch);
// 4. then the oldest launch, then the smallest id, so the choice is deterministic.
std::vector<const GroupMember*> choose_scale_in(const std::vector<const GroupMember*>& members,
                                                const std::string& current_version, TimePoint now,
                                                int count);

}  // namespace faultbox::compute
