#include "core/zone_ids.h"

#include <gtest/gtest.h>

namespace faultbox {
namespace {

TEST(ZoneIdsTest, AbbreviatesTheRegionAndNumbersTheZone) {
  EXPECT_EQ(zone_id("eu-west-2a"), "euw2-az1");
  EXPECT_EQ(zone_id("eu-west-2c"), "euw2-az3");
  EXPECT_EQ(zone_id("us-east-1d"), "use1-az4");
  EXPECT_EQ(zone_id("ap-southeast-2b"), "apse2-az2");
  EXPECT_EQ(zone_id("us-gov-west-1a"), "usgw1-az1");
  EXPECT_EQ(zone_id(""), "");
}

}  // namespace
}  // namespace faultbox
