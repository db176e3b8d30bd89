// Encoding functions: jsonencode, jsondecode, base64encode, base64decode, urlencode.
#include "core/json_text.h"
#include "core/utf8.h"
#include "expr/base64.h"
#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Terraform (Go's encoding/json) escapes <, > and & so the output is safe inside HTML.
Result<Value> jsonencode(const Args& a, const CallContext&) {
  std::string text = json_text(to_json(a[0]));
  std::string out;
  for (char c : text) {
    out += c == '<' ? "\\u003c" : c == '>' ? "\\u003e" : c == '&' ? "\\u0026" : std::string(1, c);
  }
  return Value::string(out);
}

Result<Value> jsondecode(const Args& a, const CallContext&) {
  FAULTBOX_TRY(text, fn::str(a, 0));
  FAULTBOX_TRY(parsed, parse_json(text, "invalid JSON"));
  return from_json(parsed);
}

Result<Value> base64encode(const Args& a, const CallContext&) {
  FAULTBOX_TRY(s, fn::str(a, 0));
  return Value::string(base64_encode(s));
}

Result<Value> base64decode(const Args& a, const CallContext&) {
  FAULTBOX_TRY(s, fn::str(a, 0));
  auto decoded = base64_decode(s);
  if (!decoded) {
    return errors::validation("\"" + s + "\" is not valid base64");
  }
  // Terraform's strings are Unicode: bytes that are not UTF-8 are an error there too.
  if (auto problem = describe_invalid_utf8(*decoded); !problem.empty()) {
    return errors::validation("the result of decoding \"" + s + "\" is not valid UTF-8 (" +
                              problem + "); filebase64 and base64 attributes carry binary data");
  }
  return Value::string(*decoded);
}

Result<Value> urlencode(const Args& a, const CallContext&) {
  FAULTBOX_TRY(s, fn::str(a, 0));
  std::string out;
  const char* hex = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return Value::string(out);
}

}  // namespace

std::string base64_encode(const std::string& bytes) {
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    n |= i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) << 8 : 0;
    n |= i + 2 < bytes.size() ? static_cast<unsigned char>(bytes[i + 2]) : 0;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

std::optional<std::string> base64_decode(const std::string& text) {
  if (text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string out;
  for (size_t i = 0; i < text.size(); i += 4) {
    unsigned n = 0;
    int pad = 0;
    for (size_t j = 0; j < 4; ++j) {
      char c = text[i + j];
      const char* at = std::strchr(kAlphabet, c);
      bool is_pad = c == '=' && i + 4 == text.size() && j >= 2;
      if (!is_pad && (at == nullptr || c == '\0' || pad > 0)) {
        return std::nullopt;
      }
      pad += is_pad ? 1 : 0;
      n = (n << 6) | (is_pad ? 0 : static_cast<unsigned>(at - kAlphabet));
    }
    out += static_cast<char>((n >> 16) & 0xFF);
    if (pad < 2) {
      out += static_cast<char>((n >> 8) & 0xFF);
    }
    if (pad < 1) {
      out += static_cast<char>(n & 0xFF);
    }
  }
  return out;
}

void register_encoding_functions(FunctionRegistry& r) {
  r.add("jsonencode", {.min_args = 1, .max_args = 1, .allow_null = true, .eager = jsonencode});
  r.add("jsondecode", {.min_args = 1, .max_args = 1, .eager = jsondecode});
  r.add("base64encode", {.min_args = 1, .max_args = 1, .eager = base64encode});
  r.add("base64decode", {.min_args = 1, .max_args = 1, .eager = base64decode});
  r.add("urlencode", {.min_args = 1, .max_args = 1, .eager = urlencode});
}

}  // namespace faultbox::expr
