// EC2 filters (wildcards, AND of filters, OR of values) and MaxResults / NextToken paging.
#include "api/services/ec2_filters.h"

#include <gtest/gtest.h>

#include "core/page_token.h"

namespace faultbox::api::ec2 {
namespace {

TEST(Wildcard, StarQuestionMarkAndEscapes) {
  EXPECT_TRUE(wildcard_match("funky", "funky"));
  EXPECT_FALSE(wildcard_match("funky", "funky2"));
  EXPECT_TRUE(wildcard_match("f*y", "funky"));
  EXPECT_TRUE(wildcard_match("*", ""));
  EXPECT_TRUE(wildcard_match("eu-west-2?", "eu-west-2b"));
  EXPECT_FALSE(wildcard_match("eu-west-2?", "eu-west-2"));
  EXPECT_TRUE(wildcard_match("a*b*c", "axxbyyc"));
  EXPECT_FALSE(wildcard_match("a*b*c", "axxbyy"));
  EXPECT_TRUE(wildcard_match("a\\*", "a*"));
  EXPECT_FALSE(wildcard_match("a\\*", "ab"));
}

compute::Instance instance(std::string id, std::string az, compute::InstanceState state,
                           compute::Tags tags) {
  compute::Instance i;
  i.id = std::move(id);
  i.availability_zone = std::move(az);
  i.region = "eu-west-2";
  i.state = state;
  i.tags = std::move(tags);
  return i;
}

Result<bool> match(const compute::Instance& i, const std::string& query) {
  auto filters = parse_filters(parse_params(query), is_instance_filter);
  if (!filters) {
    return filters.error();
  }
  return matches(*filters, [&](const std::string& n) { return instance_field(i, n); });
}

TEST(InstanceFilters, TagsStatesZonesAndIds) {
  auto i = instance("i-0123456789abcdef0", "eu-west-2b", compute::InstanceState::Running,
                    {{"Panda", "funky"}, {"Experiment", "step03"}});
  EXPECT_TRUE(*match(i, "Filter.1.Name=tag:Panda&Filter.1.Value.1=funky"));
  EXPECT_FALSE(*match(i, "Filter.1.Name=tag:Panda&Filter.1.Value.1=grumpy"));
  EXPECT_TRUE(*match(i, "Filter.1.Name=tag:Panda&Filter.1.Value.1=grumpy&Filter.1.Value.2=f*"));
  EXPECT_FALSE(*match(i, "Filter.1.Name=tag:Missing&Filter.1.Value.1=*"));
  EXPECT_TRUE(*match(i, "Filter.1.Name=tag-key&Filter.1.Value.1=Experiment"));
  EXPECT_TRUE(*match(i, "Filter.1.Name=instance-state-name&Filter.1.Value.1=running"));
  EXPECT_TRUE(*match(i, "Filter.1.Name=instance-state-code&Filter.1.Value.1=16"));
  EXPECT_TRUE(*match(i, "Filter.1.Name=availability-zone&Filter.1.Value.1=eu-west-2b"));
  EXPECT_TRUE(*match(i, "Filter.1.Name=instance-id&Filter.1.Value.1=i-0123456789abcdef0"));
  // Filters AND: one failing filter excludes the instance.
  EXPECT_FALSE(*match(i, "Filter.1.Name=tag:Panda&Filter.1.Value.1=funky&"
                         "Filter.2.Name=instance-state-name&Filter.2.Value.1=stopped"));
}

TEST(InstanceFilters, UnknownNamesAreRejectedEvenWithNothingToFilter) {
  auto parsed =
      parse_filters(parse_params("Filter.1.Name=colour&Filter.1.Value.1=red"), is_instance_filter);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message, "The filter 'colour' is invalid");
}

TEST(InstanceFilters, UnknownNamesAndEmptyFiltersAreRejected) {
  auto i = instance("i-0123456789abcdef0", "eu-west-2b", compute::InstanceState::Running, {});
  auto bad = match(i, "Filter.1.Name=colour&Filter.1.Value.1=red");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "InvalidParameterValue");
  EXPECT_NE(bad.error().message.find("colour"), std::string::npos);
  EXPECT_FALSE(match(i, "Filter.1.Name=tag:Panda"));
  EXPECT_FALSE(match(i, "Filter.1.Value.1=x"));
}

TEST(Paging, PagesFollowTokensToTheEnd) {
  std::vector<std::string> keys = {"a", "b", "c", "d", "e", "f", "g"};
  auto first = paginate(keys, parse_params("MaxResults=5"), 5, 1000);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->begin, 0u);
  EXPECT_EQ(first->end, 5u);
  EXPECT_EQ(read_page_token(first->next_token), "f");
  auto second =
      paginate(keys, parse_params("MaxResults=5&NextToken=" + first->next_token), 5, 1000);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->begin, 5u);
  EXPECT_EQ(second->end, 7u);
  EXPECT_TRUE(second->next_token.empty());
  auto all = paginate(keys, Params(), 5, 1000);
  EXPECT_EQ(all->end, 7u);
  EXPECT_TRUE(all->next_token.empty());
}

TEST(Paging, TokensTheApiDidNotHandOutAreInvalid) {
  std::vector<std::string> keys = {"a", "b"};
  for (const char* q : {"NextToken=junk", "NextToken=b"}) {
    auto page = paginate(keys, parse_params(q), 5, 1000);
    ASSERT_FALSE(page) << q;
    EXPECT_EQ(page.error().code, "InvalidParameterValue");
  }
}

TEST(Paging, MaxResultsOutOfBoundsIsInvalid) {
  std::vector<std::string> keys = {"a"};
  for (const char* q : {"MaxResults=4", "MaxResults=1001", "MaxResults=ten"}) {
    auto page = paginate(keys, parse_params(q), 5, 1000);
    ASSERT_FALSE(page) << q;
    EXPECT_EQ(page.error().code, "InvalidParameterValue");
  }
}

}  // namespace
}  // namespace faultbox::api::ec2
