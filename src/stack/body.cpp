// JSON values to bodies of expressions; lookups on the configuration model.
#include "stack/config.h"
#include "stack/config_reader.h"

namespace faultbox::stack {
namespace {

void collect(const Body& body, std::vector<const expr::Expression*>& out) {
  switch (body.kind) {
    case Body::Kind::Leaf: out.push_back(&body.leaf); break;
    case Body::Kind::Object:
      for (const auto& [key, child] : body.attributes) {
        collect(child, out);
      }
      break;
    case Body::Kind::Array:
      for (const auto& child : body.items) {
        collect(child, out);
      }
      break;
  }
}

// Callers pass a block's `where` ending in ": " ("main.tf.json: resource aws_elb.this: "), so
// attribute paths read "health_check.target" after it.
std::string child_where(const std::string& where, const std::string& key) {
  bool at_block = where.size() >= 2 && where.compare(where.size() - 2, 2, ": ") == 0;
  return where + (at_block ? "" : ".") + key;
}

}  // namespace

const Body* Body::find(std::string_view key) const {
  for (const auto& [name, child] : attributes) {
    if (name == key) {
      return &child;
    }
  }
  return nullptr;
}

std::vector<const expr::Expression*> Body::expressions() const {
  std::vector<const expr::Expression*> out;
  collect(*this, out);
  return out;
}

const VariableBlock* Config::find_variable(std::string_view name) const {
  return find_variable("", name);
}

const VariableBlock* Config::find_variable(std::string_view module, std::string_view name) const {
  for (const auto& v : variables) {
    if (v.module == module && v.name == name) {
      return &v;
    }
  }
  return nullptr;
}

const ResourceBlock* Config::find_resource(std::string_view type, std::string_view name) const {
  for (const auto& r : resources) {
    if (r.module.empty() && !r.data && r.type == type && r.name == name) {
      return &r;
    }
  }
  return nullptr;
}

const ModuleCall* Config::find_module(std::string_view path) const {
  for (const auto& m : modules) {
    if (m.path() == path) {
      return &m;
    }
  }
  return nullptr;
}

Result<void> for_each_entry(const nlohmann::json& json, const std::string& where,
                            const EntryFn& fn) {
  if (json.is_array()) {
    for (const auto& item : json) {
      FAULTBOX_TRY_VOID(for_each_entry(item, where, fn));
    }
    return {};
  }
  if (!json.is_object()) {
    return errors::validation(where + ": expected an object, got " + json.type_name());
  }
  for (const auto& [key, value] : json.items()) {
    if (key != "//") {
      FAULTBOX_TRY_VOID(fn(key, value));
    }
  }
  return {};
}

Result<expr::Expression> read_expression(const nlohmann::json& json, const std::string& where) {
  expr::SourcePos pos{where, 1, 1};
  if (json.is_string()) {
    return expr::parse_template(json.get<std::string>(), pos);
  }
  return expr::Expression(expr::make_node(pos, expr::LiteralNode{expr::from_json(json)}));
}

Result<Body> read_body(const nlohmann::json& json, const std::string& where) {
  Body body;
  if (json.is_object()) {
    body.kind = Body::Kind::Object;
    for (const auto& [key, value] : json.items()) {
      if (key == "//") {
        continue;
      }
      FAULTBOX_TRY(child, read_body(value, child_where(where, key)));
      body.attributes.emplace_back(key, std::move(child));
    }
    return body;
  }
  if (json.is_array()) {
    body.kind = Body::Kind::Array;
    for (size_t i = 0; i < json.size(); ++i) {
      FAULTBOX_TRY(child, read_body(json[i], where + "[" + std::to_string(i) + "]"));
      body.items.push_back(std::move(child));
    }
    return body;
  }
  FAULTBOX_TRY(leaf, read_expression(json, where));
  body.leaf = std::move(leaf);
  return body;
}

}  // namespace faultbox::stack
