// IMDS paths and tokens. Tokens are self-validating (expiry plus a keyed hash) so the
// responder keeps no state; the hash is not cryptographic, which is enough for a local lab.
#include "compute/imds.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/iso8601.h"
#include "core/json_text.h"

namespace faultbox::compute {

namespace {

constexpr const char* kTokenPath = "/latest/api/token";
constexpr const char* kTtlHeader = "x-aws-ec2-metadata-token-ttl-seconds";
constexpr const char* kTokenHeader = "x-aws-ec2-metadata-token";
constexpr long kMaxTtlSeconds = 21600;

std::uint64_t fnv1a(std::string_view data) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : data) {
    h = (h ^ c) * 1099511628211ULL;
  }
  return h;
}

std::string sign(const std::string& secret, const std::string& id, std::int64_t expiry) {
  return fmt::format("{:016x}", fnv1a(fmt::format("{}|{}|{}", secret, id, expiry)));
}

ImdsResponse text(int status, std::string body, std::string type = "text/plain") {
  return {status, std::move(body), {{"content-type", std::move(type)}}};
}

std::optional<long> parse_long(const std::string& s) {
  long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) {
    return std::nullopt;
  }
  return v;
}

ImdsResponse issue_token(const Instance& i, const ImdsRequest& req, TimePoint now,
                         const std::string& secret) {
  auto ttl_header = req.headers.find(kTtlHeader);
  auto ttl = ttl_header == req.headers.end() ? std::nullopt : parse_long(ttl_header->second);
  if (!ttl || *ttl < 1 || *ttl > kMaxTtlSeconds) {
    return text(400, "Bad Request\n");
  }
  const std::int64_t expiry = now.time_since_epoch().count() + *ttl * 1000;
  auto res = text(200, fmt::format("{}.{}", expiry, sign(secret, i.id, expiry)));
  res.headers[kTtlHeader] = std::to_string(*ttl);
  return res;
}

bool token_valid(const Instance& i, const std::string& token, TimePoint now,
                 const std::string& secret) {
  auto dot = token.find('.');
  if (dot == std::string::npos) {
    return false;
  }
  auto expiry = parse_long(token.substr(0, dot));
  return expiry && *expiry > now.time_since_epoch().count() &&
         token.substr(dot + 1) == sign(secret, i.id, *expiry);
}

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : "\n") + item;
  }
  return out;
}

std::string identity_document(const Instance& i) {
  nlohmann::json doc{{"accountId", "000000000000"},
                     {"architecture", "x86_64"},
                     {"availabilityZone", i.availability_zone},
                     {"imageId", i.image_id},
                     {"instanceId", i.id},
                     {"instanceType", i.instance_type},
                     {"privateIp", i.private_ip},
                     {"region", i.region},
                     {"version", "2017-09-30"}};
  return json_text(doc, 2);
}

std::optional<std::string> tag_value(const Instance& i, const std::string& path) {
  constexpr std::string_view kPrefix = "/latest/meta-data/tags/instance/";
  if (path.rfind(kPrefix, 0) != 0 || !i.metadata.tags) {
    return std::nullopt;
  }
  auto it = i.tags.find(path.substr(kPrefix.size()));
  return it == i.tags.end() ? std::nullopt : std::optional<std::string>(it->second);
}

// What IMDS shows of a spot interruption under way, by the time: the rebalance recommendation
// (events/recommendations/rebalance) and then the interruption notice (spot/instance-action).
std::optional<std::string> spot_notice(const Instance& i, const std::string& path, TimePoint now) {
  const auto& s = i.spot_interruption;
  const bool rebalance = s && now >= s->rebalance_at;
  const bool notice = s && now >= s->notice_at;
  if (path == "/latest/meta-data/events" && rebalance) {
    return "recommendations/";
  }
  if (path == "/latest/meta-data/events/recommendations" && rebalance) {
    return "rebalance";
  }
  if (path == "/latest/meta-data/events/recommendations/rebalance" && rebalance) {
    // Spaced as EC2's IMDS writes it (the values are ASCII words and times).
    return fmt::format(R"({{"noticeTime": "{}"}})", format_iso8601_seconds(s->rebalance_at));
  }
  if (path == "/latest/meta-data/spot" && notice) {
    return "instance-action";
  }
  if (path == "/latest/meta-data/spot/instance-action" && notice) {
    return fmt::format(R"({{"action": "{}", "time": "{}"}})",
                       i.market.stop_on_interruption ? "stop" : "terminate",
                       format_iso8601_seconds(s->interrupt_at));
  }
  return std::nullopt;
}

