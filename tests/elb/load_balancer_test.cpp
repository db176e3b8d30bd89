// LoadBalancer on the control plane: validation, registration, the probe schedule (fake prober,
// ManualClock), DescribeInstanceHealth, and publication of the InService set.
#include "elb/load_balancer.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <vector>

namespace faultbox::elb {
namespace {

using std::chrono::seconds;

// Records probes; the test answers them when it wants.
class FakeProber : public HealthProber {
 public:
  struct Call {
    ProbeRequest request;
    std::function<void(ProbeResult)> done;
  };
  void probe(const ProbeRequest& request, std::function<void(ProbeResult)> done) override {
    calls.push_back({request, std::move(done)});
  }
  // Answers every open probe of `instance_id`.
  int answer(const std::string& instance_id, bool healthy) {
    int answered = 0;
    for (auto& call : calls) {
      if (call.request.instance_id == instance_id && call.done) {
        auto done = std::move(call.done);
        call.done = nullptr;
        done({healthy, healthy ? "HTTP 200" : "HTTP 500"});
        ++answered;
      }
    }
    return answered;
  }
  int count(const std::string& instance_id) const {
    int n = 0;
    for (const auto& call : calls) {
      n += call.request.instance_id == instance_id ? 1 : 0;
    }
    return n;
  }
  std::vector<Call> calls;
};

class RecordingSink : public BackendSink {
 public:
  void publish(std::shared_ptr<const BackendSnapshot> snapshot) override {
    snapshots.push_back(std::move(snapshot));
  }
  void health_check_passed(const std::string& instance_id) override {
    passed.push_back(instance_id);
  }
  std::vector<std::string> last_ids() const {
    std::vector<std::string> ids;
    for (const auto& b : snapshots.back()->backends) {
      ids.push_back(b.instance_id);
    }
    return ids;
  }
  std::vector<std::shared_ptr<const BackendSnapshot>> snapshots;
  std::vector<std::string> passed;  // health_check_passed calls
};

LoadBalancerConfig workshop_config() {
  return {"panda-elb", {{80, 80}}, {"HTTP:80/", seconds(5), seconds(2), 2, 2}};
}

class LoadBalancerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = LoadBalancer::create(workshop_config(), clock_);
    ASSERT_TRUE(created) << created.error().to_string();
    lb_ = std::move(*created);
    lb_->add_sink(sink_);
  }
  // Moves one interval on and lets every due probe start.
  void next_interval() {
    clock_.advance(seconds(5));
    lb_->tick(clock_.now(), prober_);
  }
  void add(const std::string& id, const std::string& address, const std::string& az) {
    ASSERT_TRUE(lb_->register_instance({id, address, az}));
  }

  ManualClock clock_;
  FakeProber prober_;
  RecordingSink sink_;
  std::unique_ptr<LoadBalancer> lb_;
};

TEST(LoadBalancerConfigTest, RejectsValuesOutsideAwsLimits) {
  auto with = [](auto change) {
    auto config = workshop_config();
    change(config);
    return validate(config);
  };
  EXPECT_TRUE(validate(workshop_config()));
  EXPECT_FALSE(with([](auto& c) { c.name = "-bad"; }));
  EXPECT_FALSE(with([](auto& c) { c.name = std::string(33, 'a'); }));
  EXPECT_FALSE(with([](auto& c) { c.listeners.clear(); }));
  EXPECT_FALSE(with([](auto& c) { c.listeners.push_back({80, 8080}); }));
  EXPECT_FALSE(with([](auto& c) { c.health_check.interval = seconds(4); }));
  EXPECT_FALSE(with([](auto& c) { c.health_check.timeout = seconds(5); }));
  EXPECT_FALSE(with([](auto& c) { c.health_check.healthy_threshold = 1; }));
  EXPECT_FALSE(with([](auto& c) { c.health_check.unhealthy_threshold = 11; }));
  EXPECT_FALSE(with([](auto& c) { c.health_check.target = "HTTP:80"; }));
  auto https = with([](auto& c) { c.health_check.target = "HTTPS:443/"; });
  ASSERT_FALSE(https);
  EXPECT_NE(https.error().message.find("HTTPS"), std::string::npos);
}

TEST_F(LoadBalancerTest, SinkGetsTheCurrentSnapshotAtOnce) {
  ASSERT_EQ(sink_.snapshots.size(), 1u);
  EXPECT_TRUE(sink_.snapshots[0]->backends.empty());
}

TEST_F(LoadBalancerTest, ProbesOncePerIntervalAndNeverTwiceAtOnce) {
  add("i-a", "127.10.1.1", "eu-west-2a");
  lb_->tick(clock_.now(), prober_);
  ASSERT_EQ(prober_.count("i-a"), 1);
  const auto& request = prober_.calls[0].request;
  EXPECT_EQ(request.address, "127.10.1.1");
  EXPECT_EQ(request.target.to_string(), "HTTP:80/");
  EXPECT_EQ(request.timeout, seconds(2));
  clock_.advance(seconds(4));
  lb_->tick(clock_.now(), prober_);
  EXPECT_EQ(prober_.count("i-a"), 1) << "not due yet";
  next_interval();
  EXPECT_EQ(prober_.count("i-a"), 1) << "due, but the first probe is still open";
  prober_.answer("i-a", true);
  lb_->tick(clock_.now(), prober_);
  EXPECT_EQ(prober_.count("i-a"), 2) << "overdue probe starts once the open one finished";
  prober_.answer("i-a", true);
  next_interval();
  EXPECT_EQ(prober_.count("i-a"), 3);
}

