// The error codes of the query-protocol services, each as its service spells it, built like
// core/error.h's errors::* (which are the JSON protocols'). Side by side so that one service's
// code never leaks into another's answers.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "core/error.h"

namespace faultbox {

// EC2 (always HTTP 400, as EC2 answers client errors).
namespace ec2_errors {
inline Error invalid_parameter_value(std::string message) {
  return {"InvalidParameterValue", std::move(message), 400};
}
inline Error invalid_parameter_combination(std::string message) {
  return {"InvalidParameterCombination", std::move(message), 400};
}
// "The request must contain the parameter <name>".
inline Error missing_parameter(std::string_view name) {
  return {"MissingParameter", fmt::format("The request must contain the parameter {}", name), 400};
}
inline Error malformed_instance_id(std::string_view id) {
  return {"InvalidInstanceID.Malformed", fmt::format("Invalid id: \"{}\"", id), 400};
}
inline Error instance_not_found(std::string message) {
  return {"InvalidInstanceID.NotFound", std::move(message), 400};
}
inline Error incorrect_instance_state(std::string message) {
  return {"IncorrectInstanceState", std::move(message), 400};
}
inline Error invalid_id(std::string_view id) {
  return {"InvalidID", fmt::format("The ID '{}' is not valid", id), 400};
}
}  // namespace ec2_errors

// The query protocol's services: CloudWatch, Auto Scaling, Elastic Load Balancing and IAM.
namespace query_errors {
inline Error validation(std::string message) {
  return {"ValidationError", std::move(message), 400};
}
inline Error invalid_parameter_value(std::string message) {
  return {"InvalidParameterValue", std::move(message), 400};
}
inline Error invalid_parameter_combination(std::string message) {
  return {"InvalidParameterCombination", std::move(message), 400};
}
inline Error missing_parameter(std::string message) {
  return {"MissingParameter", std::move(message), 400};
}
inline Error resource_not_found(std::string message) {
  return {"ResourceNotFound", std::move(message), 404};
}
}  // namespace query_errors

// S3 (REST-XML: the code and message go in an <Error> document).
namespace s3_errors {
inline Error no_such_bucket(std::string_view bucket) {
  return {"NoSuchBucket", fmt::format("The specified bucket does not exist: {}", bucket), 404};
}
inline Error no_such_key(std::string_view key) {
  return {"NoSuchKey", fmt::format("The specified key does not exist: {}", key), 404};
}
inline Error bucket_not_empty(std::string_view bucket) {
  return {"BucketNotEmpty", fmt::format("The bucket you tried to delete is not empty: {}", bucket),
          409};
}
inline Error already_owned(std::string_view bucket) {
  return {"BucketAlreadyOwnedByYou",
          fmt::format("Your previous request to create the named bucket succeeded and you "
                      "already own it: {}",
                      bucket),
          409};
}
inline Error already_exists(std::string_view bucket) {
  return {"BucketAlreadyExists",
          fmt::format("The requested bucket name is not available: {}", bucket), 409};
}
inline Error invalid_bucket_name(std::string_view bucket, std::string_view why) {
  return {"InvalidBucketName",
          fmt::format("The specified bucket is not valid: {} ({})", bucket, why), 400};
}
}  // namespace s3_errors

}  // namespace faultbox
