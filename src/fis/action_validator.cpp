// Action-level template checks: action ids, parameters, target keys and types, startAfter.
#include <algorithm>
#include <charconv>
#include <functional>

#include "core/iso8601.h"
#include "fis/template_validator.h"

namespace faultbox::fis {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    out += (out.empty() ? "" : ", ") + s;
  }
  return out;
}

std::string keys_of(const std::map<std::string, std::string>& m) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : m) {
    keys.push_back(k);
  }
  return keys.empty() ? "none" : join(keys);
}

}  // namespace

Result<void> TemplateValidator::validate_action(const ExperimentTemplate& t,
                                                const std::string& name,
                                                const TemplateAction& a) const {
  if (a.action_id.empty()) {
    return errors::validation("Action \"" + name + "\": missing actionId");
  }
  const ActionSpec* spec = actions_.find(a.action_id);
  if (spec == nullptr) {
    return errors::validation("Action \"" + name + "\": unknown actionId \"" + a.action_id +
                              "\"; supported actions: " + join(actions_.ids()));
  }
  FAULTBOX_TRY_VOID(validate_parameters(name, a, *spec));
  return validate_action_targets(t, name, a, *spec);
}

Result<void> TemplateValidator::validate_parameters(const std::string& name,
                                                    const TemplateAction& a,
                                                    const ActionSpec& spec) const {
  const std::string where = "Action \"" + name + "\" (" + spec.id + ")";
  for (const auto& [key, value] : a.parameters) {
    if (value.empty() || value.size() > 1024) {
      return errors::validation(where + ": parameter " + key +
                                " must be 1 to 1024 characters long");
    }
    const ActionParameterSpec* p = spec.parameter(key);
    if (p == nullptr) {
      std::vector<std::string> known;
      for (const auto& s : spec.parameters) {
        known.push_back(s.name);
      }
      return errors::validation(where + ": unknown parameter \"" + key +
                                "\"; accepted: " + (known.empty() ? "none" : join(known)));
    }
    if (p->type == ParamType::Boolean && value != "true" && value != "false") {
      return errors::validation(where + ": parameter " + key +
                                " must be \"true\" or \"false\", "
                                "not \"" +
                                value + "\"");
    }
    if (p->type == ParamType::Integer) {
      long n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size()) {
        return errors::validation(where + ": parameter " + key + " must be a whole number, not \"" +
                                  value + "\"");
      }
      if ((p->min_value && n < *p->min_value) || (p->max_value && n > *p->max_value)) {
        return errors::validation(where + ": parameter " + key + " " + value +
                                  " is out of range (" + std::to_string(p->min_value.value_or(0)) +
                                  " to " + std::to_string(p->max_value.value_or(0)) + ")");
      }
    }
    if (p->type == ParamType::IsoDuration) {
      auto d = parse_iso_duration(value);
      if (!d) {
        return errors::validation(where + ": parameter " + key + ": " + d.error().message);
      }
      if ((p->min && *d < *p->min) || (p->max && *d > *p->max)) {
        return errors::validation(where + ": parameter " + key + " \"" + value +
                                  "\" is out of range (" +
                                  format_iso_duration(p->min.value_or(Duration(0))) + " to " +
                                  format_iso_duration(p->max.value_or(Duration(0))) + ")");
      }
    }
  }
  for (const auto& p : spec.parameters) {
    if (p.required && a.parameters.count(p.name) == 0) {
      return errors::validation(where + ": missing required parameter \"" + p.name + "\"");
    }
  }
  // What only the action knows (a list's items, a state's spelling): building it checks them,
  // so a template that could not run is refused when it is made, not when it runs.
  if (spec.make) {
    if (auto built = spec.make(a.parameters); !built) {
      return errors::validation(where + ": " + built.error().message);
    }
  }
  return {};
}

Result<void> TemplateValidator::validate_action_targets(const ExperimentTemplate& t,
                                                        const std::string& name,
                                                        const TemplateAction& a,
                                                        const ActionSpec& spec) const {
  const std::string where = "Action \"" + name + "\" (" + spec.id + ")";
  for (const auto& [key, target_name] : a.targets) {
    auto expected = spec.targets.find(key);
    if (expected == spec.targets.end()) {
      return errors::validation(where + ": target key \"" + key + "\" is not valid; expected " +
                                keys_of(spec.targets));
    }
    auto target = t.targets.find(target_name);
    if (target == t.targets.end()) {
      return errors::validation(where + ": target \"" + target_name +
                                "\" is not defined in "
                                "targets");
    }
    if (target->second.resource_type != expected->second) {
      return errors::validation(where + ": target \"" + target_name + "\" has resourceType " +
                                target->second.resource_type + ", but " + key + " needs " +
                                expected->second);
    }
  }
  for (const auto& [key, type] : spec.targets) {
    if (a.targets.count(key) == 0) {
      return errors::validation(where + ": missing target for key \"" + key + "\" (" + type + ")");
    }
  }
  return {};
}

Result<void> TemplateValidator::validate_order(const ExperimentTemplate& t) const {
  for (const auto& [name, a] : t.actions) {
    for (const auto& before : a.start_after) {
      if (before == name) {
        return errors::validation("Action \"" + name + "\": startAfter names the action itself");
      }
      if (t.actions.count(before) == 0) {
        return errors::validation("Action \"" + name + "\": startAfter names unknown action \"" +
                                  before + "\"");
      }
    }
  }
  // Depth-first search; a node met again while on the stack closes a cycle.
  enum class Mark { None, Active, Done };
  std::map<std::string, Mark> marks;
  std::vector<std::string> path;
  std::function<bool(const std::string&)> visit = [&](const std::string& name) {
    Mark& m = marks[name];
    if (m == Mark::Done) {
      return false;
    }
    if (m == Mark::Active) {
      path.push_back(name);
      return true;
    }
    m = Mark::Active;
    path.push_back(name);
    for (const auto& before : t.actions.at(name).start_after) {
      if (visit(before)) {
        return true;
      }
    }
    path.pop_back();
    marks[name] = Mark::Done;
    return false;
  };
  for (const auto& [name, a] : t.actions) {
    if (visit(name)) {
      // The path may start before the cycle does; report from its first repeated node.
      auto first = std::find(path.begin(), path.end(), path.back());
      std::string cycle;
      for (auto it = first; it != path.end(); ++it) {
        cycle += (cycle.empty() ? "" : " -> ") + *it;
      }
      return errors::validation("startAfter forms a cycle: " + cycle);
    }
  }
  return {};
}

}  // namespace faultbox::fis
