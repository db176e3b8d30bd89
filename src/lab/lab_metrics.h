// GET /metrics: everything the lab holds, in Prometheus' text format: CloudWatch's metric store
// (monitoring/prometheus_text.h, aws_* gauges) and the lab's own families (faultbox_*): load
// balancers' counters since the lab started, alarms' states, experiments' and actions' states,
// instances per state and AZ, and the lab's request counters. Control strand only.
#pragma once

#include <string>
#include <vector>

#include "cloud/balancers/balancers.h"
#include "cloud/cloud.h"
#include "compute/instance.h"
#include "fis/experiment.h"
#include "lab/request_counts.h"
#include "monitoring/alarm_evaluator.h"
#include "monitoring/exposition.h"

namespace faultbox::lab {

// The whole exposition: every region's metrics and alarms and experiments, every load balancer
// and instance, the request counters.
std::string render_lab_metrics(const cloud::Cloud& cloud, const RequestCounts& requests);

// One source each; every family is declared (HELP and TYPE) even without samples.
// faultbox_elb_<counter>_total (e.g. faultbox_elb_http_code_elb_5xx_total), the latency summary
// faultbox_elb_latency_seconds and the gauges faultbox_elb_{healthy,unhealthy}_hosts.
void add_balancer_metrics(monitoring::Exposition& out,
                          const std::vector<const cloud::Balancer*>& lbs);
// faultbox_alarm_state{aws_region,alarm_name,state}: 1 for the alarm's state, 0 for the others.
void add_alarm_states(monitoring::Exposition& out, const monitoring::AlarmEvaluator& alarms);
// faultbox_experiments{aws_region,state} and faultbox_experiment_actions{aws_region,state}: how
// many are in each state (every state, zeros included).
void add_experiment_counts(monitoring::Exposition& out, const std::string& region,
                           const std::vector<const fis::Experiment*>& experiments);
// faultbox_instances{aws_region,availability_zone,state}: every state of every AZ that has an
// instance, zeros included.
void add_instance_counts(monitoring::Exposition& out,
                         const std::vector<const compute::Instance*>& instances);
// faultbox_lab_requests_total{api,code}.
void add_request_counts(monitoring::Exposition& out, const RequestCounts& requests);

}  // namespace faultbox::lab
