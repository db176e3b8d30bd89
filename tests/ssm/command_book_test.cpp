// Run Command's invocation life on a manual clock: delivery to the agent, reports, cancels,
// delivery time-outs, agents that restarted, instances that went away, and the command's
// status summed over its invocations.
#include "ssm/command_book.h"

#include <gtest/gtest.h>

namespace faultbox::ssm {
namespace {

using std::chrono::seconds;

class CommandBookTest : public ::testing::Test {
 protected:
  const Command& add(std::vector<std::string> instances, std::string id = "c1") {
    Command c;
    c.id = std::move(id);
    c.region = "eu-west-2";
    c.document_name = "AWS-RunShellScript";
    c.script.text = "true\n";
    c.delivery_timeout_seconds = 60;
    c.requested = clock_.now();
    for (auto& i : instances) c.invocations.push_back({.instance_id = std::move(i)});
    return book_.add(std::move(c));
  }
  AgentWork poll(const std::string& instance, const std::string& session = "s1",
                 std::vector<std::string> running = {}) {
    return book_.poll(instance, session, running, clock_.now());
  }
  const Invocation& invocation(const std::string& instance, const std::string& id = "c1") {
    return *book_.find(id)->invocation(instance);
  }
  void tick(std::set<std::string> gone = {}) {
    book_.tick(clock_.now(), [&gone](const std::string& id) { return gone.count(id) != 0; });
  }

