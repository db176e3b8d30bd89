// ARNs in one place: every resource type's ARN is built here, in AWS's format, and read back
// here (arn:<partition>:<service>:<region>:<account>:<resource>). A resource has one ARN
// whichever way it is asked for: its service's API, the stack's state and the console.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace faultbox {

struct Arn {
  std::string partition;
  std::string service;
  std::string region;   // empty for global services (iam, s3)
  std::string account;  // empty for AWS-owned resources
  std::string resource;
};

// nullopt when `text` does not have the six colon-separated parts with "arn" first.
std::optional<Arn> parse_arn(std::string_view text);

// Whether `account` is twelve digits.
bool is_account_id(std::string_view account);

namespace arn {

// EC2: "arn:aws:ec2:<region>:<account>:<type>/<id>" (instance, launch-template, vpc, subnet,
// security-group, ...).
std::string ec2(std::string_view region, std::string_view account, std::string_view type,
                std::string_view id);
std::string instance(std::string_view region, std::string_view account, std::string_view id);
std::string launch_template(std::string_view region, std::string_view account, std::string_view id);
// AMIs belong to no account: "arn:aws:ec2:<region>::image/<id>".
std::string image(std::string_view region, std::string_view id);

// "arn:aws:autoscaling:<region>:<account>:autoScalingGroup:<uuid>:autoScalingGroupName/<name>";
// the uuid is the group's own, given when it was created.
std::string autoscaling_group(std::string_view region, std::string_view account,
                              std::string_view uuid, std::string_view name);
// A classic load balancer: "arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/<name>".
std::string classic_load_balancer(std::string_view region, std::string_view account,
                                  std::string_view name);
// "arn:aws:cloudwatch:<region>:<account>:alarm:<name>".
std::string alarm(std::string_view region, std::string_view account, std::string_view name);
// "arn:aws:logs:<region>:<account>:log-group:<name>:*" (DescribeLogGroups' arn).
std::string log_group(std::string_view region, std::string_view account, std::string_view name);
// "arn:aws:logs:<region>:<account>:log-group:<group>:log-stream:<stream>".
std::string log_stream(std::string_view region, std::string_view account, std::string_view group,
                       std::string_view stream);
// FIS: "arn:aws:fis:<region>:<account>:experiment-template/<id>", ".../experiment/<id>", and
// the account-less "arn:aws:fis:<region>::action/<id>".
std::string fis_template(std::string_view region, std::string_view account, std::string_view id);
std::string fis_experiment(std::string_view region, std::string_view account, std::string_view id);
std::string fis_action(std::string_view region, std::string_view id);
std::string fis_safety_lever(std::string_view region, std::string_view account,
                             std::string_view id);

// IAM is global: "arn:aws:iam::<account>:<type><path><name>", `path` "/" or "/a/b/".
std::string iam(std::string_view account, std::string_view type, std::string_view path,
                std::string_view name);
std::string iam_role(std::string_view account, std::string_view path, std::string_view name);
// The role Auto Scaling acts as in an account, and so launches its groups' instances as.
std::string autoscaling_service_linked_role(std::string_view account);
std::string iam_policy(std::string_view account, std::string_view path, std::string_view name);
std::string iam_instance_profile(std::string_view account, std::string_view path,
                                 std::string_view name);
std::string iam_user(std::string_view account, std::string_view name);
// The account itself, as sts:GetCallerIdentity names the root user.
std::string account_root(std::string_view account);

// S3 buckets have neither region nor account: "arn:aws:s3:::<bucket>".
std::string s3_bucket(std::string_view bucket);

// Lambda: "arn:aws:lambda:<region>:<account>:function:<name>".
std::string lambda_function(std::string_view region, std::string_view account,
                            std::string_view name);

// The name part after the last '/' of an ARN's resource ("role/path/x" gives "x"); the whole
// resource when it has no '/'.
std::string resource_name(const Arn& arn);

}  // namespace arn
}  // namespace faultbox
