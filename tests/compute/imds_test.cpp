#include "compute/imds.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace faultbox::compute {
namespace {

using namespace std::chrono_literals;

class ImdsTest : public ::testing::Test {
 protected:
  ImdsTest() {
    instance_.id = "i-0123456789abcdef0";
    instance_.image_id = "ami-faultbox-web";
    instance_.instance_type = "t3.micro";
    instance_.region = "eu-west-2";
    instance_.availability_zone = "eu-west-2b";
    instance_.private_ip = "127.10.2.10";
    instance_.tags = {{"Name", "panda-web"}, {"Experiment", "step03"}};
    instance_.metadata.tags = true;
  }

  ImdsResponse get(const std::string& path, std::map<std::string, std::string> headers = {}) {
    return imds_respond(instance_, {"GET", path, std::move(headers)}, now_, "secret");
  }

  std::string token(int ttl = 60) {
    auto r = imds_respond(instance_,
                          {"PUT",
                           "/latest/api/token",
                           {{"x-aws-ec2-metadata-token-ttl-seconds", std::to_string(ttl)}}},
                          now_, "secret");
    EXPECT_EQ(r.status, 200);
    return r.body;
  }

  Instance instance_;
  TimePoint now_{Duration(1'700'000'000'000)};
};

TEST_F(ImdsTest, MetadataTable) {
  const std::vector<std::pair<std::string, std::string>> table{
      {"/latest/meta-data/instance-id", "i-0123456789abcdef0"},
      {"/latest/meta-data/placement/availability-zone", "eu-west-2b"},
      {"/latest/meta-data/placement/region", "eu-west-2"},
      {"/latest/meta-data/local-ipv4", "127.10.2.10"},
      {"/latest/meta-data/hostname", "ip-127-10-2-10.eu-west-2.compute.internal"},
      {"/latest/meta-data/ami-id", "ami-faultbox-web"},
      {"/latest/meta-data/instance-type", "t3.micro"},
      {"/latest/meta-data/tags/instance", "Experiment\nName"},
      {"/latest/meta-data/tags/instance/Name", "panda-web"},
      {"/latest/meta-data/placement/", "availability-zone\nregion"},
  };
  for (const auto& [path, body] : table) {
    auto r = get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, body) << path;
    EXPECT_EQ(r.headers["content-type"], "text/plain") << path;
  }
}

TEST_F(ImdsTest, DirectoryListingOfMetaData) {
  auto r = get("/latest/meta-data/");
  ASSERT_EQ(r.status, 200);
  for (const char* entry : {"instance-id", "placement/", "local-ipv4", "hostname", "ami-id",
                            "instance-type", "tags/"}) {
    EXPECT_NE(r.body.find(entry), std::string::npos) << entry;
  }
}

