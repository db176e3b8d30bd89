// Terraform-like text for plans, applies and outputs.
#include "stack/render.h"

#include <nlohmann/json.hpp>

#include "core/json_text.h"

namespace faultbox::stack {
namespace {

std::string pad(int n) { return std::string(static_cast<size_t>(n), ' '); }

size_t key_width(const expr::Value::Attributes& attributes) {
  size_t width = 0;
  for (const auto& [key, value] : attributes) {
    width = std::max(width, key.size());
  }
  return width;
}

std::string aligned(const std::string& key, size_t width) {
  return key + std::string(width - key.size(), ' ');
}

const char* symbol(Action action) {
  switch (action) {
    case Action::Create:
      return "+";
    case Action::Update:
      return "~";
    case Action::Delete:
      return "-";
    default:
      return " ";
  }
}

const char* verb(Action action) {
  switch (action) {
    case Action::Create:
      return "will be created";
    case Action::Update:
      return "will be updated in-place";
    case Action::Delete:
      return "will be destroyed";
    default:
      return "";
  }
}

struct Row {
  const char* symbol;
  std::string key;
  std::string text;
};

// Attribute lines inside a resource block: all of them for create/delete, changed ones for
// update ("~ key = old -> new"), aligned on the shown keys.
std::string attribute_lines(const ResourcePlan& p) {
  const expr::Value& shown = p.action == Action::Delete ? p.before : p.after;
  if (!shown.is_mapping()) {
    return "";
  }
  std::vector<Row> rows;
  int hidden = 0;
  for (const auto& [key, value] : shown.attributes()) {
    const expr::Value* old = p.before.is_mapping() ? p.before.find(key) : nullptr;
    if (p.action != Action::Update) {
      rows.push_back({symbol(p.action), key, render_value(value, 8)});
    } else if (old == nullptr) {
      rows.push_back({"+", key, render_value(value, 8)});
    } else if (!(*old == value) || !value.is_wholly_known()) {
      rows.push_back({"~", key, render_value(*old, 8) + " -> " + render_value(value, 8)});
    } else {
      ++hidden;
    }
  }
  size_t width = 0;
  for (const auto& row : rows) {
    width = std::max(width, row.key.size());
  }
  std::string out;
  for (const auto& row : rows) {
    out += pad(6) + row.symbol + " " + aligned(row.key, width) + " = " + row.text + "\n";
  }
  if (hidden > 0) {
    out += pad(8) + "# (" + std::to_string(hidden) + " unchanged attributes hidden)\n";
  }
  return out;
}

std::string ignored_line(const ResourcePlan& p) {
  if (p.ignored.empty()) {
    return "";
  }
  std::string names;
  for (const auto& name : p.ignored) {
    names += (names.empty() ? "" : ", ") + name;
  }
  return pad(8) + "# not modelled by the lab (ignored): " + names + "\n";
}

std::string output_changes(const Plan& plan) {
  std::string out;
  for (const auto& [name, output] : plan.outputs) {
    if (output.change != Action::NoOp) {
      out += pad(2) + symbol(output.change) + " " + name + " = " +
             (output.sensitive ? "(sensitive value)" : render_value(output.value, 4)) + "\n";
    }
  }
  for (const auto& name : plan.removed_outputs) {
    out += pad(2) + "- " + name + " = null\n";
  }
  return out.empty() ? "" : "\nChanges to Outputs:\n" + out;
}

}  // namespace

std::string render_value(const expr::Value& value, int indent) {
  if (value.is_unknown()) {
    return "(known after apply)";
  }
  if (value.is_string()) {
    return json_text(nlohmann::json(value.as_string()));
  }
  if (value.is_number()) {
    return expr::format_number(value.as_number());
  }
  if (value.is_bool()) {
    return value.as_bool() ? "true" : "false";
  }
  if (value.is_sequence()) {
    if (value.elements().empty()) {
      return "[]";
    }
    std::string out = "[\n";
    for (const auto& e : value.elements()) {
      out += pad(indent + 4) + render_value(e, indent + 4) + ",\n";
    }
    return out + pad(indent) + "]";
  }
  if (value.is_mapping()) {
    if (value.attributes().empty()) {
      return "{}";
    }
    std::string out = "{\n";
    size_t width = key_width(value.attributes());
    for (const auto& [key, item] : value.attributes()) {
      out += pad(indent + 4) + aligned(key, width) + " = " + render_value(item, indent + 4) + "\n";
    }
    return out + pad(indent) + "}";
  }
  return "null";
}

// Terraform's note after a refresh found resources gone.
std::string changed_outside(const Plan& plan) {
  if (plan.deleted_outside.empty()) {
    return "";
  }
  std::string out = "Note: Objects have changed outside of faultbox\n\n";
  for (const auto& address : plan.deleted_outside) {
    out += "  # " + address + " has been deleted\n";
  }
  return out + "\n";
}

// What a cut-short apply left: resources made, but missing from the state file.
std::string cut_short(const Plan& plan) {
  if (plan.created_unrecorded.empty()) {
    return "";
  }
  std::string out =
      "Note: the last apply of this stack was cut short (the lab stopped before the state file "
      "was written)\n\n";
  for (const auto& address : plan.created_unrecorded) {
    out += "  # " + address + " was created then; this apply takes it back\n";
  }
  return out + "\n";
}

std::string render_plan(const Plan& plan) {
  if (!plan.has_changes()) {
    return "No changes. Your infrastructure matches the configuration.\n" + output_changes(plan);
  }
  std::string out =
      cut_short(plan) + changed_outside(plan) + "Terraform will perform the following actions:\n";
  for (const auto& p : plan.resources) {
    if (p.action == Action::NoOp) {
      continue;
    }
    out += "\n  # " + p.address + " " + verb(p.action) + "\n";
    out += pad(2) + symbol(p.action) + " resource \"" + p.type + "\" \"" + p.name + "\" {\n";
    out += ignored_line(p) + attribute_lines(p) + pad(4) + "}\n";
  }
  out += "\nPlan: " + std::to_string(plan.count(Action::Create)) + " to add, " +
         std::to_string(plan.count(Action::Update)) + " to change, " +
         std::to_string(plan.count(Action::Delete)) + " to destroy.\n";
  return out + output_changes(plan);
}

std::string render_outputs(const std::map<std::string, PlannedOutput>& outputs) {
  std::string out;
  for (const auto& [name, output] : outputs) {
    out += name + " = " + (output.sensitive ? "<sensitive>" : render_value(output.value)) + "\n";
  }
  return out;
}

std::string render_apply(const ApplyResult& result) {
  std::string out;
  for (const auto& line : result.log) {
    out += line + "\n";
  }
  out += "\nApply complete! Resources: " + std::to_string(result.added) + " added, " +
         std::to_string(result.changed) + " changed, " + std::to_string(result.destroyed) +
         " destroyed.\n";
  if (!result.outputs.empty()) {
    out += "\nOutputs:\n\n" + render_outputs(result.outputs);
  }
  return out;
}

std::string render_destroy(const ApplyResult& result) {
  std::string out;
  for (const auto& line : result.log) {
    out += line + "\n";
  }
  return out + "\nDestroy complete! Resources: " + std::to_string(result.destroyed) +
         " destroyed.\n";
}

}  // namespace faultbox::stack
