// JSON values to bodies of expressions; lookups on the configuration model.
#include "stack/config.h"
#include "stack/config_reader.h"

#include <optional>
#include <regex>

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

namespace {

thread_local const HclSource* current_hcl = nullptr;

// The attribute name at the end of "main.tf: resource aws_elb.this: health_check[0].target".
std::string attribute_of(const std::string& where) {
  size_t cut = where.find_last_of(":.]");
  std::string key = cut == std::string::npos ? where : where.substr(cut + 1);
  while (!key.empty() && key.front() == ' ') {
    key.erase(0, 1);
  }
  auto bracket = key.find('[');
  return bracket == std::string::npos ? key : key.substr(0, bracket);
}

std::pair<int, int> line_column(const std::string& text, size_t offset) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

// Where the expression `value` of attribute `key` starts in the HCL text, shifted so that the
// parser's offsets inside `value` land on the right columns.
std::optional<expr::SourcePos> locate(const HclSource& hcl, const std::string& key,
                                      const std::string& value) {
  bool wrapped = value.size() > 3 && value.compare(0, 2, "${") == 0 && value.back() == '}';
  std::string needle = wrapped ? value.substr(2, value.size() - 3) : "\"" + value;
  int shift = wrapped ? -2 : 1;
  std::regex assignment("(^|[\\s{,])" + std::regex_replace(key, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                        "\\s*=\\s*");
  size_t found = std::string::npos;
  for (std::sregex_iterator it(hcl.text.begin(), hcl.text.end(), assignment), end; it != end;
       ++it) {
    size_t start = static_cast<size_t>(it->position() + it->length());
    if (hcl.text.compare(start, needle.size(), needle) == 0) {
      found = start;
      break;
    }
  }
  if (found == std::string::npos && !needle.empty()) {
    found = hcl.text.find(needle);
  }
  if (found == std::string::npos) {
    return std::nullopt;
  }
  auto [line, column] = line_column(hcl.text, found);
  return expr::SourcePos{hcl.file, line, column + shift};
}

}  // namespace

void set_hcl_source(const HclSource* source) { current_hcl = source; }

namespace {

std::string regex_escaped(const std::string& text) {
  return std::regex_replace(text, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
}

// The line of the first match of `pattern` at the start of a line, from `from`; 0 if none.
int line_of_match(const std::string& pattern, size_t from = 0) {
  if (current_hcl == nullptr || from >= current_hcl->text.size()) {
    return 0;
  }
  std::smatch m;
  std::regex re("(^|\n)[ \t]*" + pattern);
  auto begin = current_hcl->text.cbegin() + static_cast<std::ptrdiff_t>(from);
  if (!std::regex_search(begin, current_hcl->text.cend(), m, re)) {
    return 0;
  }
  size_t at = from + static_cast<size_t>(m.position(0) + m.length(1));
  return line_column(current_hcl->text, at).first;
}

}  // namespace

int hcl_block_line(const std::string& keyword, const std::vector<std::string>& labels) {
  std::string pattern = regex_escaped(keyword);
  for (const auto& label : labels) {
    pattern += "[ \\t]+(\"" + regex_escaped(label) + "\"|" + regex_escaped(label) + ")";
  }
  // Without labels (an unknown block type) anything may follow the keyword.
  return line_of_match(pattern + (labels.empty() ? "([ \\t]|\\{)" : "[ \\t]*(\\{|$|\\n)"));
}

int hcl_local_line(const std::string& name) {
  if (current_hcl == nullptr) {
    return 0;
  }
  // Inside any `locals {` block: the first `name =` after one.
  std::regex locals("(^|\n)[ \t]*locals[ \t]*\\{");
  for (std::sregex_iterator it(current_hcl->text.begin(), current_hcl->text.end(), locals), end;
       it != end; ++it) {
    int line = line_of_match(regex_escaped(name) + "[ \\t]*=",
                             static_cast<size_t>(it->position() + it->length()));
    if (line > 0) {
      return line;
    }
  }
  return 0;
}

Result<expr::Expression> read_expression(const nlohmann::json& json, const std::string& where) {
  expr::SourcePos pos{where, 1, 1};
  if (current_hcl != nullptr && json.is_string()) {
    if (auto located = locate(*current_hcl, attribute_of(where), json.get<std::string>())) {
      pos = *located;
    }
  }
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
