// The lab's answers to data sources. Ids are stable per region so plans stay unchanged.
#include "stack/data_sources.h"

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "core/arn.h"
#include "core/caller_rights.h"
#include "core/json_text.h"
#include "core/zone_ids.h"
#include "stack/archive_file.h"
#include "stack/state.h"

namespace faultbox::stack {
namespace {

using expr::Value;
using Handler = std::function<Result<Value>(const Value& config, const DataEnv& env)>;

Value strings(const std::vector<std::string>& items) {
  Value::Elements out;
  for (const auto& s : items) {
    out.push_back(Value::string(s));
  }
  return Value::list(std::move(out));
}

std::vector<std::string> zones(const std::string& region) {
  return {region + "a", region + "b", region + "c"};
}

// "eu-west-2" -> "euw2", as AWS's zone ids abbreviate regions.

// An AWS-shaped id ("vpc-" + 17 hex digits) derived from `seed`, the same every time.
std::string stable_id(const std::string& prefix, const std::string& seed) {
  static const char* kHex = "0123456789abcdef";
  size_t h = std::hash<std::string>{}(seed);
  std::string out = prefix + "-0";
  for (int i = 0; i < 16; ++i) {
    out += kHex[(h >> (4 * (i % 16))) & 0xf];
    if (i == 7) {
      h = std::hash<std::string>{}(seed + "#");
    }
  }
  return out;
}

std::string default_vpc(const DataEnv& env) {
  return stable_id("vpc", "default-vpc/" + env.region);
}

Value string_or_list(const Value* v) {
  if (v == nullptr || v->is_null()) {
    return Value::null();
  }
  if (v->is_sequence() && v->elements().size() == 1) {
    return v->elements()[0];
  }
  return *v;
}

// IAM's JSON for aws_iam_policy_document's statement blocks.
Result<Value> policy_document(const Value& config, const DataEnv&) {
  nlohmann::json statements = nlohmann::json::array();
  const Value* blocks = config.find("statement");
  std::vector<Value> list;
  if (blocks != nullptr && blocks->is_sequence()) {
    list = blocks->elements();
  } else if (blocks != nullptr && blocks->is_mapping()) {
    list.push_back(*blocks);
  }
  for (const auto& s : list) {
    nlohmann::json out = nlohmann::json::object();
    if (const auto* sid = s.find("sid"); sid != nullptr && sid->is_string()) {
      out["Sid"] = sid->as_string();
    }
    const auto* effect = s.find("effect");
    out["Effect"] = effect != nullptr && effect->is_string() ? effect->as_string() : "Allow";
    for (const auto& [attr, key] :
         std::vector<std::pair<std::string, std::string>>{{"actions", "Action"},
                                                          {"not_actions", "NotAction"},
                                                          {"resources", "Resource"},
                                                          {"not_resources", "NotResource"}}) {
      Value v = string_or_list(s.find(attr));
      if (!v.is_null()) {
        out[key] = expr::to_json(v);
      }
    }
    for (const auto& [attr, key] : std::vector<std::pair<std::string, std::string>>{
             {"principals", "Principal"}, {"not_principals", "NotPrincipal"}}) {
      const auto* principals = s.find(attr);
      if (principals == nullptr || !principals->is_sequence()) {
        continue;
      }
      nlohmann::json p = nlohmann::json::object();
      for (const auto& one : principals->elements()) {
        const auto* type = one.find("type");
        if (type != nullptr && type->is_string()) {
          p[type->as_string()] = expr::to_json(string_or_list(one.find("identifiers")));
        }
      }
      out[key] = p;
    }
    if (const auto* conditions = s.find("condition");
        conditions != nullptr && conditions->is_sequence()) {
      nlohmann::json c = nlohmann::json::object();
      for (const auto& one : conditions->elements()) {
        const auto* test = one.find("test");
        const auto* variable = one.find("variable");
        if (test != nullptr && variable != nullptr && test->is_string() && variable->is_string()) {
          c[test->as_string()][variable->as_string()] =
              expr::to_json(string_or_list(one.find("values")));
        }
      }
      out["Condition"] = c;
    }
    statements.push_back(std::move(out));
  }
  nlohmann::json doc = {{"Version", "2012-10-17"}, {"Statement", statements}};
  if (const auto* version = config.find("version"); version != nullptr && version->is_string()) {
    doc["Version"] = version->as_string();
  }
  std::string pretty = json_text(doc, 2);
  std::string minified = json_text(doc);
  return Value::object({{"id", Value::string(std::to_string(std::hash<std::string>{}(minified)))},
                        {"json", Value::string(pretty)},
                        {"minified_json", Value::string(minified)}});
}

// The outputs of another stack's state file (backend "local").
Result<Value> remote_state(const Value& config, const DataEnv& env) {
  const auto* backend = config.find("backend");
  if (backend == nullptr || !backend->is_string() || backend->as_string() != "local") {
    return errors::validation("backend must be \"local\" (the lab reads state files only)");
  }
  const auto* settings = config.find("config");
  const auto* path =
      settings != nullptr && settings->is_mapping() ? settings->find("path") : nullptr;
  std::string relative =
      path != nullptr && path->is_string() ? path->as_string() : "terraform.tfstate";
  std::filesystem::path file = std::filesystem::path(relative).is_absolute()
                                   ? std::filesystem::path(relative)
                                   : std::filesystem::path(env.root_directory) / relative;
  file = file.lexically_normal();
  FAULTBOX_TRY(text, read_file_if_any_as_caller(file, "terraform_remote_state"));
  if (!text) {
    return errors::validation("no state file at " + file.string() +
                              " (apply that stack first, with backend \"local\" there)");
  }
  auto json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded()) {
    return errors::validation("the state file " + file.string() + " is not JSON");
  }
  FAULTBOX_TRY(state, state_from_json(json));
  Value::Attributes outputs;
  if (const auto* defaults = config.find("defaults");
      defaults != nullptr && defaults->is_mapping()) {
    outputs = defaults->attributes();
  }
  for (const auto& [name, output] : state.outputs) {
    outputs[name] = output.value;
  }
  Value::Attributes out = config.attributes();
  out["outputs"] = Value::object(std::move(outputs));
  return Value::object(std::move(out));
}

const std::map<std::string, Handler>& handlers() {
  static const std::map<std::string, Handler> kHandlers = {
      {"aws_availability_zones",
       [](const Value&, const DataEnv& env) -> Result<Value> {
         Value::Elements ids;
         for (int i = 1; i <= 3; ++i) {
           ids.push_back(Value::string(zone_id(env.region + static_cast<char>('a' + i - 1))));
         }
         return Value::object({{"id", Value::string(env.region)},
                               {"names", strings(zones(env.region))},
                               {"zone_ids", Value::list(std::move(ids))},
                               {"group_names", strings({env.region})}});
       }},
      {"aws_caller_identity",
       [](const Value&, const DataEnv& env) -> Result<Value> {
         return Value::object(
             {{"id", Value::string(env.account_id)},
              {"account_id", Value::string(env.account_id)},
              // The lab's plain keys are the account's root, as sts get-caller-identity says.
              {"arn", Value::string(arn::account_root(env.account_id))},
              {"user_id", Value::string(env.account_id)}});
       }},
      {"aws_region",
       [](const Value&, const DataEnv& env) -> Result<Value> {
         return Value::object(
             {{"id", Value::string(env.region)},
              {"name", Value::string(env.region)},
              {"region", Value::string(env.region)},
              {"description", Value::string("faultbox lab " + env.region)},
              {"endpoint", Value::string("ec2." + env.region + ".amazonaws.com")}});
       }},
      {"aws_partition",
       [](const Value&, const DataEnv&) -> Result<Value> {
         return Value::object({{"id", Value::string("aws")},
                               {"partition", Value::string("aws")},
                               {"dns_suffix", Value::string("amazonaws.com")},
                               {"reverse_dns_prefix", Value::string("com.amazonaws")}});
       }},
      {"aws_ami",
       // Whatever the filters ask for, the lab has one image: the built-in web server, which
       // runs user data when an instance has some.
       [](const Value& config, const DataEnv& env) -> Result<Value> {
         Value::Attributes out = config.attributes();
         out["id"] = Value::string(env.image_id);
         out["image_id"] = Value::string(env.image_id);
         out["name"] = Value::string("faultbox-web-al2023-x86_64");
         out["architecture"] = Value::string("x86_64");
         out["arn"] = Value::string(arn::image(env.region, env.image_id));
         out["root_device_name"] = Value::string("/dev/xvda");
         out["virtualization_type"] = Value::string("hvm");
         out["owner_id"] = Value::string(env.account_id);
         return Value::object(std::move(out));
       }},
      {"aws_vpc",
       [](const Value& config, const DataEnv& env) -> Result<Value> {
         Value::Attributes out = config.attributes();
         std::string id = default_vpc(env);
         out["id"] = Value::string(id);
         out["arn"] = Value::string(arn::ec2(env.region, env.account_id, "vpc", id));
         out["cidr_block"] = Value::string("172.31.0.0/16");
         out["default"] = Value::boolean(true);
         out["owner_id"] = Value::string(env.account_id);
         return Value::object(std::move(out));
       }},
      {"aws_subnets",
       [](const Value& config, const DataEnv& env) -> Result<Value> {
         Value::Attributes out = config.attributes();
         std::vector<std::string> ids;
         for (const auto& zone : zones(env.region)) {
           ids.push_back(stable_id("subnet", "default-subnet/" + zone));
         }
         out["id"] = Value::string(env.region);
         out["ids"] = strings(ids);
         return Value::object(std::move(out));
       }},
      {"aws_iam_policy_document", policy_document},
      {"terraform_remote_state", remote_state},
      {"archive_file", archive_file},
  };
  return kHandlers;
}

}  // namespace

const std::vector<std::string>& data_source_types() {
  static const std::vector<std::string> kTypes = [] {
    std::vector<std::string> out;
    for (const auto& [type, handler] : handlers()) {
      out.push_back(type);
    }
    return out;
  }();
  return kTypes;
}

Result<expr::Value> read_data_source(const std::string& type, const expr::Value& config,
                                     const DataEnv& env) {
  auto it = handlers().find(type);
  if (it == handlers().end()) {
    std::string known;
    for (const auto& t : data_source_types()) {
      known += (known.empty() ? "" : ", ") + t;
    }
    return errors::validation("data source type \"" + type + "\" is not supported by the lab (" +
                              known + ")");
  }
  if (!config.is_wholly_known()) {
    return expr::Value::unknown();
  }
  return it->second(config.is_mapping() ? config : expr::Value::object({}), env);
}

}  // namespace faultbox::stack
