// What a request brings to policy evaluation besides its action and resource: the values of the
// condition keys the lab knows for it (aws:username, aws:PrincipalArn, aws:RequestedRegion, the
// resource's aws:ResourceTag/<key>, ...), and which keys it could know at all. A condition on a
// key the lab cannot know for the request is not guessed: it fails closed (an Allow grants
// nothing, a Deny denies).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faultbox::iam {

class RequestContext {
 public:
  // Keys compare case-insensitively, as IAM's do; tag keys after "aws:ResourceTag/" too here.
  void set(std::string_view key, std::string value);
  // Keys under `prefix` ("aws:ResourceTag/") are known for this request: one absent is absent,
  // not unknown.
  void know_prefix(std::string_view prefix);

  std::optional<std::string> value(std::string_view key) const;
  bool knows(std::string_view key) const;

 private:
  std::map<std::string, std::string> values_;  // lower-case key → value
  std::vector<std::string> prefixes_;          // lower-case
};

}  // namespace faultbox::iam
