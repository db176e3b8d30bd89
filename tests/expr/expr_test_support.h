// Shared fixtures for expr tests: a sample scope and a one-line way to evaluate and compare.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "expr/evaluator.h"
#include "expr/expression.h"
#include "expr/scope.h"

namespace faultbox::expr::testing {

inline Value j(const char* json_text) { return from_json(nlohmann::json::parse(json_text)); }

// var, local, a resource with attributes, a list of instances, and values known only after apply.
inline const MapScope& sample_scope() {
  static const MapScope scope([] {
    Value::Attributes roots;
    roots["var"] = j(R"({"name": "panda", "count": 3, "zones": ["a", "b", "c"],
        "tags": {"Env": "dev", "Team": "sre"}, "enabled": true, "nums": [3, 1, 2],
        "nothing": null, "port": "8080", "ratio": 2.5})");
    roots["local"] = j(R"({"prefix": "web"})");
    roots["aws_elb"] = j(R"({"this": {"dns_name": "elb.local", "name": "panda-elb"}})");
    roots["aws_instance"] = j(R"({"web": [{"id": "i-1", "az": "a", "tags": {"Name": "w1"}},
        {"id": "i-2", "az": "b", "tags": {"Name": "w2"}}]})");
    roots["count"] = j(R"({"index": 1})");
    roots["pending"] = Value::unknown();
    roots["aws_lt"] = Value::object(
        {{"lt", Value::object({{"id", Value::unknown()}, {"name", Value::string("lt")}})}});
    roots["strlist"] = Value::list({Value::string("x"), Value::string("y")});
    roots["strmap"] = Value::map({{"k", Value::string("v")}});
    roots["strset"] = Value::set({Value::string("b"), Value::string("a")});
    return roots;
  }());
  return scope;
}

inline Result<Value> eval(std::string_view src, const Scope& scope = sample_scope()) {
  auto parsed = parse_expression(src, SourcePos{"t.tf", 1, 1});
  if (!parsed) {
    return parsed.error();
  }
  return evaluate(*parsed, scope);
}

inline Result<Value> eval_template(std::string_view src, const Scope& scope = sample_scope()) {
  auto parsed = parse_template(src, SourcePos{"t.tf.json", 1, 1});
  if (!parsed) {
    return parsed.error();
  }
  return evaluate(*parsed, scope);
}

// JSON text of the value, "unknown" when anything in it is unknown, or "error: <message>".
inline std::string outcome(const Result<Value>& r) {
  if (!r) {
    return "error: " + r.error().message;
  }
  return r->is_wholly_known() ? to_json(*r).dump() : "unknown";
}

// `want` is JSON text, "unknown", or "error: <part of the message>".
inline void expect_outcome(std::string_view src, const Result<Value>& r, const std::string& want) {
  std::string got = outcome(r);
  if (want.rfind("error:", 0) == 0) {
    EXPECT_NE(got.find(want.substr(7)), std::string::npos) << src << "\n got: " << got;
  } else if (want == "unknown") {
    EXPECT_EQ(got, want) << src;
  } else {
    EXPECT_EQ(got, nlohmann::json::parse(want).dump()) << src;
  }
}

struct Case {
  const char* src;
  const char* want;
};

inline void check_expressions(std::initializer_list<Case> cases) {
  for (const auto& c : cases) {
    expect_outcome(c.src, eval(c.src), c.want);
  }
}

inline void check_templates(std::initializer_list<Case> cases) {
  for (const auto& c : cases) {
    expect_outcome(c.src, eval_template(c.src), c.want);
  }
}

}  // namespace faultbox::expr::testing
