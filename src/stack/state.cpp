// State v4 serialisation and instance bookkeeping.
#include "stack/state.h"

#include <algorithm>
#include <random>

#include "core/arn.h"

namespace faultbox::stack {
namespace {

constexpr const char* kProvider = "provider[\"registry.terraform.io/hashicorp/aws\"]";
constexpr const char* kTerraformVersion = "1.5.7";

}  // namespace

std::string new_lineage() {
  std::random_device rd;
  std::mt19937_64 gen(rd());
  const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) {
      out += '-';
    }
    out += hex[gen() % 16];
  }
  return out;
}

namespace {

// The cty type of a value in Terraform's JSON notation: "string", ["list","string"], ...
nlohmann::json cty_type(const expr::Value& v) {
  using expr::Kind;
  switch (v.kind()) {
    case Kind::Bool:
      return "bool";
    case Kind::Number:
      return "number";
    case Kind::String:
      return "string";
    case Kind::List:
    case Kind::Set:
    case Kind::Tuple: {
      auto types = nlohmann::json::array();
      for (const auto& e : v.elements()) {
        types.push_back(cty_type(e));
      }
      return nlohmann::json::array({"tuple", types});
    }
    case Kind::Map:
    case Kind::Object: {
      auto types = nlohmann::json::object();
      for (const auto& [k, e] : v.attributes()) {
        types[k] = cty_type(e);
      }
      return nlohmann::json::array({"object", types});
    }
    default:
      return "dynamic";
  }
}

Result<ResourceState> resource_from_json(const nlohmann::json& r) {
  if (!r.is_object() || !r.contains("type") || !r.contains("name") ||
      !r.value("instances", nlohmann::json::array()).is_array()) {
    return errors::validation("state: a resource needs type, name and instances");
  }
  ResourceState out{r["type"].get<std::string>(),
                    r["name"].get<std::string>(),
                    false,
                    {},
                    r.value("module", std::string())};
  for (const auto& i : r.value("instances", nlohmann::json::array())) {
    InstanceState instance;
    if (i.contains("index_key")) {
      instance.index = index_key_from_json(i["index_key"]);
      out.counted = is_keyed(instance.index);
    }
    instance.attributes = expr::from_json(i.value("attributes", nlohmann::json::object()));
    for (const auto& d : i.value("dependencies", nlohmann::json::array())) {
      instance.dependencies.push_back(d.get<std::string>());
    }
    out.instances.push_back(std::move(instance));
  }
  return out;
}

}  // namespace

ResourceState* State::find(const std::string& type, const std::string& name,
                           const std::string& module) {
  auto it = std::find_if(resources.begin(), resources.end(), [&](const ResourceState& r) {
    return r.type == type && r.name == name && r.module == module;
  });
  return it == resources.end() ? nullptr : &*it;
}

const ResourceState* State::find(const std::string& type, const std::string& name,
                                 const std::string& module) const {
  return const_cast<State*>(this)->find(type, name, module);
}

const InstanceState* State::find_instance(const std::string& address) const {
  for (const auto& r : resources) {
    for (const auto& i : r.instances) {
      if (instance_address(r.address(), i.index) == address) {
        return &i;
      }
    }
  }
  return nullptr;
}

void State::put_instance(const std::string& type, const std::string& name, bool counted,
                         InstanceState instance, const std::string& module) {
  ResourceState* r = find(type, name, module);
  if (r == nullptr) {
    resources.push_back({type, name, counted, {}, module});
    r = &resources.back();
  }
  r->counted = counted;
  auto same = [&](const InstanceState& i) { return i.index == instance.index; };
  auto it = std::find_if(r->instances.begin(), r->instances.end(), same);
  if (it != r->instances.end()) {
    *it = std::move(instance);
  } else {
    r->instances.push_back(std::move(instance));
  }
  std::sort(r->instances.begin(), r->instances.end(),
            [](const InstanceState& a, const InstanceState& b) { return a.index < b.index; });
}

void State::remove_instance(const std::string& address) {
  for (auto& r : resources) {
    std::erase_if(r.instances, [&](const InstanceState& i) {
      return instance_address(r.address(), i.index) == address;
    });
  }
  std::erase_if(resources, [](const ResourceState& r) { return r.instances.empty(); });
}

std::vector<std::string> State::instance_addresses() const {
  std::vector<std::string> out;
  for (const auto& r : resources) {
    for (const auto& i : r.instances) {
      out.push_back(instance_address(r.address(), i.index));
    }
  }
  return out;
}

nlohmann::json state_to_json(const State& state) {
  nlohmann::json out = {{"version", 4},
                        {"terraform_version", kTerraformVersion},
                        {"serial", state.serial},
                        {"lineage", state.lineage},
                        {"outputs", nlohmann::json::object()},
                        {"resources", nlohmann::json::array()},
                        {"check_results", nullptr}};
  for (const auto& [name, output] : state.outputs) {
    out["outputs"][name] = {{"value", expr::to_json(output.value)},
                            {"type", cty_type(output.value)}};
    if (output.sensitive) {
      out["outputs"][name]["sensitive"] = true;
    }
  }
  for (const auto& r : state.resources) {
    nlohmann::json resource = {{"mode", "managed"},
                               {"type", r.type},
                               {"name", r.name},
                               {"provider", kProvider},
                               {"instances", nlohmann::json::array()}};
    if (!r.module.empty()) {
      resource["module"] = r.module;
    }
    for (const auto& i : r.instances) {
      nlohmann::json instance = {{"schema_version", 0},
                                 {"attributes", expr::to_json(i.attributes)},
                                 {"sensitive_attributes", nlohmann::json::array()},
                                 {"dependencies", i.dependencies}};
      if (is_keyed(i.index)) {
        instance["index_key"] = index_key_json(i.index);
      }
      resource["instances"].push_back(std::move(instance));
    }
    out["resources"].push_back(std::move(resource));
  }
  return out;
}

Result<State> state_from_json(const nlohmann::json& json) try {
  if (!json.is_object() || json.value("version", 0) != 4) {
    return errors::validation("state: expected Terraform state version 4");
  }
  State state;
  state.serial = json.value("serial", 0);
  state.lineage = json.value("lineage", "");
  const nlohmann::json outputs = json.value("outputs", nlohmann::json::object());
  for (const auto& [name, output] : outputs.items()) {
    state.outputs[name] = {expr::from_json(output.value("value", nlohmann::json())),
                           output.value("sensitive", false)};
  }
  for (const auto& r : json.value("resources", nlohmann::json::array())) {
    if (r.value("mode", "managed") != "managed") {
      continue;
    }
    FAULTBOX_TRY(resource, resource_from_json(r));
    state.resources.push_back(std::move(resource));
  }
  return state;
} catch (const nlohmann::json::exception& e) {
  return errors::validation(std::string("state: malformed: ") + e.what());
}

std::string region_of_state(const expr::Value& attributes) {
  const expr::Value* text = attributes.is_mapping() ? attributes.find("arn") : nullptr;
  if (text == nullptr || !text->is_string()) {
    return "";
  }
  auto arn = parse_arn(text->as_string());
  return arn ? arn->region : "";
}

}  // namespace faultbox::stack
