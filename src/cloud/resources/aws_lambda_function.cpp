// aws_lambda_function: a function of the lab's Lambda, its code from a zip file (`filename`,
// relative to the stack's directory) or an object of the lab's S3 (`s3_bucket`, `s3_key`).
// The code is read again on every change, so a new source_code_hash brings the new code.

#include "cloud/lambda/functions.h"
#include "cloud/resource_handler.h"
#include "cloud/s3/buckets.h"
#include "core/caller_rights.h"
#include "core/iso8601.h"

namespace faultbox::cloud::resources {

namespace {

using expr::Value;

Result<std::string> read_code(Cloud& cloud, const stack::ResourceChange& c, const ValueReader& r) {
  FAULTBOX_TRY(filename, r.string("filename", ""));
  if (!filename.empty()) {
    std::filesystem::path path(filename);
    if (path.is_relative()) {
      path = std::filesystem::path(c.root_directory) / path;
    }
    return read_file_as_caller(path, c.address + ": filename");
  }
  FAULTBOX_TRY(bucket, r.string("s3_bucket", ""));
  FAULTBOX_TRY(key, r.string("s3_key", ""));
  if (!bucket.empty() && !key.empty()) {
    return cloud.kind<Buckets>().read_object(bucket, key);
  }
  return errors::validation(c.address +
                            ": the lab needs the code in filename or in s3_bucket and s3_key");
}

Result<LambdaFunction> spec_of(const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  LambdaFunction f;
  f.region = c.region;
  FAULTBOX_TRY(name, r.required_string("function_name"));
  FAULTBOX_TRY(role, r.required_string("role"));
  FAULTBOX_TRY(handler, r.required_string("handler"));
  FAULTBOX_TRY(runtime, r.required_string("runtime"));
  FAULTBOX_TRY(description, r.string("description", ""));
  FAULTBOX_TRY(memory, r.integer("memory_size", 128));
  FAULTBOX_TRY(timeout, r.integer("timeout", 3));
  FAULTBOX_TRY(layers, r.strings("layers"));
  FAULTBOX_TRY(tags, r.string_map("tags"));
  FAULTBOX_TRY(tags_all, r.string_map("tags_all"));
  tags.insert(tags_all.begin(), tags_all.end());
  f.name = name;
  f.role = role;
  f.handler = handler;
  f.runtime = runtime;
  f.description = description;
  f.memory_mb = static_cast<int>(memory);
  f.timeout_s = static_cast<int>(timeout);
  f.layers = layers;
  f.tags = tags;
  for (const auto& environment : r.blocks("environment")) {
    FAULTBOX_TRY(variables, environment.string_map("variables"));
    f.environment = variables;
  }
  return f;
}

Value state_of(Cloud& cloud, const stack::ResourceChange& c, const LambdaFunction& f) {
  std::string arn = cloud.kind<Functions>().arn(f);
  std::string invoke_arn = "arn:aws:apigateway:" + f.region + ":lambda:path/2015-03-31/functions/" +
                           arn + "/invocations";
  return with_computed(c.config,
                       {{"id", Value::string(f.name)},
                        {"arn", Value::string(arn)},
                        {"qualified_arn", Value::string(arn + ":$LATEST")},
                        {"invoke_arn", Value::string(invoke_arn)},
                        {"qualified_invoke_arn", Value::string(invoke_arn)},
                        {"version", Value::string("$LATEST")},
                        {"last_modified", Value::string(format_iso8601_offset(f.last_modified))},
                        {"code_sha256", Value::string(f.code_sha256)},
                        {"source_code_size", Value::number(static_cast<double>(f.code_size))}});
}

Result<Value> create(Cloud& cloud, const stack::ResourceChange& c) {
  FAULTBOX_TRY(spec, spec_of(c));
  FAULTBOX_TRY(code, read_code(cloud, c, ValueReader(c.config, c.address)));
  FAULTBOX_TRY(made, cloud.kind<Functions>().create(std::move(spec), code));
  return state_of(cloud, c, *made);
}

// A new name is a new function; anything else changes the function in place, code included.
Result<Value> update(Cloud& cloud, const stack::ResourceChange& c) {
  FAULTBOX_TRY(spec, spec_of(c));
  std::string before = state_string(c.state, "id");
  if (before != spec.name) {
    (void)cloud.kind<Functions>().remove(c.region, before);
    return create(cloud, c);
  }
  FAULTBOX_TRY(code, read_code(cloud, c, ValueReader(c.config, c.address)));
  FAULTBOX_TRY(changed, cloud.kind<Functions>().update(std::move(spec), std::string_view(code)));
  return state_of(cloud, c, *changed);
}

}  // namespace

ResourceHandler aws_lambda_function() {
  return {
      .type = "aws_lambda_function",
      .modelled = {"function_name", "role", "handler", "runtime", "description", "memory_size",
                   "timeout", "layers", "environment", "filename", "s3_bucket", "s3_key",
                   "source_code_hash", "package_type", "architectures", "tags", "tags_all"},
      .computed = {"id", "arn", "qualified_arn", "invoke_arn", "qualified_invoke_arn", "version",
                   "last_modified", "code_sha256", "source_code_size"},
      .schema = {{"memory_size", "number"},
                 {"timeout", "number"},
                 {"layers", "list(string)"},
                 {"architectures", "list(string)"},
                 {"publish", "bool"}},
      .validate = [](const Cloud&, const ValueReader& r) -> Result<void> {
        FAULTBOX_TRY(package, r.string("package_type", "Zip"));
        if (package != "Zip") {
          return errors::validation(r.where() + ": package_type \"" + package +
                                    "\" is not supported by the lab (\"Zip\" is)");
        }
        return {};
      },
      .create = create,
      .update = update,
      .destroy = [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
        auto done = cloud.kind<Functions>().remove(c.region, state_string(c.state, "id"));
        if (!done && done.error().code != "ResourceNotFoundException") {
          return done.error();
        }
        return {};
      },
      .unique_name =
          UniqueName{.attribute = "function_name",
                     .label_is_default = false,
                     .held =
                         [](Cloud& cloud, const std::string& region, const std::string& name) {
                           return cloud.kind<Functions>().find(region, name);
                         },
                     .already_exists = function_exists},
  };
}

}  // namespace faultbox::cloud::resources
