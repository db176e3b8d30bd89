// GET /metrics' lab families: load balancers' counters, alarms' states, experiments' and
// actions' states, instances per state and AZ, and the lab's request counters.
#include "lab/lab_metrics.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "cloud/region_services.h"
#include "lab/lab_context.h"
#include "monitoring/alarm_test_support.h"
#include "support/fake_supervisor.h"

namespace faultbox::lab {
namespace {

using monitoring::Exposition;

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

bool has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(LabMetricsTest, BalancerCountersSummaryAndHosts) {
  ManualClock clock;
  elb::LoadBalancerConfig config{
      "web-elb", {{80, 80}}, {"HTTP:80/", std::chrono::seconds(5), std::chrono::seconds(2), 2, 2}};
  auto lb = elb::LoadBalancer::create(config, clock);
  ASSERT_TRUE(lb) << lb.error().to_string();
  cloud::Balancer b;
  b.name = "web-elb";
  b.region = "eu-west-2";
  b.lb = std::move(*lb);
  b.totals.counts[static_cast<std::size_t>(elb::Metric::Requests)] = 40;
  b.totals.counts[static_cast<std::size_t>(elb::Metric::Elb5xx)] = 12;
  b.totals.latency_sum = 0.5;
  b.totals.latency_count = 28;
  Exposition out;
  add_balancer_metrics(out, {&b});
  auto text = out.text();
  const std::string labels = "{aws_region=\"eu-west-2\",load_balancer_name=\"web-elb\"}";
  EXPECT_TRUE(has(text, "# TYPE faultbox_elb_http_code_elb_5xx_total counter")) << text;
  EXPECT_TRUE(has(text, "faultbox_elb_http_code_elb_5xx_total" + labels + " 12")) << text;
  EXPECT_TRUE(has(text, "faultbox_elb_request_count_total" + labels + " 40")) << text;
  EXPECT_TRUE(has(text, "faultbox_elb_backend_connection_errors_total" + labels + " 0")) << text;
  EXPECT_TRUE(has(text, "# TYPE faultbox_elb_latency_seconds summary")) << text;
  EXPECT_TRUE(has(text, "faultbox_elb_latency_seconds_sum" + labels + " 0.5")) << text;
  EXPECT_TRUE(has(text, "faultbox_elb_latency_seconds_count" + labels + " 28")) << text;
  EXPECT_TRUE(has(text, "faultbox_elb_healthy_hosts" + labels + " 0")) << text;
  EXPECT_TRUE(has(text, "# TYPE faultbox_elb_unhealthy_hosts gauge")) << text;
  // Every ELB counter of elb_metrics.h is there, HTTPCode_Backend_5XX among them.
  EXPECT_EQ(count_of(text, " counter\n"), elb::kCounterCount);
  EXPECT_TRUE(has(text, "faultbox_elb_http_code_backend_5xx_total" + labels + " 0")) << text;
}

TEST(LabMetricsTest, BalancerFamiliesDeclaredWithoutBalancers) {
  Exposition out;
  add_balancer_metrics(out, {});
  auto text = out.text();
  EXPECT_TRUE(has(text, "# TYPE faultbox_elb_http_code_elb_5xx_total counter")) << text;
  EXPECT_EQ(text.find("faultbox_elb_http_code_elb_5xx_total{"), std::string::npos);
}

TEST(LabMetricsTest, AlarmStateAsOneAndZeros) {
  ManualClock clock;
  monitoring::MetricStore store(clock);
  monitoring::AlarmEvaluator alarms(store, "eu-west-2", "123456789012");
  auto spec = monitoring::test_support::workshop_alarm();
  spec.alarm_name = "panda \"quoted\" alarm";
  ASSERT_TRUE(alarms.put_alarm(spec, clock.now()));
  ASSERT_TRUE(alarms.set_alarm_state(spec.alarm_name, "ALARM", "test", "", clock.now()));
  Exposition out;
  add_alarm_states(out, alarms);
  auto text = out.text();
  const std::string name = "alarm_name=\"panda \\\"quoted\\\" alarm\"";
  EXPECT_TRUE(has(text, "# TYPE faultbox_alarm_state gauge")) << text;
  EXPECT_TRUE(
      has(text, "faultbox_alarm_state{aws_region=\"eu-west-2\"," + name + ",state=\"ALARM\"} 1"))
      << text;
  EXPECT_TRUE(
      has(text, "faultbox_alarm_state{aws_region=\"eu-west-2\"," + name + ",state=\"OK\"} 0"));
  EXPECT_TRUE(has(text, "faultbox_alarm_state{aws_region=\"eu-west-2\"," + name +
                            ",state=\"INSUFFICIENT_DATA\"} 0"));
}

TEST(LabMetricsTest, ExperimentsAndActionsPerState) {
  fis::Experiment running;
  running.status = fis::ExperimentStatus::Running;
  running.actions["stop"].status = fis::ActionStatus::Completed;
  running.actions["wait"].status = fis::ActionStatus::Running;
  running.actions["again"].status = fis::ActionStatus::Pending;
  fis::Experiment stopped;
  stopped.status = fis::ExperimentStatus::Stopped;
  stopped.actions["stop"].status = fis::ActionStatus::Completed;
  stopped.actions["wait"].status = fis::ActionStatus::Cancelled;
  Exposition out;
  add_experiment_counts(out, "eu-west-2", {&running, &stopped});
  auto text = out.text();
  auto experiments = [](const std::string& state) {
    return "faultbox_experiments{aws_region=\"eu-west-2\",state=\"" + state + "\"} ";
  };
  auto actions = [](const std::string& state) {
    return "faultbox_experiment_actions{aws_region=\"eu-west-2\",state=\"" + state + "\"} ";
  };
  EXPECT_TRUE(has(text, experiments("running") + "1")) << text;
  EXPECT_TRUE(has(text, experiments("stopped") + "1")) << text;
  EXPECT_TRUE(has(text, experiments("completed") + "0")) << text;
  EXPECT_EQ(count_of(text, "faultbox_experiments{"), 8u);
  EXPECT_TRUE(has(text, actions("completed") + "2")) << text;
  EXPECT_TRUE(has(text, actions("running") + "1")) << text;
  EXPECT_TRUE(has(text, actions("cancelled") + "1")) << text;
  EXPECT_TRUE(has(text, actions("skipped") + "0")) << text;
  EXPECT_EQ(count_of(text, "faultbox_experiment_actions{"), 9u);
  EXPECT_EQ(count_of(text, "# TYPE faultbox_experiments gauge\n"), 1u);
}

TEST(LabMetricsTest, InstancesPerStateAndZone) {
  auto instance = [](std::string az, compute::InstanceState state) {
    compute::Instance i;
    i.region = "eu-west-2";
    i.availability_zone = std::move(az);
    i.state = state;
    return i;
  };
  auto a1 = instance("eu-west-2a", compute::InstanceState::Running);
  auto a2 = instance("eu-west-2a", compute::InstanceState::Running);
  auto b1 = instance("eu-west-2b", compute::InstanceState::Stopped);
  Exposition out;
  add_instance_counts(out, {&a1, &a2, &b1});
  auto text = out.text();
  auto line = [](const std::string& az, const std::string& state, int n) {
    return "faultbox_instances{aws_region=\"eu-west-2\",availability_zone=\"" + az + "\",state=\"" +
           state + "\"} " + std::to_string(n);
  };
  EXPECT_TRUE(has(text, line("eu-west-2a", "running", 2))) << text;
  EXPECT_TRUE(has(text, line("eu-west-2a", "stopped", 0))) << text;
  EXPECT_TRUE(has(text, line("eu-west-2b", "stopped", 1))) << text;
  EXPECT_TRUE(has(text, line("eu-west-2b", "shutting-down", 0))) << text;
  EXPECT_EQ(count_of(text, "faultbox_instances{"), 12u);  // 2 AZs x 6 states
  EXPECT_EQ(text.find("eu-west-2c"), std::string::npos);
}

// The whole exposition through the lab's request handler: CloudWatch's gauges and the lab's
// families side by side, and each answered request counted by API and status.
class LabMetricsRouteTest : public ::testing::Test {
 protected:
  LabMetricsRouteTest()
      : cloud_(clock_, supervisor_, control_, data_, options()),
        context_{options_, clock_, cloud_, "secret", {"control", "console"}, [] {}, nullptr} {}

