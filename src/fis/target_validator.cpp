// Target checks: known resource type, how resources are identified (ARNs xor tags/filters, or
// type parameters), ARN form and scope, filters, selectionMode.
#include <algorithm>
#include <cctype>

#include "core/arn.h"
#include "fis/resource_types.h"
#include "fis/target_resolver.h"
#include "fis/template_validator.h"
#include "fis/wire.h"

namespace faultbox::fis {
namespace {

constexpr std::size_t kMaxResourceArns = 5;
constexpr std::size_t kMaxFilterPath = 256;
constexpr std::size_t kMaxFilterValue = 128;

// A dot-separated path of non-empty element names without white space ("State.Name").
bool valid_filter_path(const std::string& path) {
  if (path.empty() || path.size() > kMaxFilterPath || path.front() == '.' || path.back() == '.' ||
      path.find("..") != std::string::npos) {
    return false;
  }
  return std::none_of(path.begin(), path.end(),
                      [](unsigned char c) { return std::isspace(c) != 0; });
}

}  // namespace

Result<void> TemplateValidator::validate_targets(const ExperimentTemplate& t) const {
  for (const auto& [name, target] : t.targets) {
    FAULTBOX_TRY_VOID(validate_target(name, target));
  }
  return {};
}

Result<void> TemplateValidator::validate_target(const std::string& name,
                                                const TemplateTarget& target) const {
  const std::string where = "Target \"" + name + "\"";
  if (target.resource_type.empty()) {
    return errors::validation(where + ": missing resourceType");
  }
  const ResourceTypeInfo* type = find_resource_type(target.resource_type);
  if (type == nullptr) {
    return errors::validation(where + ": unknown resourceType \"" + target.resource_type +
                              "\" (for EC2 instances: aws:ec2:instance)");
  }
  if (target.selection_mode.empty()) {
    return errors::validation(where + ": missing selectionMode");
  }
  FAULTBOX_TRY_VOID(parse_selection_mode(target.selection_mode, name));
  for (const auto& [key, value] : target.parameters) {
    const auto& accepted = type->parameters;
    if (!type->any_parameters &&
        std::find(accepted.begin(), accepted.end(), key) == accepted.end()) {
      return errors::validation(where + ": resourceType " + target.resource_type +
                                " takes no target parameter \"" + key + "\"");
    }
  }
  const bool by_arns = !target.resource_arns.empty();
  const bool by_tags = !target.resource_tags.empty() || !target.filters.empty();
  if (by_arns && by_tags) {
    return errors::validation(where + ": resourceArns cannot be combined with resourceTags "
                                      "or filters");
  }
  if (!by_arns && !by_tags && target.parameters.empty()) {
    return errors::validation(where + ": specify resourceArns, resourceTags or filters");
  }
  if (target.resource_arns.size() > kMaxResourceArns) {
    return errors::validation(where + ": " + std::to_string(target.resource_arns.size()) +
                              " resourceArns given; at most 5 are allowed");
  }
  for (std::size_t i = 0; i < target.resource_arns.size(); ++i) {
    const std::string& text = target.resource_arns[i];
    const std::string what = where + ": resourceArns[" + std::to_string(i) + "] " + text;
    if (target.resource_type == wire::kEc2Instance ||
        target.resource_type == "aws:ec2:spot-instance") {
      auto arn = parse_arn(text);
      if (!arn || arn->resource.rfind("instance/i-", 0) != 0) {
        return errors::validation(what + " is not an EC2 instance ARN "
                                         "(arn:aws:ec2:<region>:<account>:instance/i-...)");
      }
      FAULTBOX_TRY_VOID(validate_arn_scope(what, text, "ec2", true));
    } else if (target.resource_type == wire::kLambdaFunction) {
      auto arn = parse_arn(text);
      if (!arn || arn->service != "lambda" || arn->resource.rfind("function:", 0) != 0) {
        return errors::validation(what + " is not a Lambda function ARN "
                                         "(arn:aws:lambda:<region>:<account>:function:<name>)");
      }
    } else if (!parse_arn(text)) {
      return errors::validation(what + " is not a valid ARN");
    }
  }
  for (std::size_t i = 0; i < target.filters.size(); ++i) {
    const TargetFilter& f = target.filters[i];
    const std::string what = where + ": filters[" + std::to_string(i) + "]";
    if (!valid_filter_path(f.path)) {
      return errors::validation(what + ": invalid path \"" + f.path +
                                "\"; expected dot-separated names such as State.Name");
    }
    if (f.values.empty()) {
      return errors::validation(what + " (" + f.path + "): values must list at least one value");
    }
    for (const auto& v : f.values) {
      if (v.size() > kMaxFilterValue) {
        return errors::validation(what + " (" + f.path + "): values are at most 128 characters");
      }
    }
  }
  return {};
}

}  // namespace faultbox::fis