TEST_F(LoadBalancerTest, PublishesWhenTheInServiceSetChanges) {
  add("i-a", "127.10.1.1", "eu-west-2a");
  add("i-b", "127.10.2.1", "eu-west-2b");
  lb_->tick(clock_.now(), prober_);
  prober_.answer("i-a", true);
  prober_.answer("i-b", false);
  EXPECT_EQ(sink_.snapshots.size(), 1u) << "one pass is below the healthy threshold";
  next_interval();
  prober_.answer("i-a", true);
  prober_.answer("i-b", true);
  ASSERT_EQ(sink_.snapshots.size(), 2u);
  EXPECT_EQ(sink_.last_ids(), std::vector<std::string>{"i-a"});
  EXPECT_EQ(sink_.snapshots.back()->backends[0].address, "127.10.1.1");
  EXPECT_EQ(sink_.snapshots.back()->backends[0].az, "eu-west-2a");
  next_interval();
  prober_.answer("i-a", true);
  prober_.answer("i-b", true);
  EXPECT_EQ(sink_.last_ids(), (std::vector<std::string>{"i-a", "i-b"}));
  EXPECT_GT(sink_.snapshots.back()->version, sink_.snapshots.front()->version);
  EXPECT_EQ(lb_->host_counts().healthy, 2);
  for (int i = 0; i < 2; ++i) {
    next_interval();
    prober_.answer("i-a", false);
    prober_.answer("i-b", true);
  }
  EXPECT_EQ(sink_.last_ids(), std::vector<std::string>{"i-b"});
  EXPECT_EQ(lb_->host_counts().unhealthy, 1);
  auto before = sink_.snapshots.size();
  next_interval();
  prober_.answer("i-a", false);
  prober_.answer("i-b", true);
  EXPECT_EQ(sink_.snapshots.size(), before) << "no change, no publication";
}

TEST_F(LoadBalancerTest, TellsSinksWhenAnInServiceInstancePassesACheck) {
  add("i-a", "127.10.1.1", "eu-west-2a");
  lb_->tick(clock_.now(), prober_);
  prober_.answer("i-a", true);
  next_interval();
  prober_.answer("i-a", true);  // InService now: published, not reported as a pass
  EXPECT_TRUE(sink_.passed.empty());
  next_interval();
  prober_.answer("i-a", true);
  EXPECT_EQ(sink_.passed, std::vector<std::string>{"i-a"});
  next_interval();
  prober_.answer("i-a", false);
  EXPECT_EQ(sink_.passed.size(), 1u) << "a failed check is no pass";
}

TEST_F(LoadBalancerTest, DescribesInstanceHealthLikeAws) {
  add("i-a", "127.10.1.1", "eu-west-2a");
  add("i-b", "127.10.2.1", "eu-west-2b");
  auto rows = lb_->describe_instance_health();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].instance_id, "i-a");
  EXPECT_EQ(rows[0].state, "OutOfService");
  EXPECT_EQ(rows[0].reason_code, "ELB");
  for (int i = 0; i < 2; ++i) {
    lb_->tick(clock_.now(), prober_);
    prober_.answer("i-a", true);
    prober_.answer("i-b", false);
    clock_.advance(seconds(5));
  }
  rows = lb_->describe_instance_health();
  EXPECT_EQ(rows[0].state, "InService");
  EXPECT_EQ(rows[1].state, "OutOfService");
  EXPECT_EQ(rows[1].reason_code, "Instance");
}

TEST_F(LoadBalancerTest, DeregisteringDropsLateResultsAndPublishes) {
  add("i-a", "127.10.1.1", "eu-west-2a");
  for (int i = 0; i < 2; ++i) {
    lb_->tick(clock_.now(), prober_);
    prober_.answer("i-a", true);
    clock_.advance(seconds(5));
  }
  ASSERT_EQ(sink_.last_ids(), std::vector<std::string>{"i-a"});
  lb_->tick(clock_.now(), prober_);  // a probe is open while the instance leaves
  ASSERT_TRUE(lb_->deregister_instance("i-a"));
  EXPECT_TRUE(sink_.last_ids().empty());
  add("i-a", "127.10.1.1", "eu-west-2a");  // back again: starts over
  prober_.answer("i-a", true);             // the old probe's result must not count
  EXPECT_EQ(lb_->describe_instance_health()[0].reason_code, "ELB");
  EXPECT_EQ(lb_->host_counts().healthy, 0);
  auto missing = lb_->deregister_instance("i-zzz");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "InvalidEndPoint");
}

