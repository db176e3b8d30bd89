// S3 buckets and objects in the Cloud: S3's names and errors, bytes that survive a restart,
// and ListObjectsV2's prefixes, delimiters and pages.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "cloud/cloud.h"
#include "cloud/s3/buckets.h"
#include "support/fake_supervisor.h"

namespace faultbox::cloud {
namespace {

class S3BucketsTest : public ::testing::Test {
 protected:
  S3BucketsTest() : cloud_(make_cloud()) {}
  ~S3BucketsTest() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Cloud> make_cloud() {
    CloudOptions o;
    o.data_dir = dir_;
    return std::make_unique<Cloud>(clock_, supervisor_, control_, data_, o);
  }
  Buckets& buckets() { return cloud_->kind<Buckets>(); }
  void put(const std::string& key, const std::string& bytes = "x") {
    S3Object o;
    o.key = key;
    ASSERT_TRUE(buckets().put_object("bkt", o, bytes));
  }
  std::vector<std::string> keys(const ObjectListing& page) {
    std::vector<std::string> out;
    for (const auto* o : page.objects) {
      out.push_back(o->key);
    }
    return out;
  }

  std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() / ("faultbox-s3-test-" + std::to_string(::getpid()));
  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  boost::asio::io_context control_;
  boost::asio::io_context data_;
  std::unique_ptr<Cloud> cloud_;
};

TEST_F(S3BucketsTest, NamesAndErrorsAsS3Has) {
  EXPECT_EQ(buckets().create("Bad_Name", "eu-west-2").error().code, "InvalidBucketName");
  EXPECT_EQ(buckets().create("ab", "eu-west-2").error().code, "InvalidBucketName");
  EXPECT_EQ(buckets().create("-ab", "eu-west-2").error().code, "InvalidBucketName");
  ASSERT_TRUE(buckets().create("my-bucket.1", "eu-west-2"));
  EXPECT_EQ(buckets().create("my-bucket.1", "eu-west-2").error().code, "BucketAlreadyOwnedByYou");
  EXPECT_EQ(buckets().create("my-bucket.1", "us-east-1").error().code, "BucketAlreadyExists");
  EXPECT_EQ(buckets().head_object("nope", "k").error().code, "NoSuchBucket");
  EXPECT_EQ(buckets().head_object("my-bucket.1", "k").error().code, "NoSuchKey");
  EXPECT_TRUE(buckets().delete_object("my-bucket.1", "never-there"));
}

TEST_F(S3BucketsTest, ObjectsKeepTheirBytesAndEtag) {
  ASSERT_TRUE(buckets().create("bkt", "eu-west-2"));
  S3Object o;
  o.key = "FisConfigs/fn-config.json";
  o.content_type = "application/json";
  auto put = buckets().put_object("bkt", o, "hello");
  ASSERT_TRUE(put);
  EXPECT_EQ((*put)->size, 5u);
  EXPECT_EQ((*put)->etag, "\"5d41402abc4b2a76b9719d911017c592\"");  // md5("hello")
  EXPECT_EQ((*put)->last_modified, clock_.now());
  EXPECT_EQ(*buckets().read_object("bkt", o.key), "hello");
  EXPECT_EQ(buckets().remove("bkt").error().code, "BucketNotEmpty");
  ASSERT_TRUE(buckets().delete_object("bkt", o.key));
  EXPECT_EQ(buckets().read_object("bkt", o.key).error().code, "NoSuchKey");
  ASSERT_TRUE(buckets().remove("bkt"));
}

TEST_F(S3BucketsTest, ForceRemovesABucketWithObjects) {
  ASSERT_TRUE(buckets().create("bkt", "eu-west-2"));
  put("a/1");
  ASSERT_TRUE(buckets().remove("bkt", true));
  EXPECT_EQ(buckets().find("bkt"), nullptr);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "s3" / "bkt"));
}

TEST_F(S3BucketsTest, ComeBackAfterARestart) {
  ASSERT_TRUE(buckets().create("bkt", "eu-west-2"));
  ASSERT_TRUE(buckets().set_public_access_block("bkt", PublicAccessBlock{true, true, true, true}));
  put("k", std::string(100'000, 'z'));
  auto saved = cloud_->to_records();
  cloud_ = make_cloud();
  ASSERT_TRUE(cloud_->restore(saved));
  ASSERT_NE(buckets().find("bkt"), nullptr);
  EXPECT_TRUE(buckets().find("bkt")->public_access_block->restrict_public_buckets);
  EXPECT_EQ(buckets().read_object("bkt", "k")->size(), 100'000u);
  EXPECT_EQ(cloud_->to_records().at("s3_bucket"), saved.at("s3_bucket"));
}

TEST_F(S3BucketsTest, ListsByPrefixDelimiterAndPage) {
  ASSERT_TRUE(buckets().create("bkt", "eu-west-2"));
  for (const auto* key : {"a.txt", "logs/1", "logs/2", "logs/deep/3", "z.txt"}) {
    put(key);
  }
  auto all = buckets().list_objects("bkt", "", "", "", 1000);
  EXPECT_EQ(keys(*all),
            (std::vector<std::string>{"a.txt", "logs/1", "logs/2", "logs/deep/3", "z.txt"}));
  auto top = buckets().list_objects("bkt", "", "/", "", 1000);
  EXPECT_EQ(keys(*top), (std::vector<std::string>{"a.txt", "z.txt"}));
  EXPECT_EQ(top->common_prefixes, (std::vector<std::string>{"logs/"}));
  auto logs = buckets().list_objects("bkt", "logs/", "/", "", 1000);
  EXPECT_EQ(keys(*logs), (std::vector<std::string>{"logs/1", "logs/2"}));
  EXPECT_EQ(logs->common_prefixes, (std::vector<std::string>{"logs/deep/"}));

  // Pages of two entries; a common prefix counts as one and is never split.
  auto first = buckets().list_objects("bkt", "", "/", "", 2);
  EXPECT_EQ(keys(*first), (std::vector<std::string>{"a.txt"}));
  EXPECT_EQ(first->common_prefixes, (std::vector<std::string>{"logs/"}));
  EXPECT_EQ(first->next_start, "logs/deep/3");
  auto second = buckets().list_objects("bkt", "", "/", first->next_start, 2);
  EXPECT_EQ(keys(*second), (std::vector<std::string>{"z.txt"}));
  EXPECT_TRUE(second->common_prefixes.empty());
  EXPECT_EQ(second->next_start, "");
}

}  // namespace
}  // namespace faultbox::cloud
