// Target resolution: identify candidates, apply filters, select (ALL / COUNT / PERCENT).
#include "fis/target_resolver.h"

#include <algorithm>
#include <regex>

#include "core/json_text.h"
#include "fis/wire.h"

namespace faultbox::fis {
namespace {

using nlohmann::json;

void collect(const json& node, const std::vector<std::string>& parts, std::size_t i,
             std::vector<std::string>& out) {
  if (node.is_array()) {
    for (const auto& element : node) {
      collect(element, parts, i, out);
    }
    return;
  }
  if (i == parts.size()) {
    if (node.is_string()) {
      out.push_back(node.get<std::string>());
    } else if (!node.is_null() && !node.is_object()) {
      out.push_back(json_text(node));  // numbers and booleans compare as text
    }
    return;
  }
  if (node.is_object()) {
    if (auto it = node.find(parts[i]); it != node.end()) {
      collect(*it, parts, i + 1, out);
    }
  }
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t dot = path.find('.', start);
    if (dot == std::string::npos) {
      dot = path.size();
    }
    parts.push_back(path.substr(start, dot - start));
    start = dot + 1;
  }
  return parts;
}

std::size_t selected_count(const SelectionMode& mode, std::size_t available) {
  switch (mode.kind) {
    case SelectionMode::Kind::All:
      return available;
    case SelectionMode::Kind::Count:
      // Fewer candidates than asked for: take them all (lab decision, fis-spec OPEN 3).
      return std::min<std::size_t>(available, static_cast<std::size_t>(mode.n));
    case SelectionMode::Kind::Percent:
      return available * static_cast<std::size_t>(mode.n) / 100;  // rounds down, as FIS does
  }
  return available;
}

}  // namespace

Result<SelectionMode> parse_selection_mode(const std::string& text,
                                           const std::string& target_name) {
  static const std::regex kPattern(R"(^(ALL|COUNT\((\d{1,9})\)|PERCENT\((\d{1,9})\))$)");
  std::smatch m;
  auto bad = [&](std::string_view why) {
    return errors::validation("Invalid selectionMode \"" + text + "\" for target \"" + target_name +
                              "\": " + std::string(why));
  };
  if (!std::regex_match(text, m, kPattern)) {
    return bad("expected ALL, COUNT(n) or PERCENT(n)");
  }
  if (m[1] == "ALL") {
    return SelectionMode{SelectionMode::Kind::All, 0};
  }
  if (m[2].matched) {
    const int n = std::stoi(m[2].str());
    if (n < 1) {
      return bad("COUNT(n) needs n >= 1");
    }
    return SelectionMode{SelectionMode::Kind::Count, n};
  }
  const int n = std::stoi(m[3].str());
  if (n < 1 || n > 100) {
    return bad("PERCENT(n) needs 1 <= n <= 100");
  }
  return SelectionMode{SelectionMode::Kind::Percent, n};
}

json describe_instance(const Ec2InstanceInfo& i) {
  json tags = json::array();
  for (const auto& [k, v] : i.tags) {
    tags.push_back({{"Key", k}, {"Value", v}});
  }
  return {{"InstanceId", i.id},
          {"InstanceType", i.instance_type},
          {"ImageId", i.image_id},
          {"SubnetId", i.subnet_id},
          {"VpcId", i.vpc_id},
          {"State", {{"Name", i.state}}},
          {"Placement", {{"AvailabilityZone", i.availability_zone}}},
          {"InstanceLifecycle", i.spot ? "spot" : "on-demand"},
          {"Tags", std::move(tags)}};
}

bool filter_matches(const json& doc, const TargetFilter& filter) {
  std::vector<std::string> found;
  collect(doc, split_path(filter.path), 0, found);
  for (const auto& value : found) {
    if (std::find(filter.values.begin(), filter.values.end(), value) != filter.values.end()) {
      return true;
    }
  }
  return false;
}

