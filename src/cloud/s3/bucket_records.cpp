// Buckets as "s3_bucket" records: the bucket and its objects' keys, sizes, ETags, types and
// times (their bytes stay in their files).
#include "cloud/s3/buckets.h"

namespace faultbox::cloud {

using nlohmann::json;

namespace {
long long millis(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint from_millis(const json& j) { return TimePoint(Duration(j.get<long long>())); }
}  // namespace

void Buckets::save(Records& out) const {
  auto& records = out["s3_bucket"];
  for (const auto& [name, b] : buckets_) {
    json objects = json::array();
    for (const auto& [key, o] : b.objects) {
      objects.push_back({{"key", o.key},
                         {"size", o.size},
                         {"etag", o.etag},
                         {"content_type", o.content_type},
                         {"metadata", o.metadata},
                         {"modified_ms", millis(o.last_modified)}});
    }
    json block;
    if (b.public_access_block) {
      const auto& p = *b.public_access_block;
      block = {p.block_public_acls, p.block_public_policy, p.ignore_public_acls,
               p.restrict_public_buckets};
    }
    records.emplace_back(name, json{{"name", name},
                                    {"region", b.region},
                                    {"created_ms", millis(b.created)},
                                    {"public_access_block", block},
                                    {"objects", objects}});
  }
}

Result<void> Buckets::restore(const Records& saved) {
  for (const auto& [name, j] : records_of(saved, "s3_bucket")) {
    Bucket b;
    b.name = j.at("name").get<std::string>();
    b.region = j.at("region").get<std::string>();
    b.created = from_millis(j.at("created_ms"));
    if (const auto& p = j.at("public_access_block"); p.is_array()) {
      b.public_access_block = PublicAccessBlock{p.at(0).get<bool>(), p.at(1).get<bool>(),
                                                p.at(2).get<bool>(), p.at(3).get<bool>()};
    }
    for (const auto& o : j.at("objects")) {
      S3Object object;
      object.key = o.at("key").get<std::string>();
      object.size = o.at("size").get<std::size_t>();
      object.etag = o.at("etag").get<std::string>();
      object.content_type = o.at("content_type").get<std::string>();
      object.metadata = o.at("metadata").get<std::map<std::string, std::string>>();
      object.last_modified = from_millis(o.at("modified_ms"));
      b.objects[object.key] = std::move(object);
    }
    buckets_[b.name] = std::move(b);
  }
  return {};
}

}  // namespace faultbox::cloud
