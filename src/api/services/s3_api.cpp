// S3 (rest-xml, path-style addressing: /<bucket>/<key>): buckets and objects in the lab's S3
// (cloud::Buckets) — ListBuckets, CreateBucket, HeadBucket, GetBucketLocation, DeleteBucket,
// ListObjectsV2, PutObject, GetObject, HeadObject, DeleteObject and DeleteObjects, enough for
// `aws s3 ls/cp/rm/mb/rb` and boto3's put/get. Other operations answer NotImplemented.
#include <algorithm>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <ctime>
#include <sstream>

#include "api/protocol.h"
#include "api/services/all_services.h"
#include "api/services/s3_request.h"
#include "api/xml_writer.h"
#include "cloud/s3/buckets.h"
#include "core/aws_errors.h"
#include "core/iso8601.h"
#include "core/page_token.h"

namespace faultbox::api {

namespace {

constexpr const char* kNamespace = "http://s3.amazonaws.com/doc/2006-03-01/";

const ServiceInfo& s3_info() {
  static const ServiceInfo info{"s3",         "S3",       {"s3"}, Protocol::RestXml,
                                "2006-03-01", kNamespace, ""};
  return info;
}

cloud::Buckets& buckets(Call& call) { return call.cloud.kind<cloud::Buckets>(); }

// "Sun, 06 Dec 2026 07:31:39 GMT", as HTTP dates are written (Last-Modified).
std::string http_date(TimePoint t) {
  std::tm utc = utc_calendar(t);
  char out[64];
  std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return out;
}

net::HttpResponse empty(int status, const Call& call) {
  net::HttpResponse r;
  r.status = status;
  r.content_type.clear();
  r.headers["x-amz-request-id"] = call.request_id;
  return r;
}

net::HttpResponse xml(std::string document, const Call& call) {
  auto r = xml_body(std::move(document), call.request_id);
  r.content_type = "application/xml";
  r.headers["x-amz-request-id"] = call.request_id;
  return r;
}

// Keys in a listing asked for with encoding-type=url are percent-encoded, '/' kept.
std::string listed(const std::string& key, bool url_encoded) {
  if (!url_encoded) {
    return key;
  }
  std::string out;
  std::size_t start = 0;
  for (auto slash = key.find('/'); slash != std::string::npos; slash = key.find('/', start)) {
    out += net::url_encode(key.substr(start, slash - start)) + "/";
    start = slash + 1;
  }
  return out + net::url_encode(key.substr(start));
}

// How deep elements nest, counted in one pass: the parser recurses once per level, so a body
// nested a million deep would end the lab before it could answer.
std::size_t nesting_depth(std::string_view xml) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  for (std::size_t i = 0; i + 1 < xml.size(); ++i) {
    if (xml[i] == '<' && xml[i + 1] == '/') {
      depth -= depth > 0 ? 1 : 0;
    } else if (xml[i] == '<' && xml[i + 1] != '?' && xml[i + 1] != '!') {
      deepest = std::max(deepest, ++depth);
    } else if (xml[i] == '/' && xml[i + 1] == '>') {
      depth -= depth > 0 ? 1 : 0;
    }
  }
  return deepest;
}

// A request's XML document (an empty body is an empty tree); one that is not XML is S3's
// MalformedXML.
Result<boost::property_tree::ptree> xml_tree(const std::string& body) {
  boost::property_tree::ptree tree;
  if (body.empty()) {
    return tree;
  }
  // S3's request documents are three levels deep; 1,000 keys to delete fit in 2 MB.
  constexpr std::size_t kMaxDepth = 16;
  constexpr std::size_t kMaxBytes = 2 << 20;
  if (body.size() > kMaxBytes || nesting_depth(body) > kMaxDepth) {
    return Error{"MalformedXML", "The XML you provided is larger or deeper than S3 accepts", 400};
  }
  try {
    std::istringstream in(body);
    boost::property_tree::read_xml(in, tree);
  } catch (const boost::property_tree::ptree_error&) {
    return Error{"MalformedXML",
                 "The XML you provided was not well-formed or did not validate against our "
                 "published schema",
                 400};
  }
  return tree;
}

Result<net::HttpResponse> list_buckets(Call& call) {
  XmlWriter w("ListAllMyBucketsResult", kNamespace);
  w.open("Owner");
  w.leaf("ID", call.cloud.options().account_id);
  w.leaf("DisplayName", "faultbox");
  w.close();
  w.open("Buckets");
  for (const auto& [name, b] : buckets(call).all()) {
    w.open("Bucket");
    w.leaf("Name", name);
    w.leaf("CreationDate", format_iso8601(b.created));
    w.close();
  }
  w.close();
  return xml(w.finish(), call);
}

Result<net::HttpResponse> create_bucket(Call& call, const std::string& bucket) {
  FAULTBOX_TRY(tree, xml_tree(call.http.body));
  auto region = tree.get<std::string>("CreateBucketConfiguration.LocationConstraint", "");
  FAULTBOX_TRY_VOID(buckets(call).create(bucket, region.empty() ? "us-east-1" : region));
  auto r = empty(200, call);
  r.headers["Location"] = "/" + bucket;
  return r;
}

Result<net::HttpResponse> head_bucket(Call& call, const std::string& bucket) {
  const auto* b = buckets(call).find(bucket);
  if (!b) {
    return s3_errors::no_such_bucket(bucket);
  }
  auto r = empty(200, call);
  r.headers["x-amz-bucket-region"] = b->region;
  r.head_length = 0;
  return r;
}

Result<net::HttpResponse> bucket_location(Call& call, const std::string& bucket) {
  const auto* b = buckets(call).find(bucket);
  if (!b) {
    return s3_errors::no_such_bucket(bucket);
  }
  // us-east-1 is the empty constraint, as S3 has it.
  XmlWriter w("LocationConstraint", kNamespace);
  auto document = w.finish();
  if (b->region != "us-east-1") {
    auto close = document.rfind("</LocationConstraint>");
    document.insert(close, xml_escape(b->region));
  }
  return xml(document, call);
}

Result<net::HttpResponse> list_objects(Call& call, const std::string& bucket) {
  const auto& q = call.params;
  auto prefix = q.get("prefix").value_or("");
  auto delimiter = q.get("delimiter").value_or("");
  bool url_encoded = q.get("encoding-type").value_or("") == "url";
  long long max_keys = 1000;
  if (auto text = q.get("max-keys")) {
    try {
      max_keys = std::stoll(*text);
    } catch (const std::exception&) {
      max_keys = -1;
    }
    if (max_keys < 0) {
      return Error{"InvalidArgument", "Provided max-keys not an integer or within integer range",
                   400};
    }
  }
  std::string start = q.get("start-after").value_or("");
  if (auto token = q.get("continuation-token")) {
    auto after = read_page_token(*token);
    if (!after) {
      return Error{"InvalidArgument", "The continuation token provided is incorrect", 400};
    }
    start = *after;
  }
  FAULTBOX_TRY(page,
               buckets(call).list_objects(bucket, prefix, delimiter, start,
                                          static_cast<std::size_t>(std::min(max_keys, 1000LL))));
  XmlWriter w("ListBucketResult", kNamespace);
  w.leaf("Name", bucket);
  w.leaf("Prefix", listed(prefix, url_encoded));
  if (!delimiter.empty()) {
    w.leaf("Delimiter", listed(delimiter, url_encoded));
  }
  w.number("MaxKeys", max_keys);
  w.number("KeyCount", static_cast<long long>(page.objects.size() + page.common_prefixes.size()));
  w.boolean("IsTruncated", !page.next_start.empty());
  if (auto token = q.get("continuation-token")) {
    w.leaf("ContinuationToken", *token);
  }
  if (!page.next_start.empty()) {
    w.leaf("NextContinuationToken", make_page_token(page.next_start));
  }
  if (url_encoded) {
    w.leaf("EncodingType", "url");
  }
  for (const auto* o : page.objects) {
    w.open("Contents");
    w.leaf("Key", listed(o->key, url_encoded));
    w.leaf("LastModified", format_iso8601(o->last_modified));
    w.leaf("ETag", o->etag);
    w.number("Size", static_cast<long long>(o->size));
    w.leaf("StorageClass", "STANDARD");
    w.close();
  }
  for (const auto& p : page.common_prefixes) {
    w.open("CommonPrefixes");
    w.leaf("Prefix", listed(p, url_encoded));
    w.close();
  }
  return xml(w.finish(), call);
}

Result<net::HttpResponse> put_object(Call& call, const std::string& bucket,
                                     const std::string& key) {
  if (call.http.header("x-amz-copy-source")) {
    return not_implemented(s3_info(), "CopyObject");
  }
  cloud::S3Object object;
  object.key = key;
  if (auto type = call.http.header("content-type"); type && !type->empty()) {
    object.content_type = *type;
  }
  for (const auto& [name, value] : call.http.headers) {
    if (name.starts_with("x-amz-meta-")) {
      object.metadata[name.substr(11)] = value;
    }
  }
  FAULTBOX_TRY(stored, buckets(call).put_object(bucket, std::move(object), call.http.body));
  auto r = empty(200, call);
  r.headers["ETag"] = stored->etag;
  return r;
}

net::HttpResponse object_head(const Call& call, const cloud::S3Object& o) {
  auto r = empty(200, call);
  r.content_type = o.content_type;
  r.headers["ETag"] = o.etag;
  r.headers["Last-Modified"] = http_date(o.last_modified);
  r.headers["Accept-Ranges"] = "bytes";
  for (const auto& [name, value] : o.metadata) {
    r.headers["x-amz-meta-" + name] = value;
  }
  return r;
}

Result<net::HttpResponse> get_object(Call& call, const std::string& bucket, const std::string& key,
                                     bool head) {
  FAULTBOX_TRY(o, buckets(call).head_object(bucket, key));
  auto r = object_head(call, *o);
  if (head) {
    r.head_length = o->size;
    return r;
  }
  if (call.http.header("range")) {
    return not_implemented(s3_info(), "GetObject with a Range");
  }
  FAULTBOX_TRY(bytes, buckets(call).read_object(bucket, key));
  r.body = std::move(bytes);
  return r;
}

Result<net::HttpResponse> delete_objects(Call& call, const std::string& bucket) {
  FAULTBOX_TRY(tree, xml_tree(call.http.body));
  XmlWriter w("DeleteResult", kNamespace);
  bool quiet = tree.get<std::string>("Delete.Quiet", "false") == "true";
  if (auto objects = tree.get_child_optional("Delete")) {
    for (const auto& [element, object] : *objects) {
      if (element != "Object") {
        continue;
      }
      auto key = object.get<std::string>("Key", "");
      FAULTBOX_TRY_VOID(buckets(call).delete_object(bucket, key));
      if (!quiet) {
        w.open("Deleted");
        w.leaf("Key", key);
        w.close();
      }
    }
  }
  return xml(w.finish(), call);
}

// The operation a request is: by method, whether it names a key, and its sub-resources.
Result<net::HttpResponse> route(Call& call, const std::string& bucket, const std::string& key) {
  const auto& method = call.http.method;
  const auto& q = call.params;
  if (bucket.empty()) {
    return method == "GET" ? list_buckets(call) : not_implemented(s3_info(), method + " /");
  }
  if (!key.empty()) {
    if (method == "PUT") {
      return put_object(call, bucket, key);
    }
    if (method == "GET" || method == "HEAD") {
      return get_object(call, bucket, key, method == "HEAD");
    }
    if (method == "DELETE") {
      FAULTBOX_TRY_VOID(buckets(call).delete_object(bucket, key));
      return empty(204, call);
    }
    return not_implemented(s3_info(), method + " on an object");
  }
  if (method == "POST" && q.get("delete")) {
    return delete_objects(call, bucket);
  }
  if (method == "GET" && q.get("location")) {
    return bucket_location(call, bucket);
  }
  if (method == "GET" && q.get("list-type").value_or("") == "2") {
    return list_objects(call, bucket);
  }
  // Other sub-resources (?acl, ?policy, ?versioning, ...) are operations the lab has not.
  for (const auto* sub : {"acl", "policy", "versioning", "tagging", "cors", "lifecycle", "uploads",
                          "publicAccessBlock", "encryption", "website"}) {
    if (q.get(sub)) {
      return not_implemented(s3_info(), method + " ?" + sub);
    }
  }
  if (method == "PUT") {
    return create_bucket(call, bucket);
  }
  if (method == "HEAD") {
    return head_bucket(call, bucket);
  }
  if (method == "DELETE") {
    FAULTBOX_TRY_VOID(buckets(call).remove(bucket));
    return empty(204, call);
  }
  return not_implemented(s3_info(), method == "GET" ? "ListObjects (version 1)" : method);
}

}  // namespace

