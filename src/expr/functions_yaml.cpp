// yamlencode(): YAML 1.2 block style as Terraform prints it. Keys and strings are double-quoted,
// numbers, bools and null plain; a sequence under a key is not indented ("key:\n- 1"); empty
// collections are "{}" and "[]"; a plain scalar alone is followed by the end marker "...".
// Terraform's emitter also folds double-quoted strings longer than 80 columns; that quirk is
// not reproduced (the folded and unfolded texts decode to the same string).
#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

std::string quoted(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\0': out += "\\0"; break;
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
  return (v.is_sequence() && !v.elements().empty()) ||
         (v.is_mapping() && !v.attributes().empty());
}

std::string scalar(const Value& v) {
  switch (v.kind()) {
    case Kind::String: return quoted(v.as_string());
    case Kind::Number: return format_number(v.as_number());
    case Kind::Bool: return v.as_bool() ? "true" : "false";
    case Kind::Null: return "null";
    default: return v.is_sequence() ? "[]" : "{}";  // only empty collections get here
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

}  // namespace

void register_yaml_functions(FunctionRegistry& r) {
  r.add("yamlencode", {.min_args = 1, .max_args = 1, .allow_null = true, .eager = yamlencode});
}

}  // namespace faultbox::expr
