// /metrics: the newest one-second value of every stored metric in Prometheus' text format.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "monitoring/exposition.h"
#include "monitoring/metric_store.h"

namespace faultbox::monitoring {

// Each metric gives four gauges, <namespace>_<name>_{sum,sample_count,minimum,maximum}, with its
// dimensions as labels. E.g. AWS/ELB HTTPCode_ELB_5XX {LoadBalancerName=web} becomes
// aws_elb_http_code_elb_5xx_sum{load_balancer_name="web"} 3
std::string render_prometheus(const MetricStore& store);

// Several regions' stores in one exposition (the lab's /metrics): each sample gets an
// aws_region label first, and each family still one # HELP and # TYPE.
std::string render_prometheus(const std::map<std::string, const MetricStore*>& by_region);

// The store's families into `out`, each sample labelled aws_region="<region>" first (no such
// label when `region` is empty).
void add_metric_store(Exposition& out, const MetricStore& store, const std::string& region);

// "HTTPCode_ELB_5XX" -> "http_code_elb_5xx", "AWS/ELB" -> "aws_elb"; the result matches
// [a-zA-Z_][a-zA-Z0-9_]*.
std::string prometheus_name(std::string_view name);

}  // namespace faultbox::monitoring
