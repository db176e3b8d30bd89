// S3 buckets and their objects. Buckets are global by name (as S3's are) and belong to a region;
// an object's bytes live in a file of the lab's data directory, its key, size, ETag, type and
// time in the bucket's record, so a restart keeps both.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cloud/kind.h"

namespace faultbox::cloud {

class Cloud;

struct S3Object {
  std::string key;
  std::size_t size = 0;
  std::string etag;  // the MD5 of the bytes in hex, quoted, as S3 gives it for a single PUT
  std::string content_type = "binary/octet-stream";
  std::map<std::string, std::string> metadata;  // x-amz-meta-*
  TimePoint last_modified{};
};

// The four switches of a bucket's public access block (all off when the bucket has none).
struct PublicAccessBlock {
  bool block_public_acls = false;
  bool block_public_policy = false;
  bool ignore_public_acls = false;
  bool restrict_public_buckets = false;
};

struct Bucket {
  std::string name;
  std::string region;
  TimePoint created{};
  std::optional<PublicAccessBlock> public_access_block;
  std::map<std::string, S3Object> objects;  // by key, in S3's (byte) order
};

// One page of ListObjectsV2.
struct ObjectListing {
  std::vector<const S3Object*> objects;
  std::vector<std::string> common_prefixes;  // with a delimiter: the "folders"
  std::string next_start;                    // the key to go on from; "" when this is the end
};

class Buckets final : public Kind {
 public:
  explicit Buckets(Cloud& cloud);

  // CreateBucket: a name S3 accepts (3-63 of a-z, 0-9, '.', '-'; a letter or digit at both
  // ends); BucketAlreadyOwnedByYou when it exists (in its region; elsewhere it is S3's
  // BucketAlreadyExists, as no two accounts share a name).
  Result<const Bucket*> create(const std::string& name, const std::string& region);
  // DeleteBucket: BucketNotEmpty unless `with_objects` (Terraform's force_destroy).
  Result<void> remove(const std::string& name, bool with_objects = false);
  const Bucket* find(const std::string& name) const;
  const std::map<std::string, Bucket>& all() const { return buckets_; }
  Result<void> set_public_access_block(const std::string& bucket,
                                       std::optional<PublicAccessBlock> block);

  Result<const S3Object*> put_object(const std::string& bucket, S3Object object,
                                     std::string_view bytes);
  // NoSuchBucket / NoSuchKey as S3 answers them.
  Result<const S3Object*> head_object(const std::string& bucket, const std::string& key) const;
  Result<std::string> read_object(const std::string& bucket, const std::string& key) const;
  // DeleteObject: deleting a key that is not there succeeds, as in S3.
  Result<void> delete_object(const std::string& bucket, const std::string& key);
  // Keys after `start_after` with `prefix`, at most `max_keys` entries (objects plus common
  // prefixes), keys holding `delimiter` after the prefix rolled up into common prefixes.
  Result<ObjectListing> list_objects(const std::string& bucket, const std::string& prefix,
                                     const std::string& delimiter, const std::string& start_after,
                                     std::size_t max_keys) const;

  void save(Records& out) const override;
  Result<void> restore(const Records& saved) override;

 private:
  Result<Bucket*> bucket(const std::string& name);
  Result<const Bucket*> bucket(const std::string& name) const;
  std::filesystem::path body_path(const std::string& bucket, const std::string& key) const;

  Cloud& cloud_;
  std::filesystem::path root_;  // <data dir>/s3
  std::map<std::string, Bucket> buckets_;
};

// Whether S3 accepts `name` for a new bucket; the reason when it does not.
std::optional<std::string> invalid_bucket_name(const std::string& name);

}  // namespace faultbox::cloud
