// yamldecode(): a subset of YAML 1.2 read with the core schema, as Terraform reads it: mappings
// become objects, sequences tuples; plain scalars are typed (null, bool, int incl. 0x/0o, float
// incl. .inf), quoted ones and !!str stay strings; one document only; aliases to earlier
// anchors work, an alias inside its own anchor is an error; other tags are errors.
// yamlencode(): YAML 1.2 block style as Terraform prints it. Keys and strings are double-quoted,
// numbers, bools and null plain; a sequence under a key is not indented ("key:\n- 1"); empty
// collections are "{}" and "[]"; a plain scalar alone is followed by the end marker "...".
// Terraform's emitter also folds double-quoted strings longer than 80 columns; that quirk is
// not reproduced (the folded and unfolded texts decode to the same string).
#include <re2/re2.h>
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "core/expansion_budget.h"
#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

std::string quoted(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\0':
        out += "\\0";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

bool is_block(const Value& v) {
  return (v.is_sequence() && !v.elements().empty()) || (v.is_mapping() && !v.attributes().empty());
}

std::string scalar(const Value& v) {
  switch (v.kind()) {
    case Kind::String:
      return quoted(v.as_string());
    case Kind::Number:
      return format_number(v.as_number());
    case Kind::Bool:
      return v.as_bool() ? "true" : "false";
    case Kind::Null:
      return "null";
    default:
      return v.is_sequence() ? "[]" : "{}";  // only empty collections get here
  }
}

// Writes v as a block node whose lines start at `indent` columns; the first line's indentation
// has already been written by the caller (after "- " or at the start of the document).
void emit(const Value& v, size_t indent, std::string& out) {
  std::string pad(indent, ' ');
  if (v.is_mapping() && is_block(v)) {
    bool first = true;
    for (const auto& [key, item] : v.attributes()) {
      out += (first ? "" : pad) + quoted(key) + ":";
      first = false;
      if (!is_block(item)) {
        out += " " + scalar(item) + "\n";
      } else if (item.is_sequence()) {
        out += "\n" + pad;
        emit(item, indent, out);
      } else {
        out += "\n" + pad + "  ";
        emit(item, indent + 2, out);
      }
    }
  } else if (v.is_sequence() && is_block(v)) {
    bool first = true;
    for (const auto& item : v.elements()) {
      out += (first ? "" : pad) + "- ";
      first = false;
      if (is_block(item)) {
        emit(item, indent + 2, out);
      } else {
        out += scalar(item) + "\n";
      }
    }
  } else {
    out += scalar(v) + "\n";
  }
}

Result<Value> yamlencode(const Args& a, const CallContext&) {
  const Value& v = a[0];
  std::string out;
  emit(v, 0, out);
  bool plain_alone = v.is_number() || v.is_bool() || v.is_null();
  return Value::string(plain_alone ? out + "...\n" : out);
}

constexpr const char* kTagPrefix = "tag:yaml.org,2002:";

Result<Value> plain_scalar(const std::string& text) {
  // RE2: linear in the scalar's length, whatever the document holds.
  static const RE2 kNull("~|null|Null|NULL|");
  static const RE2 kTrue("true|True|TRUE");
  static const RE2 kFalse("false|False|FALSE");
  static const RE2 kInt("[-+]?[0-9]+");
  static const RE2 kOct("0o[0-7]+");
  static const RE2 kHex("0x[0-9a-fA-F]+");
  static const RE2 kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  static const RE2 kInf("[-+]?\\.(inf|Inf|INF)");
  if (RE2::FullMatch(text, kNull)) return Value::null();
  if (RE2::FullMatch(text, kTrue)) return Value::boolean(true);
  if (RE2::FullMatch(text, kFalse)) return Value::boolean(false);
  // strtod and strtoull saturate where std::stod and std::stoll would throw.
  if (RE2::FullMatch(text, kInt) || RE2::FullMatch(text, kFloat)) {
    return Value::number(std::strtod(text.c_str(), nullptr));
  }
  if (RE2::FullMatch(text, kOct)) {
    return Value::number(static_cast<double>(std::strtoull(text.c_str() + 2, nullptr, 8)));
  }
  if (RE2::FullMatch(text, kHex)) {
    return Value::number(static_cast<double>(std::strtoull(text.c_str() + 2, nullptr, 16)));
  }
  if (RE2::FullMatch(text, kInf)) {
    return Value::number(text[0] == '-' ? -HUGE_VAL : HUGE_VAL);
  }
  return Value::string(text);
}

Result<Value> tagged_scalar(const std::string& tag, const std::string& text) {
  std::string kind = tag.substr(std::string(kTagPrefix).size());
  if (kind == "str" || kind == "timestamp") {
    return Value::string(text);
  }
  if (kind == "binary") {  // stays base64, without the line breaks
    std::string out;
    for (char c : text) {
      if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    }
    return Value::string(out);
  }
  FAULTBOX_TRY(value, plain_scalar(text));
  bool fits = (kind == "null" && value.is_null()) || (kind == "bool" && value.is_bool()) ||
              ((kind == "int" || kind == "float") && value.is_number());
  if (!fits) {
    return errors::validation("cannot decode \"" + text + "\" as !!" + kind);
  }
  return value;
}

Result<Value> from_yaml(const YAML::Node& node, int depth, ExpansionBudget& budget) {
  if (!budget.spend()) {
    return errors::validation("the YAML expands to more than " + std::to_string(budget.limit()) +
                              " values (aliases repeat what they refer to)");
  }
  if (depth > 100) {
    return errors::validation("the YAML refers to a collection inside itself (alias in its own "
                              "anchor), which cannot be represented");
  }
  const std::string& tag = node.Tag();
  bool tagged = tag.rfind(kTagPrefix, 0) == 0;
  if (!tag.empty() && tag != "?" && tag != "!" && !tagged) {
    return errors::validation("unsupported YAML tag \"" + tag + "\"");
  }
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return Value::null();
    case YAML::NodeType::Scalar:
      if (tag == "!") {
        return Value::string(node.Scalar());
      }
      return tagged ? tagged_scalar(tag, node.Scalar()) : plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      Value::Elements items;
      for (const auto& item : node) {
        FAULTBOX_TRY(value, from_yaml(item, depth + 1, budget));
        items.push_back(std::move(value));
      }
      return Value::tuple(std::move(items));
    }
    case YAML::NodeType::Map: {
      Value::Attributes attributes;
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) {
          return errors::validation("only scalar mapping keys can be decoded");
        }
        FAULTBOX_TRY(value, from_yaml(kv.second, depth + 1, budget));
        attributes[kv.first.Scalar()] = std::move(value);
      }
      return Value::object(std::move(attributes));
    }
  }
  return Value::null();
}

