// /metrics rendering: sanitised names, dimensions as labels, newest values only.
#include "monitoring/prometheus_text.h"

#include <gtest/gtest.h>

namespace faultbox::monitoring {
namespace {

using std::chrono::seconds;

TEST(PrometheusTextTest, SanitisesNames) {
  EXPECT_EQ(prometheus_name("HTTPCode_ELB_5XX"), "http_code_elb_5xx");
  EXPECT_EQ(prometheus_name("AWS/ELB"), "aws_elb");
  EXPECT_EQ(prometheus_name("UnHealthyHostCount"), "un_healthy_host_count");
  EXPECT_EQ(prometheus_name("LoadBalancerName"), "load_balancer_name");
  EXPECT_EQ(prometheus_name("my metric.v2"), "my_metric_v2");
  EXPECT_EQ(prometheus_name("5xx"), "_5xx");
}

TEST(PrometheusTextTest, RendersNewestSecondWithLabels) {
  ManualClock clock;
  MetricStore store(clock);
  auto key = MetricKey::make("AWS/ELB", "HTTPCode_ELB_5XX", {{"LoadBalancerName", "web"}});
  ASSERT_TRUE(store.put_value(key, clock.now() - seconds(1), 100));
  ASSERT_TRUE(store.put_value(key, clock.now(), 3));
  ASSERT_TRUE(store.put_value(key, clock.now(), 4));
  auto quoted = MetricKey::make("Custom", "Orders", {{"Shop", "a\"b\\c"}});
  ASSERT_TRUE(store.put_value(quoted, clock.now(), 1.5));

  auto text = render_prometheus(store);
  EXPECT_NE(text.find("# TYPE aws_elb_http_code_elb_5xx_sum gauge\n"), std::string::npos);
  EXPECT_NE(text.find("aws_elb_http_code_elb_5xx_sum{load_balancer_name=\"web\"} 7\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("aws_elb_http_code_elb_5xx_sample_count{load_balancer_name=\"web\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("aws_elb_http_code_elb_5xx_maximum{load_balancer_name=\"web\"} 4\n"),
            std::string::npos);
  EXPECT_NE(text.find("custom_orders_sum{shop=\"a\\\"b\\\\c\"} 1.5\n"), std::string::npos) << text;
  EXPECT_EQ(text.find(" 100\n"), std::string::npos);  // an older second is not shown
}

TEST(PrometheusTextTest, OneHelpAndTypePerFamily) {
  ManualClock clock;
  MetricStore store(clock);
  for (const char* lb : {"a", "b"}) {
    ASSERT_TRUE(store.put_value(
        MetricKey::make("AWS/ELB", "RequestCount", {{"LoadBalancerName", lb}}), clock.now(), 1));
  }
  auto text = render_prometheus(store);
  auto first = text.find("# TYPE aws_elb_request_count_sum gauge");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(text.find("# TYPE aws_elb_request_count_sum gauge", first + 1), std::string::npos);
  EXPECT_NE(text.find("aws_elb_request_count_sum{load_balancer_name=\"b\"} 1"), std::string::npos);
  EXPECT_TRUE(render_prometheus(MetricStore(clock)).empty());
}

TEST(PrometheusTextTest, RegionsShareFamiliesAndAreLabelled) {
  ManualClock clock;
  MetricStore london(clock);
  MetricStore ireland(clock);
  auto key = MetricKey::make("AWS/ELB", "RequestCount", {{"LoadBalancerName", "web"}});
  ASSERT_TRUE(london.put_value(key, clock.now(), 2));
  ASSERT_TRUE(ireland.put_value(key, clock.now(), 5));
  ASSERT_TRUE(ireland.put_value(MetricKey::make("Custom", "Plain", {}), clock.now(), 1));
  auto text = render_prometheus({{"eu-west-2", &london}, {"eu-west-1", &ireland}});
  auto first = text.find("# TYPE aws_elb_request_count_sum gauge");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(text.find("# TYPE aws_elb_request_count_sum gauge", first + 1), std::string::npos);
  EXPECT_NE(
      text.find(
          "aws_elb_request_count_sum{aws_region=\"eu-west-2\",load_balancer_name=\"web\"} 2\n"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find(
          "aws_elb_request_count_sum{aws_region=\"eu-west-1\",load_balancer_name=\"web\"} 5\n"),
      std::string::npos);
  EXPECT_NE(text.find("custom_plain_sum{aws_region=\"eu-west-1\"} 1\n"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::monitoring
