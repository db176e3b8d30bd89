// Target resolution at experiment start: candidates by ARNs or tags, narrowed by filters, then
// picked by selectionMode with the experiment's seeded generator (so a seed replays a run).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/result.h"
#include "fis/action.h"
#include "fis/experiment_template.h"
#include "fis/resource_directory.h"

namespace faultbox::fis {

struct SelectionMode {
  enum class Kind { All, Count, Percent };
  Kind kind = Kind::All;
  int n = 0;
};

// "ALL", "COUNT(n)" with n ≥ 1, "PERCENT(n)" with 1 ≤ n ≤ 100 (uppercase, no spaces).
// Errors: ValidationException naming the target and the value.
Result<SelectionMode> parse_selection_mode(const std::string& text, const std::string& target_name);

struct ResolvedTarget {
  std::string target_name;
  std::string resource_type;
  std::vector<ResolvedResource> resources;
  bool by_arns = false;
};

class TargetResolver {
 public:
  explicit TargetResolver(const ResourceDirectory& directory) : directory_(directory) {}

  // Resolves one target. Resource types the lab does not model resolve to nothing.
  // Errors: ValidationException for an ARN that names no resource (FIS fails the experiment
  // for a missing ARN even when empty targets are skipped) or a bad selectionMode.
  Result<ResolvedTarget> resolve(const std::string& name, const TemplateTarget& target,
                                 std::mt19937_64& rng) const;

 private:
  std::vector<ResolvedResource> candidates(const TemplateTarget& target) const;

  const ResourceDirectory& directory_;
};

// Whether the lab resolves targets of this resource type (others resolve to no resources).
bool resolves_resource_type(std::string_view type);

// The DescribeInstances-shaped JSON of an instance, which filter paths walk.
nlohmann::json describe_instance(const Ec2InstanceInfo& instance);

// Whether `path` ("State.Name") in `doc` holds one of `values`; lists along the path expand.
bool filter_matches(const nlohmann::json& doc, const TargetFilter& filter);

}  // namespace faultbox::fis
