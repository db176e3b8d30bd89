// IAM policy documents as roles and users bring them (inline, attached, trust policies): read as
// every outside document is (core/json_text) and evaluated for an action on a resource (without
// and with a request's context, conditions and variables) and for the services and principals
// they trust. Errors and denials are fine; crashes, hangs and
// exceptions are not.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json_text.h"
#include "iam/policy_evaluator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace faultbox;
  auto policy = parse_json(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!policy) return 0;
  (void)iam::is_allowed({*policy}, "ec2:StopInstances",
                        "arn:aws:ec2:eu-west-2:123456789012:instance/i-0123456789abcdef0");
  // As `serve --auth` evaluates a user's call: conditions and policy variables against a
  // context with the user and the resource's tags.
  iam::RequestContext ctx;
  ctx.set("aws:username", "funky");
  ctx.set("aws:RequestedRegion", "eu-west-2");
  ctx.know_prefix("aws:ResourceTag/");
  ctx.set("aws:ResourceTag/Panda", "funky");
  (void)iam::is_allowed({*policy}, "ec2:StopInstances",
                        "arn:aws:ec2:eu-west-2:123456789012:instance/i-0123456789abcdef0", ctx);
  (void)iam::trusts_service(*policy, "fis.amazonaws.com");
  (void)iam::trusts_principal(*policy, "AWS", {"arn:aws:iam::123456789012:root"},
                              "sts:AssumeRole");
  return 0;
}