  ManualClock clock_;
  CommandBook book_;
};

TEST_F(CommandBookTest, AnAgentTakesItsPendingInvocationOnceAndReportsIt) {
  add({"i-a", "i-b"});
  EXPECT_EQ(book_.find("c1")->status(), Status::Pending);
  clock_.advance(seconds(2));
  auto work = poll("i-a");
  ASSERT_EQ(work.run.size(), 1u);
  EXPECT_EQ(work.run[0]->id, "c1");
  EXPECT_EQ(invocation("i-a").status, Status::InProgress);
  EXPECT_EQ(invocation("i-a").started, clock_.now());
  EXPECT_EQ(book_.find("c1")->status(), Status::InProgress);
  EXPECT_TRUE(poll("i-a", "s1", {"c1"}).run.empty());  // handed out once
  clock_.advance(seconds(3));
  ASSERT_TRUE(
      book_.report("i-a", {"c1", Status::Success, 0, std::string(30'000, 'x'), ""}, clock_.now()));
  EXPECT_EQ(invocation("i-a").status, Status::Success);
  EXPECT_EQ(invocation("i-a").status_details, "Success");
  EXPECT_EQ(invocation("i-a").output.size(), kOutputLimit);
  EXPECT_EQ(book_.find("c1")->completed_count(), 1);
  EXPECT_EQ(book_.find("c1")->status(), Status::InProgress);  // i-b still pending
}

TEST_F(CommandBookTest, OneFailedInvocationOfTwoMakesTheCommandIncomplete) {
  add({"i-a", "i-b"});
  poll("i-a");
  poll("i-b");
  ASSERT_TRUE(book_.report("i-a", {"c1", Status::Success, 0, "", ""}, clock_.now()));
  ASSERT_TRUE(book_.report("i-b", {"c1", Status::Failed, 3, "", "boom"}, clock_.now()));
  const auto& c = *book_.find("c1");
  EXPECT_EQ(c.status(), Status::Failed);
  EXPECT_EQ(c.status_details(), "Incomplete");
  EXPECT_EQ(c.error_count(), 1);
  EXPECT_EQ(invocation("i-b").response_code, 3);
}

TEST_F(CommandBookTest, CancelEndsPendingAtOnceAndAsksTheAgentToStopRunningOnes) {
  add({"i-a", "i-b"});
  poll("i-a");
  ASSERT_TRUE(book_.cancel("c1", {}, clock_.now()));
  EXPECT_EQ(invocation("i-b").status, Status::Cancelled);
  EXPECT_EQ(invocation("i-b").status_details, "Canceled");
  EXPECT_EQ(invocation("i-a").status, Status::Cancelling);
  EXPECT_EQ(book_.find("c1")->status(), Status::Cancelling);
  auto work = poll("i-a", "s1", {"c1"});
  EXPECT_EQ(work.cancel, std::vector<std::string>{"c1"});
  ASSERT_TRUE(book_.report("i-a", {"c1", Status::Cancelled, 143, "", ""}, clock_.now()));
  EXPECT_EQ(book_.find("c1")->status(), Status::Cancelled);
  EXPECT_FALSE(book_.cancel("nope", {}, clock_.now()));
}

TEST_F(CommandBookTest, CancelOfSomeInstancesLeavesTheOthers) {
  add({"i-a", "i-b"});
  ASSERT_TRUE(book_.cancel("c1", {"i-a"}, clock_.now()));
  EXPECT_EQ(invocation("i-a").status, Status::Cancelled);
  EXPECT_EQ(invocation("i-b").status, Status::Pending);
}

TEST_F(CommandBookTest, AnInvocationNoAgentTakesTimesOutAtTheDeliveryTimeout) {
  add({"i-a"});
  clock_.advance(seconds(59));
  tick();
  EXPECT_EQ(invocation("i-a").status, Status::Pending);
  clock_.advance(seconds(1));
  tick();
  EXPECT_EQ(invocation("i-a").status, Status::TimedOut);
  EXPECT_EQ(book_.find("c1")->status_details(), "Delivery Timed Out");
  EXPECT_EQ(book_.find("c1")->delivery_timed_out_count(), 1);
  EXPECT_EQ(book_.find("c1")->error_count(), 0);
}

TEST_F(CommandBookTest, ARestartedAgentThatDoesNotRunItFailsTheInvocation) {
  add({"i-a"});
  poll("i-a", "s1");
  poll("i-a", "s1");  // the same run, not yet listing it: still its own
  EXPECT_EQ(invocation("i-a").status, Status::InProgress);
  poll("i-a", "s2", {"c1"});  // a new run that does run it (the lab restarted, the agent not)
  EXPECT_EQ(invocation("i-a").status, Status::InProgress);
  poll("i-a", "s3");  // a new run without it: the instance rebooted
  EXPECT_EQ(invocation("i-a").status, Status::Failed);
  EXPECT_NE(invocation("i-a").errors.find("restarted"), std::string::npos);
}

TEST_F(CommandBookTest, InstancesThatWentAwayFailTheirInvocations) {
  add({"i-a", "i-b"});
  poll("i-a");
  tick({"i-a", "i-b"});
  EXPECT_EQ(invocation("i-a").status, Status::Failed);
  EXPECT_EQ(invocation("i-b").status, Status::Failed);
  EXPECT_EQ(invocation("i-b").status_details, "Undeliverable");
}

TEST_F(CommandBookTest, ALateReportOfAFinishedInvocationChangesNothing) {
  add({"i-a"});
  poll("i-a");
  tick({"i-a"});
  ASSERT_TRUE(book_.report("i-a", {"c1", Status::Success, 0, "late", ""}, clock_.now()));
  EXPECT_EQ(invocation("i-a").status, Status::Failed);
  EXPECT_FALSE(book_.report("i-z", {"c1", Status::Success, 0, "", ""}, clock_.now()));
}

TEST_F(CommandBookTest, ACommandComesBackFromItsRecordAsItWas) {
  add({"i-a", "i-b"});
  poll("i-a");
  ASSERT_TRUE(book_.report("i-a", {"c1", Status::Failed, 2, "out", "err"}, clock_.now()));
  const auto record = book_.to_json(*book_.find("c1"));
  auto back = CommandBook::from_json(record);
  ASSERT_TRUE(back) << back.error().message;
  CommandBook other;
  other.restore(std::move(*back));
  EXPECT_EQ(other.to_json(*other.find("c1")), record);
  EXPECT_EQ(other.find("c1")->invocation("i-a")->errors, "err");
}

TEST_F(CommandBookTest, ChangesAreCountedForSaves) {
  EXPECT_FALSE(book_.take_changed());
  add({"i-a"});
  EXPECT_TRUE(book_.take_changed());
  poll("i-b");  // nothing for that instance
  EXPECT_FALSE(book_.take_changed());
  poll("i-a");
  EXPECT_TRUE(book_.take_changed());
}

}  // namespace
}  // namespace faultbox::ssm