namespace {

// The resources of each type the lab resolves, one line per type; other types resolve to none.
using TargetSource = std::vector<TargetableResource> (*)(const ResourceDirectory&);
const std::map<std::string_view, TargetSource>& target_sources() {
  static const std::map<std::string_view, TargetSource> kSources = {
      {wire::kEc2Instance,
       [](const ResourceDirectory& d) {
         std::vector<TargetableResource> out;
         for (const auto& i : d.ec2_instances()) {
           out.push_back({i.arn, i.id, i.tags, describe_instance(i)});
         }
         return out;
       }},
      {wire::kSpotInstance,
       [](const ResourceDirectory& d) {
         std::vector<TargetableResource> out;
         for (const auto& i : d.ec2_instances()) {
           if (i.spot) {
             out.push_back({i.arn, i.id, i.tags, describe_instance(i)});
           }
         }
         return out;
       }},
      {wire::kLambdaFunction, [](const ResourceDirectory& d) { return d.lambda_functions(); }},
      {wire::kAutoScalingGroup, [](const ResourceDirectory& d) { return d.autoscaling_groups(); }},
      {wire::kIamRole, [](const ResourceDirectory& d) { return d.iam_roles(); }},
      {wire::kEc2Subnet, [](const ResourceDirectory& d) { return d.ec2_subnets(); }},
  };
  return kSources;
}

// Target parameters that select resources, per type: each names the description fields one
// of which must equal the parameter's value (a zone by name or by id).
bool parameters_match(std::string_view type, const StringMap& parameters,
                      const nlohmann::json& description) {
  static const std::map<std::string_view, std::map<std::string, std::vector<std::string>>>
      kSelecting = {{wire::kEc2Subnet,
                     {{"availabilityZoneIdentifier", {"AvailabilityZone", "AvailabilityZoneId"}},
                      {"vpc", {"VpcId"}}}}};
  auto fields = kSelecting.find(type);
  if (fields == kSelecting.end()) return true;
  for (const auto& [name, value] : parameters) {
    auto names = fields->second.find(name);
    if (names == fields->second.end()) continue;
    const std::string& wanted = value;  // clang 14 cannot capture a structured binding
    const bool any = std::any_of(names->second.begin(), names->second.end(), [&](const auto& f) {
      auto it = description.find(f);
      return it != description.end() && it->is_string() &&
             it->template get<std::string>() == wanted;
    });
    if (!any) return false;
  }
  return true;
}

}  // namespace

bool resolves_resource_type(std::string_view type) { return target_sources().count(type) != 0; }

std::vector<ResolvedResource> TargetResolver::candidates(const TemplateTarget& target) const {
  std::vector<ResolvedResource> out;
  auto source = target_sources().find(target.resource_type);
  if (source == target_sources().end()) {
    return out;
  }
  for (const auto& resource : source->second(directory_)) {
    const bool by_arn = !target.resource_arns.empty();
    if (by_arn && std::find(target.resource_arns.begin(), target.resource_arns.end(),
                            resource.arn) == target.resource_arns.end()) {
      continue;
    }
    const bool tags_match =
        std::all_of(target.resource_tags.begin(), target.resource_tags.end(), [&](const auto& tag) {
          auto it = resource.tags.find(tag.first);
          return it != resource.tags.end() && it->second == tag.second;
        });
    if (!tags_match) {
      continue;
    }
    if (!std::all_of(target.filters.begin(), target.filters.end(), [&](const TargetFilter& f) {
          return filter_matches(resource.description, f);
        })) {
      continue;
    }
    if (!parameters_match(target.resource_type, target.parameters, resource.description)) {
      continue;
    }
    out.push_back({target.resource_type, resource.arn, resource.id});
  }
  return out;
}

Result<ResolvedTarget> TargetResolver::resolve(const std::string& name,
                                               const TemplateTarget& target,
                                               std::mt19937_64& rng) const {
  FAULTBOX_TRY(mode, parse_selection_mode(target.selection_mode, name));
  ResolvedTarget resolved{name, target.resource_type, candidates(target),
                          !target.resource_arns.empty()};
  if (resolved.by_arns && resolves_resource_type(target.resource_type)) {
    for (const auto& arn : target.resource_arns) {
      auto& rs = resolved.resources;
      if (std::none_of(rs.begin(), rs.end(), [&](const auto& r) { return r.arn == arn; })) {
        return errors::validation("Target \"" + name + "\": resource " + arn + " not found");
      }
    }
  }
  // Sorting first makes the pick depend only on the seed and the candidate set.
  auto& rs = resolved.resources;
  std::sort(rs.begin(), rs.end(), [](const auto& a, const auto& b) { return a.arn < b.arn; });
  const std::size_t keep = selected_count(mode, rs.size());
  for (std::size_t i = 0; i < keep; ++i) {
    std::uniform_int_distribution<std::size_t> pick(i, rs.size() - 1);
    std::swap(rs[i], rs[pick(rng)]);
  }
  rs.resize(keep);
  return resolved;
}

}  // namespace faultbox::fis
