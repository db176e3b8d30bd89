// Under `serve --auth`, what the caller may do: an IAM user's or a role session's own policies
// (inline and attached) must allow the call's action ("ec2:StopInstances") on each resource it
// acts on, in the request's context: aws:username, aws:userid, aws:PrincipalArn,
// aws:PrincipalAccount, aws:RequestedRegion, and each resource's aws:ResourceTag/<key> where the
// lab knows the resource (EC2 instances by InstanceId, Auto Scaling groups by name, FIS templates
// and experiments; Classic load balancers, S3 buckets and objects and Lambda functions by ARN,
// without tags). Other operations are checked on "*". A call that hands a role to a service (a FIS
// template's roleArn, a Lambda function's Role) also needs iam:PassRole on it.
// The account's root may do everything; sts:GetCallerIdentity needs no permission.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/service.h"
#include "core/error.h"

namespace faultbox::api {

// A resource a call acts on, as policies name it; `tags` set when the lab knows them.
struct RequestedResource {
  std::string arn;
  std::optional<std::map<std::string, std::string>> tags;
};

// The resources of the call the lab can name; empty when none (the call is checked on "*").
std::vector<RequestedResource> requested_resources(Call& call, const ServiceInfo& service);

// The IAM action prefix of a service: its id, but "elasticloadbalancing" for Classic ELB.
std::string action_prefix(const ServiceInfo& service);

// nullopt when the caller may make the call; else the service's access-denied error naming the
// caller, the action and the resource.
std::optional<Error> unauthorized(Call& call, const Service& service);

}  // namespace faultbox::api