  static cloud::CloudOptions options() {
    cloud::CloudOptions o;
    o.data_dir = std::filesystem::temp_directory_path() / "faultbox-lab-metrics-test";
    o.faultbox_binary = "/opt/faultbox/bin/faultbox";
    o.imds_prefix = "http://127.0.0.1:4566/_imds/";
    return o;
  }

  net::HttpResponse get(const std::string& target, net::HttpRequest r = {}) {
    r.method = r.method.empty() ? "GET" : r.method;
    r.target = target;
    r.headers["host"] = "127.0.0.1:4566";
    net::HttpResponse out;
    handle_request(context_, r, [&out](net::HttpResponse a) { out = std::move(a); });
    return out;
  }

  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  boost::asio::io_context control_;
  boost::asio::io_context data_;
  LabOptions options_;
  cloud::Cloud cloud_;
  LabContext context_;
};

TEST_F(LabMetricsRouteTest, ServesEveryFamilyAndCountsRequests) {
  compute::LaunchSpec spec;
  spec.availability_zone = "eu-west-2a";
  ASSERT_TRUE(cloud_.instances().run_instance(spec));
  auto& region = cloud_.region("eu-west-2");
  ASSERT_TRUE(region.metrics.put_value(
      monitoring::MetricKey::make("AWS/ELB", "RequestCount", {{"LoadBalancerName", "web"}}),
      clock_.now(), 3));
  ASSERT_TRUE(region.alarms.put_alarm(monitoring::test_support::workshop_alarm(), clock_.now()));

  net::HttpRequest fis;
  fis.headers["authorization"] =
      "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/eu-west-2/fis/aws4_request, "
      "SignedHeaders=host, Signature=abc";
  EXPECT_EQ(get("/experiments", fis).status, 200);
  EXPECT_EQ(get("/_faultbox/nothing-here").status, 404);
  auto answer = get("/metrics");
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.content_type, "text/plain; version=0.0.4; charset=utf-8");
  const auto& text = answer.body;
  EXPECT_TRUE(has(text, "aws_elb_request_count_sum{aws_region=\"eu-west-2\","
                        "load_balancer_name=\"web\"} 3"))
      << text;
  EXPECT_TRUE(has(text, "faultbox_alarm_state{aws_region=\"eu-west-2\","
                        "alarm_name=\"panda-elb-alarm\",state=\"INSUFFICIENT_DATA\"} 1"))
      << text;
  EXPECT_TRUE(has(text, "faultbox_experiments{aws_region=\"eu-west-2\",state=\"running\"} 0"));
  EXPECT_TRUE(has(text, "faultbox_instances{aws_region=\"eu-west-2\","
                        "availability_zone=\"eu-west-2a\",state=\"pending\"} 1"))
      << text;
  EXPECT_TRUE(has(text, "faultbox_lab_requests_total{api=\"fis\",code=\"200\"} 1")) << text;
  EXPECT_TRUE(has(text, "faultbox_lab_requests_total{api=\"lab\",code=\"404\"} 1")) << text;
  EXPECT_TRUE(has(text, "# TYPE faultbox_elb_http_code_elb_5xx_total counter")) << text;
  // One HELP and one TYPE per family: as many of each as there are distinct families.
  EXPECT_EQ(count_of(text, "# HELP "), count_of(text, "# TYPE "));
  EXPECT_EQ(count_of(text, "# TYPE faultbox_alarm_state "), 1u);

  auto again = get("/metrics").body;
  EXPECT_TRUE(has(again, "faultbox_lab_requests_total{api=\"lab\",code=\"200\"} 1")) << again;
}

}  // namespace
}  // namespace faultbox::lab
