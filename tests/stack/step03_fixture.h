// A stack shaped like the workshop's step03: launch template, ELB, ASG over 3 AZs, alarm on the
// ELB, IAM role for FIS, and outputs.
#pragma once

#include <string>

#include "stack/stack.h"

namespace faultbox::stack::testing {

inline const char* kStep03Main = R"json({
  "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws"}}},
  "provider": {"aws": {"region": "${var.region}",
                       "default_tags": {"tags": {"Panda": "${var.panda}", "Experiment": "step03"}}}},
  "variable": {
    "panda": {"type": "string", "description": "Your panda name"},
    "region": {"type": "string", "default": "eu-west-2"},
    "desired_capacity": {"type": "number", "default": 3}
  },
  "locals": {"name": "${var.panda}-step03",
             "azs": ["${var.region}a", "${var.region}b", "${var.region}c"]},
  "resource": {
    "aws_launch_template": {"web": {
      "name_prefix": "${local.name}-",
      "image_id": "ami-0123456789",
      "instance_type": "t3.micro",
      "tag_specifications": [{"resource_type": "instance",
                              "tags": {"Name": "${local.name}-web"}}]
    }},
    "aws_elb": {"this": {
      "name": "${local.name}-elb",
      "availability_zones": "${local.azs}",
      "listener": [{"instance_port": 80, "instance_protocol": "http",
                    "lb_port": 80, "lb_protocol": "http"}],
      "health_check": {"target": "HTTP:80/", "interval": 5, "timeout": 2,
                       "healthy_threshold": 2, "unhealthy_threshold": 2}
    }},
    "aws_autoscaling_group": {"web": {
      "name": "${local.name}-asg",
      "min_size": 3, "max_size": 9,
      "desired_capacity": "${var.desired_capacity}",
      "health_check_type": "ELB",
      "availability_zones": "${local.azs}",
      "load_balancers": ["${aws_elb.this.name}"],
      "launch_template": {"id": "${aws_launch_template.web.id}", "version": "$Latest"}
    }},
    "aws_cloudwatch_metric_alarm": {"elb_5xx": {
      "alarm_name": "${var.panda}-elb-alarm",
      "namespace": "AWS/ELB", "metric_name": "HTTPCode_ELB_5XX",
      "statistic": "Sum", "period": 10, "evaluation_periods": 4, "datapoints_to_alarm": 2,
      "threshold": 10, "comparison_operator": "GreaterThanOrEqualToThreshold",
      "treat_missing_data": "notBreaching",
      "dimensions": {"LoadBalancerName": "${aws_elb.this.name}"}
    }},
    "aws_iam_role": {"fis": {
      "name": "${var.panda}-fis-role",
      "assume_role_policy": "${jsonencode({Version = \"2012-10-17\", Statement = [{Effect = \"Allow\", Action = \"sts:AssumeRole\", Principal = {Service = \"fis.amazonaws.com\"}}]})}"
    }}
  },
  "output": {
    "elb_url": {"value": "http://${aws_elb.this.dns_name}", "description": "The service URL"},
    "asg_name": {"value": "${aws_autoscaling_group.web.name}"}
  }
})json";

inline const char* kCommonTfvars = "panda = \"red-panda\"  # who you are\n";

inline StackInput step03_input() {
  StackInput input;
  input.files["main.tf.json"] = kStep03Main;
  input.var_files.emplace_back("common.tfvars", kCommonTfvars);
  input.directory = "/stacks/step03";
  return input;
}

}  // namespace faultbox::stack::testing
