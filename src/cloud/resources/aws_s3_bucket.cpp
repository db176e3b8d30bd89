// aws_s3_bucket: a bucket of the lab's S3 in the stack's region. Destroying a bucket that holds
// objects fails with S3's BucketNotEmpty unless force_destroy is set, as with the AWS provider.
#include "cloud/resource_handler.h"
#include "cloud/s3/buckets.h"
#include "core/arn.h"
#include "core/aws_errors.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
Result<expr::Value> create(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  // Without a name the provider makes one up from "terraform-" and a timestamp.
  FAULTBOX_TRY(name, r.string("bucket", ""));
  if (name.empty()) {
    FAULTBOX_TRY(prefix, r.string("bucket_prefix", "terraform-"));
    name = prefix + std::to_string(cloud.clock().now().time_since_epoch().count());
  }
  FAULTBOX_TRY(bucket, cloud.kind<Buckets>().create(name, c.region));
  return with_computed(
      c.config, {{"id", expr::Value::string(bucket->name)},
                 {"bucket", expr::Value::string(bucket->name)},
                 {"arn", expr::Value::string(arn::s3_bucket(bucket->name))},
                 {"bucket_domain_name", expr::Value::string(bucket->name + ".s3.amazonaws.com")},
                 {"bucket_regional_domain_name",
                  expr::Value::string(bucket->name + ".s3." + c.region + ".amazonaws.com")},
                 {"region", expr::Value::string(c.region)}});
}

// Only force_destroy and tags may change in place; a new name is a new bucket.
Result<expr::Value> update(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(name, r.string("bucket", state_string(c.state, "id")));
  if (name != state_string(c.state, "id")) {
    FAULTBOX_TRY_VOID(cloud.kind<Buckets>().remove(state_string(c.state, "id")));
    return create(cloud, c);
  }
  return with_computed(c.config,
                       {{"id", expr::Value::string(name)},
                        {"bucket", expr::Value::string(name)},
                        {"arn", expr::Value::string(arn::s3_bucket(name))},
                        {"bucket_domain_name", expr::Value::string(name + ".s3.amazonaws.com")},
                        {"bucket_regional_domain_name",
                         expr::Value::string(name + ".s3." + c.region + ".amazonaws.com")},
                        {"region", expr::Value::string(c.region)}});
}
}  // namespace

ResourceHandler aws_s3_bucket() {
  return {
      .type = "aws_s3_bucket",
      .modelled = {"bucket", "bucket_prefix", "force_destroy", "tags", "tags_all"},
      .computed = {"id", "arn", "bucket", "bucket_domain_name", "bucket_regional_domain_name",
                   "region"},
      .schema = {{"force_destroy", "bool"}, {"object_lock_enabled", "bool"}},
      .validate = [](const Cloud&, const ValueReader& r) -> Result<void> {
        FAULTBOX_TRY(name, r.string("bucket", ""));
        if (auto why = name.empty() ? std::nullopt : invalid_bucket_name(name)) {
          return errors::validation(r.where() + ": bucket \"" + name + "\": " + *why);
        }
        return {};
      },
      .create = create,
      .update = update,
      .destroy = [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
        ValueReader r(c.state, c.address);
        FAULTBOX_TRY(force, r.boolean("force_destroy", false));
        auto done = cloud.kind<Buckets>().remove(state_string(c.state, "id"), force);
        if (!done && done.error().code != "NoSuchBucket") {
          return done.error();
        }
        return {};
      },
      .unique_name =
          UniqueName{
              .attribute = "bucket",
              .label_is_default = false,  // bucket_prefix: a name of AWS's making
              .account_wide = true,       // bucket names are global
              .held = [](Cloud& cloud, const std::string&,
                         const std::string& name) { return cloud.kind<Buckets>().find(name); },
              .already_exists =
                  [](const std::string& name) { return s3_errors::already_owned(name); }},
  };
}

}  // namespace faultbox::cloud::resources