std::optional<std::string> top_listing(const Instance& i, const std::string& path, TimePoint now) {
  if (path == "/latest") {
    return lines({"dynamic", "meta-data", "user-data"});
  }
  if (path == "/latest/meta-data") {
    std::vector<std::string> keys{
        "ami-id",        "hostname",       "instance-id", "instance-life-cycle",
        "instance-type", "local-hostname", "local-ipv4",  "placement/"};
    if (spot_notice(i, "/latest/meta-data/events", now)) {
      keys.push_back("events/");
    }
    if (spot_notice(i, "/latest/meta-data/spot", now)) {
      keys.push_back("spot/");
    }
    if (i.metadata.tags) {
      keys.push_back("tags/");
    }
    return lines(keys);
  }
  return std::nullopt;
}

// Directory paths answer with or without their trailing slash, as IMDS does.
std::optional<std::string> metadata(const Instance& i, std::string path, TimePoint now) {
  if (path.size() > 1 && path.back() == '/') {
    path.pop_back();
  }
  if (auto listing = top_listing(i, path, now)) {
    return listing;
  }
  if (auto notice = spot_notice(i, path, now)) {
    return notice;
  }
  // Without instance_metadata_tags = "enabled" EC2 has no tags category at all.
  if (!i.metadata.tags && path.rfind("/latest/meta-data/tags", 0) == 0) {
    return std::nullopt;
  }
  const std::map<std::string, std::string> leaves{
      {"/latest/meta-data/ami-id", i.image_id},
      {"/latest/meta-data/hostname", i.private_dns_name()},
      {"/latest/meta-data/local-hostname", i.private_dns_name()},
      {"/latest/meta-data/instance-id", i.id},
      {"/latest/meta-data/instance-type", i.instance_type},
      {"/latest/meta-data/instance-life-cycle", i.market.spot ? "spot" : "on-demand"},
      {"/latest/meta-data/local-ipv4", i.private_ip},
      {"/latest/meta-data/placement", lines({"availability-zone", "region"})},
      {"/latest/meta-data/placement/availability-zone", i.availability_zone},
      {"/latest/meta-data/placement/region", i.region},
      {"/latest/meta-data/tags", "instance"},
      {"/latest/dynamic", "instance-identity/"},
      {"/latest/dynamic/instance-identity", "document"},
      {"/latest/dynamic/instance-identity/document", identity_document(i)},
  };
  if (auto it = leaves.find(path); it != leaves.end()) {
    return it->second;
  }
  if (path == "/latest/meta-data/tags/instance") {
    std::vector<std::string> keys;
    for (const auto& entry : i.tags) {
      keys.push_back(entry.first);
    }
    return lines(keys);
  }
  if (path == "/latest/user-data" && !i.user_data.empty()) {
    return i.user_data;
  }
  return tag_value(i, path);
}

}  // namespace

ImdsResponse imds_respond(const Instance& instance, const ImdsRequest& request, TimePoint now,
                          const std::string& secret) {
  if (request.method == "PUT" && request.path == kTokenPath) {
    return issue_token(instance, request, now, secret);
  }
  if (request.method != "GET" && request.method != "HEAD") {
    auto res = text(405, "Method Not Allowed\n");
    res.headers["allow"] = request.path == kTokenPath ? "PUT" : "GET, HEAD";
    return res;
  }
  auto token = request.headers.find(kTokenHeader);
  if (token != request.headers.end() && !token_valid(instance, token->second, now, secret)) {
    return text(401, "Unauthorized\n");
  }
  if (token == request.headers.end() && instance.metadata.tokens_required) {
    return text(401, "Unauthorized\n");  // http_tokens = "required": IMDSv1 is off
  }
  auto body = metadata(instance, request.path, now);
  if (!body) {
    return text(404, "Not Found\n");
  }
  return text(200, *body);
}

}  // namespace faultbox::compute
