// The lab's saves before its answers: only what changed is built, and what the store ends up
// holding is what a full save would have written.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <stdexcept>

#include "cloud/cloud.h"
#include "cloud/stack_resources/stack_resources.h"
#include "store/snapshot_writer.h"
#include "support/fake_supervisor.h"

namespace faultbox::cloud {
namespace {

using namespace std::chrono_literals;

class RecordsToSaveTest : public ::testing::Test {
 protected:
  RecordsToSaveTest() : cloud_(clock_, supervisor_, control_, data_, options()) {
    store_ = std::move(*store::Store::open(":memory:"));
  }

  static CloudOptions options() {
    CloudOptions o;
    o.data_dir = std::filesystem::temp_directory_path() / "faultbox-records-to-save-test";
    o.faultbox_binary = "/opt/faultbox/bin/faultbox";
    o.imds_prefix = "http://127.0.0.1:4566/_imds/";
    return o;
  }

  std::string launch() {
    compute::LaunchSpec spec;
    spec.availability_zone = "eu-west-2a";
    auto instance = cloud_.instances().run_instance(spec);
    EXPECT_TRUE(instance) << instance.error().to_string();
    return (*instance)->id;
  }

  static const nlohmann::json& body(const Records& records, const std::string& kind,
                                    const std::string& id) {
    for (const auto& [record_id, j] : records.at(kind)) {
      if (record_id == id) {
        return j;
      }
    }
    throw std::out_of_range("no record " + kind + "/" + id);
  }

  // Whether every record the store holds of `kind` is what a full save gives now.
  void expect_store_equals_full_save(const std::string& kind) {
    auto full = cloud_.to_records()[kind];
    auto stored = store_->list(kind);
    ASSERT_TRUE(stored);
    ASSERT_EQ(stored->size(), full.size()) << kind;
    for (std::size_t i = 0; i < full.size(); ++i) {
      EXPECT_EQ((*stored)[i].first, full[i].first);
      EXPECT_EQ((*stored)[i].second, full[i].second) << kind << " " << full[i].first;
    }
  }

  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  boost::asio::io_context control_;
  boost::asio::io_context data_;
  Cloud cloud_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(RecordsToSaveTest, GivesOnlyWhatChangedAndTheStoreEndsAsAFullSaveWouldLeaveIt) {
  store::SnapshotWriter writer(*store_);
  const auto first = launch();
  const auto second = launch();
  cloud_.kind<StackResources>().record(
      {"/stacks/a", "aws_instance.web", "aws_instance", "eu-west-2", {{"id", first}}});
  ASSERT_TRUE(writer.write(cloud_.records_to_save()));

  // Nothing changed: no record built, the history and the stack resources left out.
  auto quiet = cloud_.records_to_save();
  ASSERT_EQ(quiet["instance"].size(), 2u);
  EXPECT_TRUE(body(quiet, "instance", first).is_discarded());
  EXPECT_TRUE(body(quiet, "instance", second).is_discarded());
  EXPECT_FALSE(quiet.contains("instance_transition"));
  EXPECT_FALSE(quiet.contains("stack_resource"));
  ASSERT_TRUE(writer.write(std::move(quiet)));

  // One instance tagged, the other terminated (a transition), a stack resource forgotten.
  ASSERT_TRUE(cloud_.instances().set_tags(first, {{"Name", "web"}}));
  ASSERT_TRUE(cloud_.instances().terminate(second));
  cloud_.kind<StackResources>().forget("/stacks/a", "aws_instance.web");
  auto changed = cloud_.records_to_save();
  ASSERT_EQ(changed["instance"].size(), 2u);
  EXPECT_EQ(body(changed, "instance", first).at("tags").at("Name"), "web");
  EXPECT_EQ(body(changed, "instance", second).at("state"), "shutting-down");
  EXPECT_TRUE(changed.contains("instance_transition"));
  EXPECT_TRUE(changed.contains("stack_resource"));
  ASSERT_TRUE(writer.write(std::move(changed)));
  for (const auto* kind : {"instance", "instance_transition", "stack_resource"}) {
    expect_store_equals_full_save(kind);
  }
}

TEST_F(RecordsToSaveTest, AfterAFailedWriteEverythingIsGivenAgain) {
  launch();
  cloud_.kind<StackResources>().record(
      {"/stacks/a", "aws_instance.web", "aws_instance", "eu-west-2", {}});
  cloud_.records_to_save();  // as if its write had failed:
  cloud_.records_not_saved();
  auto again = cloud_.records_to_save();
  ASSERT_EQ(again["instance"].size(), 1u);
  EXPECT_FALSE(again["instance"][0].second.is_discarded());
  EXPECT_TRUE(again.contains("instance_transition"));
  EXPECT_TRUE(again.contains("stack_resource"));
}

}  // namespace
}  // namespace faultbox::cloud