std::pair<std::string, std::string> bucket_and_key(const Call& call) {
  // Path style: "/<bucket>/<key...>", the key percent-decoded ('+' is a plus in a path).
  auto path = call.http.path();
  auto rest = std::string_view(path).substr(path.empty() ? 0 : 1);
  auto slash = rest.find('/');
  auto bucket = net::path_decode(rest.substr(0, slash));
  auto key = slash == std::string_view::npos ? "" : net::path_decode(rest.substr(slash + 1));
  return {bucket, key};
}

namespace {

class S3Service final : public Service {
 public:
  const ServiceInfo& info() const override { return s3_info(); }
  bool has_operation(std::string_view) const override { return false; }

  // IAM's S3 actions by what the request does to a bucket or a key.
  std::string action_of(const Call& call) const override {
    auto [bucket, key] = bucket_and_key(call);
    const auto& m = call.http.method;
    const bool read = m == "GET" || m == "HEAD";
    if (bucket.empty()) {
      return read ? "ListAllMyBuckets" : "";
    }
    if (key.empty()) {
      return read            ? "ListBucket"
             : m == "PUT"    ? "CreateBucket"
             : m == "DELETE" ? "DeleteBucket"
                             : "";
    }
    return read ? "GetObject" : m == "PUT" ? "PutObject" : m == "DELETE" ? "DeleteObject" : "";
  }

  net::HttpResponse handle(Call& call) const override {
    auto [bucket, key] = bucket_and_key(call);
    auto answer = route(call, bucket, key);
    if (answer) {
      return std::move(*answer);
    }
    auto r = error_response(s3_info(), answer.error(), call.request_id);
    r.headers["x-amz-request-id"] = call.request_id;
    if (call.http.method == "HEAD") {
      r.body.clear();  // HEAD answers carry no body, errors included
    }
    return r;
  }
};

}  // namespace

const Service& s3_api() {
  static const S3Service s;
  return s;
}

}  // namespace faultbox::api
