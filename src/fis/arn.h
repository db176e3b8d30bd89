// ARN reading for template checks: arn:<partition>:<service>:<region>:<account>:<resource>.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace faultbox::fis {

struct Arn {
  std::string partition;
  std::string service;
  std::string region;   // empty for global services (iam)
  std::string account;  // empty for AWS-owned resources
  std::string resource;
};

// nullopt when `text` does not have the six colon-separated parts with "arn" first.
std::optional<Arn> parse_arn(std::string_view text);

// Whether `account` is twelve digits.
bool is_account_id(std::string_view account);

}  // namespace faultbox::fis
