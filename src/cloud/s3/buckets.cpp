// Buckets and objects: S3's names and errors, object bytes in files named by the SHA-256 of
// their key (any key is a safe file name then), listing in key order.
#include "cloud/s3/buckets.h"

#include <cctype>
#include <fstream>
#include <sstream>

#include "cloud/cloud.h"
#include "core/aws_errors.h"
#include "core/digest.h"
#include "core/file_write.h"

namespace faultbox::cloud {

std::optional<std::string> invalid_bucket_name(const std::string& name) {
  if (name.size() < 3 || name.size() > 63) {
    return "a bucket name has 3 to 63 characters";
  }
  for (unsigned char c : name) {
    if (!std::islower(c) && !std::isdigit(c) && c != '.' && c != '-') {
      return "a bucket name has only lowercase letters, digits, dots and hyphens";
    }
  }
  auto letter_or_digit = [](unsigned char c) { return std::islower(c) || std::isdigit(c); };
  if (!letter_or_digit(name.front()) || !letter_or_digit(name.back())) {
    return "a bucket name begins and ends with a letter or a digit";
  }
  if (name.find("..") != std::string::npos) {
    return "a bucket name has no two dots in a row";
  }
  return std::nullopt;
}

Buckets::Buckets(Cloud& cloud) : cloud_(cloud), root_(cloud.options().data_dir / "s3") {}

Result<Bucket*> Buckets::bucket(const std::string& name) {
  auto it = buckets_.find(name);
  if (it == buckets_.end()) {
    return s3_errors::no_such_bucket(name);
  }
  return &it->second;
}

Result<const Bucket*> Buckets::bucket(const std::string& name) const {
  auto it = buckets_.find(name);
  if (it == buckets_.end()) {
    return s3_errors::no_such_bucket(name);
  }
  return &it->second;
}

std::filesystem::path Buckets::body_path(const std::string& bucket, const std::string& key) const {
  return root_ / bucket / hex_digest(DigestAlgorithm::Sha256, key);
}

Result<const Bucket*> Buckets::create(const std::string& name, const std::string& region) {
  if (auto why = invalid_bucket_name(name)) {
    return s3_errors::invalid_bucket_name(name, *why);
  }
  if (auto it = buckets_.find(name); it != buckets_.end()) {
    return it->second.region == region ? s3_errors::already_owned(name)
                                       : s3_errors::already_exists(name);
  }
  auto& made = buckets_[name];
  made.name = name;
  made.region = region;
  made.created = cloud_.clock().now();
  return &made;
}

Result<void> Buckets::remove(const std::string& name, bool with_objects) {
  FAULTBOX_TRY(b, bucket(name));
  if (!b->objects.empty() && !with_objects) {
    return s3_errors::bucket_not_empty(name);
  }
  std::error_code ec;
  std::filesystem::remove_all(root_ / name, ec);
  buckets_.erase(name);
  return {};
}

const Bucket* Buckets::find(const std::string& name) const {
  auto it = buckets_.find(name);
  return it == buckets_.end() ? nullptr : &it->second;
}

Result<void> Buckets::set_public_access_block(const std::string& name,
                                              std::optional<PublicAccessBlock> block) {
  FAULTBOX_TRY(b, bucket(name));
  b->public_access_block = block;
  return {};
}

Result<const S3Object*> Buckets::put_object(const std::string& name, S3Object object,
                                            std::string_view bytes) {
  FAULTBOX_TRY(b, bucket(name));
  FAULTBOX_TRY_VOID(write_file_atomically(body_path(name, object.key), bytes));
  object.size = bytes.size();
  object.etag = "\"" + hex_digest(DigestAlgorithm::Md5, bytes) + "\"";
  object.last_modified = cloud_.clock().now();
  auto& stored = b->objects[object.key];
  stored = std::move(object);
  return &stored;
}

Result<const S3Object*> Buckets::head_object(const std::string& name,
                                             const std::string& key) const {
  FAULTBOX_TRY(b, bucket(name));
  auto it = b->objects.find(key);
  if (it == b->objects.end()) {
    return s3_errors::no_such_key(key);
  }
  return &it->second;
}

Result<std::string> Buckets::read_object(const std::string& name, const std::string& key) const {
  FAULTBOX_TRY_VOID(head_object(name, key));
  std::ifstream in(body_path(name, key), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) {
    return errors::internal("the bytes of s3://" + name + "/" + key + " are missing");
  }
  return bytes.str();
}

Result<void> Buckets::delete_object(const std::string& name, const std::string& key) {
  FAULTBOX_TRY(b, bucket(name));
  // The path first: `key` may be the object's own, which the erase frees.
  auto path = body_path(name, key);
  if (b->objects.erase(key) > 0) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  return {};
}

Result<ObjectListing> Buckets::list_objects(const std::string& name, const std::string& prefix,
                                            const std::string& delimiter,
                                            const std::string& start_after,
                                            std::size_t max_keys) const {
  FAULTBOX_TRY(b, bucket(name));
  ObjectListing page;
  std::string last_prefix;
  std::string last_covered;  // the last key this page answers for, itself or in a prefix
  for (auto it = b->objects.upper_bound(start_after); it != b->objects.end(); ++it) {
    const auto& key = it->first;
    if (!key.starts_with(prefix)) {
      continue;
    }
    std::string rolled;
    if (auto at = delimiter.empty() ? std::string::npos : key.find(delimiter, prefix.size());
        at != std::string::npos) {
      rolled = key.substr(0, at + delimiter.size());
    }
    if (!rolled.empty() && rolled == last_prefix) {
      last_covered = key;  // one more key of the same "folder"
      continue;
    }
    if (page.objects.size() + page.common_prefixes.size() == max_keys) {
      page.next_start = last_covered;
      break;
    }
    if (rolled.empty()) {
      page.objects.push_back(&it->second);
    } else {
      page.common_prefixes.push_back(rolled);
    }
    last_prefix = rolled;
    last_covered = key;
  }
  return page;
}

std::unique_ptr<Kind> make_buckets(Cloud& cloud) { return std::make_unique<Buckets>(cloud); }

}  // namespace faultbox::cloud
