// Target resolution: tags, filters, ARNs, selection modes and seed replay.
#include "fis/target_resolver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "fis/step03_template.h"

namespace faultbox::fis {
namespace {

std::set<std::string> ids_of(const ResolvedTarget& t) {
  std::set<std::string> out;
  for (const auto& r : t.resources) {
    out.insert(r.id);
  }
  return out;
}

class TargetResolverTest : public ::testing::Test {
 protected:
  TargetResolverTest() {
    testing::add_step03_instances(lab_);
    target_.resource_type = "aws:ec2:instance";
    target_.resource_tags = {{"Panda", "funky"}, {"Experiment", "step03"}};
    target_.selection_mode = "ALL";
  }

  ResolvedTarget resolve(std::uint64_t seed = 7) {
    std::mt19937_64 rng(seed);
    auto r = TargetResolver(lab_).resolve("T", target_, rng);
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : ResolvedTarget{};
  }

  testing::FakeLab lab_;
  TemplateTarget target_;
};

TEST_F(TargetResolverTest, AllTagsMustMatch) {
  EXPECT_EQ(ids_of(resolve()), (std::set<std::string>{"i-0000000000000000a", "i-0000000000000000b",
                                                      "i-0000000000000000c"}));
  target_.resource_tags = {{"Experiment", "step03"}};
  EXPECT_EQ(resolve().resources.size(), 4u);
}

TEST_F(TargetResolverTest, TagTargetsIncludeStoppedAndTerminatedInstances) {
  lab_.instance("i-0000000000000000a")->state = "terminated";
  lab_.instance("i-0000000000000000b")->state = "stopped";
  EXPECT_EQ(resolve().resources.size(), 3u);
}

TEST_F(TargetResolverTest, FiltersAreAndedAndValuesOred) {
  lab_.instance("i-0000000000000000a")->state = "stopped";
  target_.filters = {{"State.Name", {"running"}}};
  EXPECT_EQ(ids_of(resolve()),
            (std::set<std::string>{"i-0000000000000000b", "i-0000000000000000c"}));
  target_.filters.push_back({"Placement.AvailabilityZone", {"eu-west-2a", "eu-west-2b"}});
  EXPECT_EQ(ids_of(resolve()), (std::set<std::string>{"i-0000000000000000b"}));
  target_.filters.push_back({"Placement.AvailabilityZone", {"eu-west-2c"}});
  EXPECT_TRUE(resolve().resources.empty());
}

TEST_F(TargetResolverTest, FilterPathsExpandLists) {
  target_.filters = {{"Tags.Key", {"Panda"}}};
  EXPECT_EQ(resolve().resources.size(), 3u);
  target_.filters = {{"Tags.Value", {"nobody"}}};
  EXPECT_TRUE(resolve().resources.empty());
}

TEST_F(TargetResolverTest, CountAndPercent) {
  target_.selection_mode = "COUNT(2)";
  EXPECT_EQ(resolve().resources.size(), 2u);
  target_.selection_mode = "COUNT(9)";  // fewer candidates than asked: all of them
  EXPECT_EQ(resolve().resources.size(), 3u);
  target_.selection_mode = "PERCENT(50)";  // 1.5 rounds down
  EXPECT_EQ(resolve().resources.size(), 1u);
  target_.selection_mode = "PERCENT(20)";  // 0.6 → nothing
  EXPECT_TRUE(resolve().resources.empty());
  target_.selection_mode = "PERCENT(100)";
  EXPECT_EQ(resolve().resources.size(), 3u);
}

TEST_F(TargetResolverTest, SameSeedSamePicksAndSeedsDiffer) {
  target_.selection_mode = "COUNT(1)";
  std::set<std::string> seen;
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    const auto first = ids_of(resolve(seed));
    EXPECT_EQ(first, ids_of(resolve(seed))) << "seed " << seed;
    seen.insert(*first.begin());
  }
  EXPECT_EQ(seen.size(), 3u);  // every instance gets picked by some seed
}

TEST_F(TargetResolverTest, PicksAreDistinctAndIndependentOfListingOrder) {
  for (int i = 0; i < 7; ++i) {  // ten candidates in all
    lab_.add_instance("i-00000000000000" + std::to_string(10 + i), "eu-west-2a",
                      {{"Panda", "funky"}, {"Experiment", "step03"}});
  }
  target_.selection_mode = "COUNT(4)";
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const auto picked = resolve(seed);
    ASSERT_EQ(picked.resources.size(), 4u);
    EXPECT_EQ(ids_of(picked).size(), 4u) << "an instance picked twice, seed " << seed;
    // EC2 may list instances in any order; the same seed must still pick the same ones.
    std::reverse(lab_.instances.begin(), lab_.instances.end());
    EXPECT_EQ(ids_of(resolve(seed)), ids_of(picked)) << "seed " << seed;
  }
  target_.selection_mode = "PERCENT(35)";  // 3.5 of ten rounds down to 3
  EXPECT_EQ(resolve().resources.size(), 3u);
}

TEST_F(TargetResolverTest, ArnsResolveExactlyAndMissingOnesFail) {
  target_.resource_tags.clear();
  target_.resource_arns = {lab_.instances[3].arn};
  EXPECT_EQ(ids_of(resolve()), (std::set<std::string>{"i-0000000000000000d"}));
  target_.resource_arns.push_back("arn:aws:ec2:eu-west-2:000000000000:instance/i-ghost");
  std::mt19937_64 rng(1);
  auto r = TargetResolver(lab_).resolve("T", target_, rng);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("i-ghost not found"), std::string::npos);
}

TEST_F(TargetResolverTest, UnmodelledResourceTypesResolveToNothing) {
  target_.resource_type = "aws:rds:cluster";
  EXPECT_TRUE(resolve().resources.empty());
}

}  // namespace
}  // namespace faultbox::fis