TEST_F(LoadBalancerTest, RegisteringTwiceChangesNothing) {
  add("i-a", "127.10.1.1", "eu-west-2a");
  add("i-a", "127.10.1.1", "eu-west-2a");
  EXPECT_EQ(lb_->describe_instance_health().size(), 1u);
  EXPECT_FALSE(lb_->register_instance({"", "127.0.0.1", "a"}));
}

TEST_F(LoadBalancerTest, ARestoredInstanceThatServedOnIsInServiceAtOnceAndLeavesAsUsual) {
  ASSERT_TRUE(lb_->restore_instance({"i-a", "127.10.1.1", "eu-west-2a"}, true));
  ASSERT_TRUE(lb_->restore_instance({"i-b", "127.10.2.1", "eu-west-2b"}, false));
  EXPECT_EQ(sink_.last_ids(), std::vector<std::string>{"i-a"});
  EXPECT_EQ(lb_->describe_instance_health()[0].state, "InService");
  EXPECT_EQ(lb_->describe_instance_health()[1].state, "OutOfService");
  // Failing checks take it out after the unhealthy threshold, as any InService instance.
  lb_->tick(clock_.now(), prober_);
  prober_.answer("i-a", false);
  EXPECT_EQ(sink_.last_ids(), std::vector<std::string>{"i-a"});
  next_interval();
  prober_.answer("i-a", false);
  EXPECT_TRUE(sink_.last_ids().empty());
}

TEST_F(LoadBalancerTest, ResultArrivingAfterDestructionIsIgnored) {
  add("i-a", "127.10.1.1", "eu-west-2a");
  lb_->tick(clock_.now(), prober_);
  lb_.reset();
  EXPECT_EQ(prober_.answer("i-a", true), 1);  // must not touch the destroyed load balancer
}

TEST_F(LoadBalancerTest, FaultsOnTheLabsPathsReachSnapshotsAndProbesAndAreFollowed) {
  auto faults = std::make_shared<netfault::LabPathFaults>();
  lb_->use_lab_paths(faults);
  add("i-a", "127.10.1.5", "eu-west-2a");
  add("i-b", "127.10.2.5", "eu-west-2b");
  lb_->tick(clock_.now(), prober_);
  prober_.answer("i-a", true);
  prober_.answer("i-b", true);
  next_interval();
  prober_.answer("i-a", true);
  prober_.answer("i-b", true);
  ASSERT_EQ(sink_.last_ids().size(), 2u);
  EXPECT_TRUE(sink_.snapshots.back()->backends[0].path_faults.empty());

  netfault::PacketRule delay{.targets = {"127.10.1.5"}, .delay_ms = 40};
  ASSERT_TRUE(faults->apply({delay}));
  const auto published = sink_.snapshots.size();
  lb_->tick(clock_.now(), prober_);  // no probe due: the faults alone are published
  ASSERT_EQ(sink_.snapshots.size(), published + 1);
  const auto& backends = sink_.snapshots.back()->backends;
  ASSERT_EQ(backends[0].path_faults.size(), 1u);
  EXPECT_EQ(backends[0].path_faults[0].port, 80);
  EXPECT_EQ(backends[0].path_faults[0].fault.delay_ms, 40);
  EXPECT_TRUE(backends[1].path_faults.empty());

  next_interval();
  for (const auto& call : prober_.calls) {
    if (call.done) {
      EXPECT_EQ(call.request.fault.delay_ms, call.request.instance_id == "i-a" ? 40 : 0);
    }
  }
  lb_->tick(clock_.now(), prober_);
  EXPECT_EQ(sink_.snapshots.size(), published + 1);  // nothing changed since
}

// A lab without root serves port 80 at 8080: rules name port 80, the proxy connects to 8080.
TEST(LoadBalancerLabPathsTest, RulesNameUnmovedPortsAndProxiesGetMovedOnes) {
  ManualClock clock;
  auto config = workshop_config();
  config.health_check.target = "HTTP:8080/";  // moved by the lab (cloud/balancers)
  auto created = LoadBalancer::create(config, clock);
  ASSERT_TRUE(created);
  auto& lb = **created;
  auto faults = std::make_shared<netfault::LabPathFaults>();
  ASSERT_TRUE(faults->apply({netfault::PacketRule{
      .targets = {"127.10.1.5"}, .protocol = "tcp", .port = 80, .drop_percent = 100}}));
  lb.use_lab_paths(faults, 8000);
  RecordingSink sink;
  lb.add_sink(sink);
  FakeProber prober;
  ASSERT_TRUE(lb.restore_instance({"i-a", "127.10.1.5", "eu-west-2a"}, true));
  ASSERT_EQ(sink.snapshots.back()->backends.size(), 1u);
  const auto& path_faults = sink.snapshots.back()->backends[0].path_faults;
  ASSERT_EQ(path_faults.size(), 1u);
  EXPECT_EQ(path_faults[0].port, 8080);
  EXPECT_EQ(path_faults[0].fault.drop_percent, 100);
  lb.tick(clock.now(), prober);
  ASSERT_EQ(prober.calls.size(), 1u);
  EXPECT_EQ(prober.calls[0].request.fault.drop_percent, 100);
}

}  // namespace
}  // namespace faultbox::elb
