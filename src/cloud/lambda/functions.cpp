// Functions: Lambda's names, limits and errors; code kept once per content (by its SHA-256) in
// <data dir>/lambda/code/, unpacked beside it by the first invocation.
#include "cloud/lambda/functions.h"

#include <fmt/format.h>

#include <algorithm>

#include "cloud/cloud.h"
#include "cloud/iam/iam_directory.h"
#include "cloud/lambda/fis_extension.h"
#include "cloud/lambda/invocations.h"
#include "cloud/s3/buckets.h"
#include "core/arn.h"
#include "core/base64.h"
#include "core/digest.h"
#include "core/file_write.h"
#include "core/json_text.h"
#include "core/uuid.h"

namespace faultbox::cloud {

namespace fs = std::filesystem;

namespace {

Error not_found(const std::string& region, const std::string& account, const std::string& name) {
  return Error{"ResourceNotFoundException",
               "Function not found: " + arn::lambda_function(region, account, name), 404};
}

Error invalid(std::string message) {
  return Error{"InvalidParameterValueException", std::move(message), 400};
}

// Lambda's "1 validation error detected" wording for a member out of its constraint.
Error constraint(const std::string& value, const std::string& member, const std::string& rule) {
  return Error{"ValidationException",
               fmt::format("1 validation error detected: Value '{}' at '{}' failed to satisfy "
                           "constraint: {}",
                           value, member, rule),
               400};
}

bool valid_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 &&
         std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

}  // namespace

Functions::Functions(Cloud& cloud)
    : cloud_(cloud),
      root_(cloud.options().data_dir / "lambda"),
      invocations_(std::make_unique<Invocations>(cloud, root_)) {}

Functions::~Functions() = default;

std::string Functions::key(const std::string& region, const std::string& name) {
  return region + "/" + name;
}

std::string Functions::arn(const LambdaFunction& f) const {
  return arn::lambda_function(f.region, cloud_.options().account_id, f.name);
}

fs::path Functions::code_path(const LambdaFunction& f) const {
  auto raw = base64_decode(f.code_sha256);
  return root_ / "code" / (hex_encode(raw.value_or(f.code_sha256)) + ".zip");
}

Result<void> Functions::validate(const LambdaFunction& spec) const {
  if (!valid_name(spec.name)) {
    return constraint(spec.name, "functionName",
                      "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]{1,64}");
  }
  if (spec.runtime.rfind("python3.", 0) != 0) {
    return invalid("The runtime parameter of " + spec.runtime +
                   " is not supported by the lab: it runs python3.x functions with the "
                   "machine's Python");
  }
  if (spec.handler.empty() || spec.handler.size() > 128) {
    return constraint(spec.handler, "handler", "Member must have length between 1 and 128");
  }
  if (spec.memory_mb < 128 || spec.memory_mb > 10240) {
    return constraint(std::to_string(spec.memory_mb), "memorySize",
                      "Member must have value between 128 and 10240");
  }
  if (spec.timeout_s < 1 || spec.timeout_s > 900) {
    return constraint(std::to_string(spec.timeout_s), "timeout",
                      "Member must have value between 1 and 900");
  }
  if (!cloud_.kind<IamDirectory>().directory().trusts(spec.role, "lambda.amazonaws.com")) {
    return invalid("The role defined for the function cannot be assumed by Lambda.");
  }
  return {};
}

Result<void> Functions::store_code(LambdaFunction& f, std::string_view zip) {
  if (zip.size() < 4 || zip.substr(0, 2) != "PK") {
    return invalid(
        "Could not unzip uploaded file. Please check your file, then try to upload again.");
  }
  f.code_sha256 = base64_digest(DigestAlgorithm::Sha256, zip);
  f.code_size = zip.size();
  fs::path path = code_path(f);
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    fs::create_directories(path.parent_path(), ec);
    FAULTBOX_TRY_VOID(write_file_atomically(path, zip));
  }
  return {};
}

Error function_exists(const std::string& name) {
  return Error{"ResourceConflictException", "Function already exist: " + name, 409};
}

Result<const LambdaFunction*> Functions::create(LambdaFunction spec, std::string_view zip) {
  FAULTBOX_TRY_VOID(validate(spec));
  if (functions_.count(key(spec.region, spec.name)) != 0) {
    return function_exists(spec.name);
  }
  FAULTBOX_TRY_VOID(store_code(spec, zip));
  spec.last_modified = cloud_.clock().now();
  spec.revision_id = random_uuid();
  auto [it, inserted] = functions_.emplace(key(spec.region, spec.name), std::move(spec));
  return &it->second;
}