// Takes a document's events and keeps nothing: for counting documents.
class IgnoreEvents final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// How many documents `text` holds, counting to two at most: yaml-cpp 0.7 reads some malformed
// streams (",a", "!a,b") as endless empty documents, so YAML::LoadAll never returns on them.
int documents_in(const std::string& text) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  IgnoreEvents ignore;
  int documents = 0;
  while (documents < 2 && parser.HandleNextDocument(ignore)) ++documents;
  return documents;
}

Result<Value> yamldecode(const Args& a, const CallContext&) {
  FAULTBOX_TRY(text, fn::str(a, 0));
  try {
    const int documents = documents_in(text);
    if (documents > 1) {
      return errors::validation("the string holds more than one YAML document; only one is "
                                "allowed");
    }
    ExpansionBudget budget;
    return documents == 0 ? Value::null() : from_yaml(YAML::Load(text), 0, budget);
  } catch (const YAML::Exception& e) {
    return errors::validation("invalid YAML at line " + std::to_string(e.mark.line + 1) +
                              ", column " + std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

}  // namespace

void register_yaml_functions(FunctionRegistry& r) {
  r.add("yamldecode", {.min_args = 1, .max_args = 1, .eager = yamldecode});
  r.add("yamlencode", {.min_args = 1, .max_args = 1, .allow_null = true, .eager = yamlencode});
}

}  // namespace faultbox::expr
