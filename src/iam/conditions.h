// A policy statement's Condition block against a request's context, as IAM evaluates it: every
// operator and every key in the block must hold; a key's values are alternatives; negated
// operators hold for an absent key; "...IfExists" holds for one too. Operators: String*, Arn*
// (Equals, NotEquals, Like, NotLike; StringEqualsIgnoreCase and its negation), Bool and Null.
// Policy variables ${aws:username}-style are read from the context.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "iam/request_context.h"

namespace faultbox::iam {

enum class ConditionResult {
  Met,
  NotMet,
  Unknown
};  // Unknown: an operator or key the lab
    // cannot evaluate for this request

ConditionResult evaluate_conditions(const nlohmann::json& condition, const RequestContext& ctx);

// `text` with its ${key} variables replaced from the context; nullopt when one is unknown.
std::optional<std::string> substitute_variables(const std::string& text, const RequestContext& ctx);

}  // namespace faultbox::iam