Result<const LambdaFunction*> Functions::update(LambdaFunction spec,
                                                std::optional<std::string_view> zip) {
  auto it = functions_.find(key(spec.region, spec.name));
  if (it == functions_.end()) {
    return not_found(spec.region, cloud_.options().account_id, spec.name);
  }
  FAULTBOX_TRY_VOID(validate(spec));
  if (zip) {
    FAULTBOX_TRY_VOID(store_code(spec, *zip));
  } else {
    spec.code_sha256 = it->second.code_sha256;
    spec.code_size = it->second.code_size;
  }
  spec.last_modified = cloud_.clock().now();
  spec.revision_id = random_uuid();
  it->second = std::move(spec);
  return &it->second;
}

Result<void> Functions::remove(const std::string& region, const std::string& name) {
  auto it = functions_.find(key(region, name));
  if (it == functions_.end()) {
    return not_found(region, cloud_.options().account_id, name);
  }
  std::string sha = it->second.code_sha256;
  fs::path code = code_path(it->second);
  functions_.erase(it);
  // The code goes with its last function.
  bool shared = std::any_of(functions_.begin(), functions_.end(),
                            [&](const auto& f) { return f.second.code_sha256 == sha; });
  if (!shared) {
    std::error_code ec;
    fs::remove(code, ec);
    fs::remove_all(fs::path(code).replace_extension(), ec);
  }
  return {};
}

const LambdaFunction* Functions::find(const std::string& region,
                                      const std::string& name_or_arn) const {
  std::string name = name_or_arn;
  if (auto parsed = parse_arn(name_or_arn)) {
    if (parsed->service != "lambda" || parsed->region != region) {
      return nullptr;
    }
    // "function:<name>" or "function:<name>:<qualifier>"
    std::string resource = parsed->resource;
    if (resource.rfind("function:", 0) != 0) {
      return nullptr;
    }
    resource = resource.substr(9);
    name = resource.substr(0, resource.find(':'));
  } else if (auto colon = name.find(':'); colon != std::string::npos) {
    name = name.substr(0, colon);  // "<name>:$LATEST"
  }
  auto it = functions_.find(key(region, name));
  return it == functions_.end() ? nullptr : &it->second;
}

Result<const LambdaFunction*> Functions::get(const std::string& region,
                                             const std::string& name_or_arn) const {
  if (const auto* f = find(region, name_or_arn)) {
    return f;
  }
  return not_found(region, cloud_.options().account_id, name_or_arn);
}

std::vector<const LambdaFunction*> Functions::in_region(const std::string& region) const {
  std::vector<const LambdaFunction*> out;
  for (const auto& [k, f] : functions_) {
    if (f.region == region) {
      out.push_back(&f);
    }
  }
  return out;
}

Result<void> Functions::save_test_event(const std::string& region, const std::string& function,
                                        const std::string& event_name, const std::string& event) {
  auto it = functions_.find(key(region, function));
  if (it == functions_.end()) {
    return not_found(region, cloud_.options().account_id, function);
  }
  bool valid = !event_name.empty() && event_name.size() <= 25 &&
               std::all_of(event_name.begin(), event_name.end(),
                           [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
  if (!valid) {
    return errors::validation("A test event's name has 1 to 25 letters, digits, '-' or '_'");
  }
  if (auto parsed = parse_json(event, "the test event"); !parsed) {
    return errors::validation("The test event is not JSON: " + parsed.error().message);
  }
  it->second.test_events[event_name] = event;
  return {};
}

Result<void> Functions::remove_test_event(const std::string& region, const std::string& function,
                                          const std::string& event_name) {
  auto it = functions_.find(key(region, function));
  if (it == functions_.end()) {
    return not_found(region, cloud_.options().account_id, function);
  }
  it->second.test_events.erase(event_name);
  return {};
}

void Functions::invoke(const std::string& region, const std::string& name, std::string payload,
                       InvocationDone done) {
  auto function = get(region, name);
  if (!function) {
    done(function.error());
    return;
  }
  const LambdaFunction& f = **function;
  std::string function_arn = arn(f);
  InvocationFaults faults =
      faults_for(f, function_arn, cloud_.kind<Buckets>(), cloud_.clock().now(), fault_draws_);
  invocations_->start(f, function_arn, code_path(f), std::move(payload), std::move(faults),
                      std::move(done));
}

void Functions::use_supervisor(std::unique_ptr<compute::ProcessSupervisor> supervisor) {
  invocations_->use_supervisor(std::move(supervisor));
}

void Functions::tick(TimePoint now) { invocations_->tick(now); }

std::unique_ptr<Kind> make_functions(Cloud& cloud) { return std::make_unique<Functions>(cloud); }

}  // namespace faultbox::cloud
