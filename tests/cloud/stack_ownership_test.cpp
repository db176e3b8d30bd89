// What stacks create is theirs: a name another stack holds is refused as AWS refuses it, naming
// the owner; a stack whose state file lost a create takes it back; plans see what was deleted
// outside the stack (fake processes, manual clock).
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "cloud/cloud.h"
#include "cloud/iam/iam_directory.h"
#include "cloud/region_services.h"
#include "cloud/resource_change.h"
#include "cloud/stack_provider.h"
#include "cloud/stack_resources/stack_resources.h"
#include "expr/value.h"
#include "support/fake_supervisor.h"

namespace faultbox::cloud {
namespace {

using expr::Value;

Value str(const std::string& s) { return Value::string(s); }

constexpr const char* kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
    R"("Principal":{"Service":"fis.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

class StackOwnershipTest : public ::testing::Test {
 protected:
  StackOwnershipTest()
      : cloud_(clock_, supervisor_, control_, data_, options()),
        first_(cloud_, "/home/ann/workshop/step03"),
        second_(cloud_, "/home/ann/copy/step03") {}

  static CloudOptions options() {
    CloudOptions o;
    o.data_dir = std::filesystem::temp_directory_path() / "faultbox-stack-ownership-test";
    o.faultbox_binary = "/opt/faultbox/bin/faultbox";
    return o;
  }

  static stack::ResourceChange role(const std::string& role_name) {
    return testing::resource_change(
        "aws_iam_role", "fis",
        Value::object({{"name", str(role_name)}, {"assume_role_policy", str(kTrust)}}));
  }
  static stack::ResourceChange log_group(const std::string& group_name) {
    return testing::resource_change("aws_cloudwatch_log_group", "fis",
                                    Value::object({{"name", str(group_name)}}));
  }
  // The change a plan makes for a resource it holds in its state.
  static stack::ResourceChange held(stack::ResourceChange c, const Value& state) {
    c.state = state;
    return c;
  }

  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  boost::asio::io_context control_;
  boost::asio::io_context data_;
  Cloud cloud_;
  CloudProvider first_;
  CloudProvider second_;
};

TEST_F(StackOwnershipTest, ANameAnotherStackHoldsIsRefusedNamingThatStack) {
  ASSERT_TRUE(first_.create(role("funky_fis_role")));
  auto refused = second_.create(role("funky_fis_role"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "EntityAlreadyExists");
  EXPECT_EQ(refused.error().http_status, 409);
  EXPECT_NE(refused.error().message.find("Role with name funky_fis_role already exists."),
            std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("/home/ann/workshop/step03 (aws_iam_role.fis)"),
            std::string::npos)
      << refused.error().message;

  auto group = second_.create(log_group("/aws/fis/funky"));
  ASSERT_TRUE(group);
  auto again = first_.create(log_group("/aws/fis/funky"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "ResourceAlreadyExistsException");
  EXPECT_NE(again.error().message.find("/home/ann/copy/step03"), std::string::npos);
}

TEST_F(StackOwnershipTest, ANameAnApiCallMadeIsRefusedToo) {
  ASSERT_TRUE(cloud_.kind<IamDirectory>().directory().create_role(
      {.name = "made_by_hand", .trust_policy = kTrust}, clock_.now()));
  auto refused = first_.create(role("made_by_hand"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "EntityAlreadyExists");
  EXPECT_NE(refused.error().message.find("No stack on this lab claims it."), std::string::npos);
}

TEST_F(StackOwnershipTest, DestroyingTheOwnerFreesTheName) {
  auto made = first_.create(role("funky_fis_role"));
  ASSERT_TRUE(made);
  ASSERT_TRUE(first_.destroy(held(role("funky_fis_role"), *made)));
  EXPECT_TRUE(second_.create(role("funky_fis_role")));
}

TEST_F(StackOwnershipTest, ACreateTheStateFileLostIsTakenBackByItsStack) {
  EXPECT_FALSE(first_.created_unrecorded(role("funky_fis_role")));
  auto made = first_.create(role("funky_fis_role"));
  ASSERT_TRUE(made);
  // The lab stopped before the stack's state file said so: the next plan says so (only to this
  // stack), and the next apply creates it again.
  EXPECT_TRUE(first_.created_unrecorded(role("funky_fis_role")));
  EXPECT_FALSE(second_.created_unrecorded(role("funky_fis_role")));
  auto again = first_.create(role("funky_fis_role"));
  ASSERT_TRUE(again) << again.error().to_string();
  EXPECT_EQ(again->find("unique_id")->as_string(), made->find("unique_id")->as_string());
  // Another stack is still refused.
  EXPECT_FALSE(second_.create(role("funky_fis_role")));
}

TEST_F(StackOwnershipTest, ExistsSeesWhatWasDeletedOutsideTheStack) {
  auto made = first_.create(role("funky_fis_role"));
  auto group = first_.create(log_group("/aws/fis/funky"));
  ASSERT_TRUE(made && group);
  EXPECT_TRUE(first_.exists(held(role("funky_fis_role"), *made)));
  EXPECT_TRUE(first_.exists(held(log_group("/aws/fis/funky"), *group)));

  ASSERT_TRUE(cloud_.kind<IamDirectory>().directory().delete_role("funky_fis_role"));
  ASSERT_TRUE(cloud_.region("eu-west-2").logs.delete_group("/aws/fis/funky"));
  EXPECT_FALSE(first_.exists(held(role("funky_fis_role"), *made)));
  EXPECT_FALSE(first_.exists(held(log_group("/aws/fis/funky"), *group)));
}

TEST_F(StackOwnershipTest, OwnersAreSavedWithTheAccount) {
  ASSERT_TRUE(first_.create(role("funky_fis_role")));
  Records saved;
  cloud_.kind<StackResources>().save(saved);
  StackResources restored;
  ASSERT_TRUE(restored.restore(saved));
  const auto* owner = restored.find("/home/ann/workshop/step03", "aws_iam_role.fis");
  ASSERT_NE(owner, nullptr);
  EXPECT_EQ(owner->type, "aws_iam_role");
  EXPECT_EQ(owner->state.at("name"), "funky_fis_role");
  EXPECT_EQ(restored.holder("aws_iam_role", "", "name", "funky_fis_role"), owner);
}

}  // namespace
}  // namespace faultbox::cloud
