// EC2's zone ids ("euw2-az1" for eu-west-2a): the name DescribeAvailabilityZones pairs with each
// zone, and that FIS's availabilityZoneIdentifiers may use instead of the name.
#pragma once

#include <string>
#include <string_view>

namespace faultbox {

// The id of a zone name: the region abbreviated (first word whole, then the direction's
// initials, then the number) and the zone's letter as a number: "eu-west-2a" → "euw2-az1",
// "ap-southeast-2b" → "apse2-az2". (AWS maps zone names to ids per account; the lab's mapping is
// fixed.)
std::string zone_id(std::string_view zone_name);

}  // namespace faultbox
