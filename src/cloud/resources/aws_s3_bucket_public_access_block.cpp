// aws_s3_bucket_public_access_block: the four public-access switches of a bucket. The id is the
// bucket's name.
#include "cloud/resource_handler.h"
#include "cloud/s3/buckets.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(bucket, r.required_string("bucket"));
  PublicAccessBlock block;
  FAULTBOX_TRY(acls, r.boolean("block_public_acls", false));
  FAULTBOX_TRY(policy, r.boolean("block_public_policy", false));
  FAULTBOX_TRY(ignore, r.boolean("ignore_public_acls", false));
  FAULTBOX_TRY(restrict, r.boolean("restrict_public_buckets", false));
  block = {acls, policy, ignore, restrict};
  FAULTBOX_TRY_VOID(cloud.kind<Buckets>().set_public_access_block(bucket, block));
  return with_computed(c.config, {{"id", expr::Value::string(bucket)}});
}
}  // namespace

ResourceHandler aws_s3_bucket_public_access_block() {
  return put_and_destroy("aws_s3_bucket_public_access_block",
                         {"bucket", "block_public_acls", "block_public_policy",
                          "ignore_public_acls", "restrict_public_buckets"},
                         {"id"}, put,
                         [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
                           // The bucket may be gone already (destroyed in the same run): nothing
                           // left to undo.
                           (void)cloud.kind<Buckets>().set_public_access_block(
                               state_string(c.state, "id"), std::nullopt);
                           return {};
                         });
}

}  // namespace faultbox::cloud::resources
