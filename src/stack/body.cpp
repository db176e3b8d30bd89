// JSON values to bodies of expressions; lookups on the configuration model.
#include <re2/re2.h>

#include <optional>

#include "stack/config.h"
#include "stack/config_reader.h"

namespace faultbox::stack {
namespace {

// Calls on_match(begin, end) for each match of `re` in `text` from `from` on, until it returns
// false. RE2, as the text is the user's: no pattern here can recurse over a long input.
template <class OnMatch>
void for_each_match(const RE2& re, const std::string& text, size_t from, OnMatch on_match) {
  re2::StringPiece whole;
  while (from <= text.size() && re.Match(text, from, text.size(), RE2::UNANCHORED, &whole, 1)) {
    auto begin = static_cast<size_t>(whole.data() - text.data());
    auto end = begin + whole.size();
    if (!on_match(begin, end)) {
      return;
    }
    from = end > begin ? end : end + 1;
  }
}

void collect(const Body& body, std::vector<const expr::Expression*>& out) {
  switch (body.kind) {
    case Body::Kind::Leaf:
      out.push_back(&body.leaf);
      break;
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

Body::Body() = default;
Body::Body(const Body&) = default;
Body::Body(Body&&) noexcept = default;
Body& Body::operator=(const Body&) = default;
Body& Body::operator=(Body&&) noexcept = default;
Body::~Body() = default;

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
  const RE2 assignment("(^|[\\s{,])" + RE2::QuoteMeta(key) + "\\s*=\\s*");
  size_t found = std::string::npos;
  for_each_match(assignment, hcl.text, 0, [&](size_t, size_t end) {
    if (hcl.text.compare(end, needle.size(), needle) == 0) {
      found = end;
      return false;
    }
    return true;
  });
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

// The line of the first match of `pattern` at the start of a line, from `from`; 0 if none.
int line_of_match(const std::string& pattern, size_t from = 0) {
  if (current_hcl == nullptr || from >= current_hcl->text.size()) {
    return 0;
  }
  const RE2 re("(^|\n)[ \t]*" + pattern);
  re2::StringPiece groups[2];
  if (!re.Match(current_hcl->text, from, current_hcl->text.size(), RE2::UNANCHORED, groups, 2)) {
    return 0;
  }
  size_t at = static_cast<size_t>(groups[1].data() - current_hcl->text.data()) + groups[1].size();
  return line_column(current_hcl->text, at).first;
}

}  // namespace

int hcl_block_line(const std::string& keyword, const std::vector<std::string>& labels) {
  std::string pattern = RE2::QuoteMeta(keyword);
  for (const auto& label : labels) {
    pattern += "[ \\t]+(\"" + RE2::QuoteMeta(label) + "\"|" + RE2::QuoteMeta(label) + ")";
  }
  // Without labels (an unknown block type) anything may follow the keyword.
  return line_of_match(pattern + (labels.empty() ? "([ \\t]|\\{)" : "[ \\t]*(\\{|$|\\n)"));
}

int hcl_local_line(const std::string& name) {
  if (current_hcl == nullptr) {
    return 0;
  }
  // Inside any `locals {` block: the first `name =` after one.
  const RE2 locals("(^|\n)[ \t]*locals[ \t]*\\{");
  int line = 0;
  for_each_match(locals, current_hcl->text, 0, [&](size_t, size_t end) {
    line = line_of_match(RE2::QuoteMeta(name) + "[ \\t]*=", end);
    return line == 0;
  });
  return line;
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