TEST_F(ImdsTest, SpotNoticesAppearAtTheirTimes) {
  EXPECT_EQ(get("/latest/meta-data/instance-life-cycle").body, "on-demand");
  instance_.market.spot = true;
  EXPECT_EQ(get("/latest/meta-data/instance-life-cycle").body, "spot");
  EXPECT_EQ(get("/latest/meta-data/spot/instance-action").status, 404);
  EXPECT_EQ(get("/latest/meta-data/events/recommendations/rebalance").status, 404);
  instance_.spot_interruption = SpotInterruption{now_, now_ + 3min, now_ + 5min};
  auto rebalance = get("/latest/meta-data/events/recommendations/rebalance");
  ASSERT_EQ(rebalance.status, 200);
  EXPECT_EQ(nlohmann::json::parse(rebalance.body)["noticeTime"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(get("/latest/meta-data/spot/instance-action").status, 404);  // not yet
  EXPECT_EQ(get("/latest/meta-data/").body.find("spot/"), std::string::npos);
  EXPECT_NE(get("/latest/meta-data/").body.find("events/"), std::string::npos);
  now_ += 3min;
  auto action = get("/latest/meta-data/spot/instance-action");
  ASSERT_EQ(action.status, 200);
  auto j = nlohmann::json::parse(action.body);
  EXPECT_EQ(j["action"], "terminate");
  EXPECT_EQ(j["time"], "2023-11-14T22:18:20Z");
  EXPECT_NE(get("/latest/meta-data/").body.find("spot/"), std::string::npos);
  instance_.market.stop_on_interruption = true;
  EXPECT_EQ(nlohmann::json::parse(get("/latest/meta-data/spot/instance-action").body)["action"],
            "stop");
}

TEST_F(ImdsTest, IdentityDocumentIsJson) {
  auto r = get("/latest/dynamic/instance-identity/document");
  ASSERT_EQ(r.status, 200);
  auto doc = nlohmann::json::parse(r.body);
  EXPECT_EQ(doc["region"], "eu-west-2");
  EXPECT_EQ(doc["instanceId"], "i-0123456789abcdef0");
}

TEST_F(ImdsTest, UnknownPathsAndMissingTagsAre404) {
  EXPECT_EQ(get("/latest/meta-data/nope").status, 404);
  EXPECT_EQ(get("/latest/meta-data/tags/instance/Missing").status, 404);
  EXPECT_EQ(get("/latest/user-data").status, 404) << "no user data";
  instance_.user_data = "echo hi";
  EXPECT_EQ(get("/latest/user-data").body, "echo hi");
}

TEST_F(ImdsTest, HttpTokensRequiredRefusesIMDSv1) {
  instance_.metadata.tokens_required = true;
  EXPECT_EQ(get("/latest/meta-data/instance-id").status, 401);
  EXPECT_EQ(get("/latest/meta-data/instance-id", {{"x-aws-ec2-metadata-token", token()}}).body,
            "i-0123456789abcdef0");
}

TEST_F(ImdsTest, TagsAreThereOnlyWhenInstanceMetadataTagsIsEnabled) {
  instance_.metadata.tags = false;
  EXPECT_EQ(get("/latest/meta-data/tags/instance/Name").status, 404);
  EXPECT_EQ(get("/latest/meta-data/tags").status, 404);
  EXPECT_EQ(get("/latest/meta-data/").body.find("tags/"), std::string::npos);
  instance_.metadata.tags = true;
  EXPECT_EQ(get("/latest/meta-data/tags/instance/Name").body, "panda-web");
}

TEST_F(ImdsTest, V2TokenWorksAndBadTokensAre401) {
  const auto t = token();
  const std::string header = "x-aws-ec2-metadata-token";
  EXPECT_EQ(get("/latest/meta-data/instance-id", {{header, t}}).status, 200);
  EXPECT_EQ(get("/latest/meta-data/instance-id", {{header, t + "0"}}).status, 401);
  EXPECT_EQ(get("/latest/meta-data/instance-id", {{header, "garbage"}}).status, 401);
  now_ += 61s;
  EXPECT_EQ(get("/latest/meta-data/instance-id", {{header, t}}).status, 401) << "expired";
}

TEST_F(ImdsTest, TokenIsBoundToItsInstance) {
  const auto t = token();
  instance_.id = "i-0000000000000000f";
  EXPECT_EQ(get("/latest/meta-data/instance-id", {{"x-aws-ec2-metadata-token", t}}).status, 401);
}

TEST_F(ImdsTest, TokenRequestNeedsAValidTtl) {
  for (const char* ttl : {"0", "21601", "abc"}) {
    auto r = imds_respond(
        instance_, {"PUT", "/latest/api/token", {{"x-aws-ec2-metadata-token-ttl-seconds", ttl}}},
        now_, "secret");
    EXPECT_EQ(r.status, 400) << ttl;
  }
  EXPECT_EQ(imds_respond(instance_, {"PUT", "/latest/api/token", {}}, now_, "secret").status, 400);
  EXPECT_EQ(imds_respond(instance_, {"POST", "/latest/meta-data/", {}}, now_, "secret").status,
            405);
}

}  // namespace
}  // namespace faultbox::compute
