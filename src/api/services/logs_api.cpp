// CloudWatch Logs (json 1.1, X-Amz-Target Logs_20140328.<Op>): log groups, streams and events
// of the request's region (cloud.region(name).logs), where FIS experiment logs are shipped.
#include <fmt/format.h>

#include "api/operation_service.h"
#include "api/services/all_services.h"
#include "cloud/region_services.h"

namespace faultbox::api {

namespace {
using nlohmann::json;

logs::LogStore& store(Call& call) { return call.cloud.region(call.region).logs; }

Error invalid(std::string message) {
  return Error{"InvalidParameterException", std::move(message), 400};
}

// logGroupName, or logGroupIdentifier (a name or an ARN), as the newer operations accept.
Result<std::string> group_name(const Input& in) {
  FAULTBOX_TRY(name, in.string("logGroupName"));
  FAULTBOX_TRY(identifier, in.string("logGroupIdentifier"));
  if (!name.empty() && !identifier.empty()) {
    return invalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  }
  if (!identifier.empty()) {
    auto from_arn = logs::LogStore::group_name_from_arn(identifier);
    return from_arn.empty() ? identifier : from_arn;
  }
  if (name.empty()) {
    return invalid("Either logGroupName or logGroupIdentifier is required.");
  }
  return name;
}

// Pages a list member of `out` by index tokens: `limit` items from nextToken on.
Result<json> paged(json out, const char* member, const Input& in, long long max_limit) {
  FAULTBOX_TRY(limit, in.integer("limit"));
  FAULTBOX_TRY(token, in.string("nextToken"));
  auto n = limit.value_or(max_limit);
  if (n < 1 || n > max_limit) {
    return invalid(fmt::format("limit must be from 1 to {}.", max_limit));
  }
  const auto& list = out[member];
  std::size_t begin = 0;
  if (!token.empty()) {
    if (token.find_first_not_of("0123456789") != std::string::npos ||
        std::stoull(token) > list.size()) {
      return invalid("The specified nextToken is invalid.");
    }
    begin = std::stoull(token);
  }
  auto end = std::min(list.size(), begin + static_cast<std::size_t>(n));
  json page = json::array();
  for (auto i = begin; i < end; ++i) {
    page.push_back(list[i]);
  }
  if (end < list.size()) {
    out["nextToken"] = std::to_string(end);
  }
  out[member] = std::move(page);
  return out;
}

Result<json> describe_log_groups(Call& call, const Input& in) {
  FAULTBOX_TRY(prefix, in.string("logGroupNamePrefix"));
  return paged(store(call).describe_groups(prefix), "logGroups", in, 50);
}

Result<json> describe_log_streams(Call& call, const Input& in) {
  FAULTBOX_TRY(group, group_name(in));
  FAULTBOX_TRY(prefix, in.string("logStreamNamePrefix"));
  FAULTBOX_TRY(all, store(call).describe_streams(group, prefix));
  return paged(std::move(all), "logStreams", in, 50);
}

Result<logs::EventQuery> event_query(const Input& in) {
  logs::EventQuery q;
  FAULTBOX_TRY(start, in.integer("startTime"));
  FAULTBOX_TRY(end, in.integer("endTime"));
  FAULTBOX_TRY(limit, in.integer("limit"));
  FAULTBOX_TRY(token, in.string("nextToken"));
  if (limit && (*limit < 1 || *limit > 10000)) {
    return invalid("limit must be from 1 to 10000.");
  }
  q.start_time = start;
  q.end_time = end;
  q.limit = static_cast<std::size_t>(limit.value_or(10000));
  q.next_token = token;
  return q;
}

Result<json> get_log_events(Call& call, const Input& in) {
  FAULTBOX_TRY(group, group_name(in));
  FAULTBOX_TRY(stream, in.string("logStreamName", true));
  FAULTBOX_TRY(query, event_query(in));
  FAULTBOX_TRY(from_head, in.boolean("startFromHead"));
  query.from_head = from_head.value_or(false);  // CloudWatch Logs' default: the newest events
  return store(call).get_events(group, stream, query);
}

Result<json> filter_log_events(Call& call, const Input& in) {
  FAULTBOX_TRY(group, group_name(in));
  FAULTBOX_TRY(streams, in.strings("logStreamNames"));
  FAULTBOX_TRY(stream_prefix, in.string("logStreamNamePrefix"));
  FAULTBOX_TRY(pattern, in.string("filterPattern"));
  FAULTBOX_TRY(query, event_query(in));
  if (!streams.empty() && !stream_prefix.empty()) {
    return invalid("logStreamNames and logStreamNamePrefix are mutually exclusive.");
  }
  if (!stream_prefix.empty()) {
    const auto* g = store(call).find_group(group);
    for (const auto& [name, s] : g ? g->streams : std::map<std::string, logs::LogStream>{}) {
      if (name.starts_with(stream_prefix)) {
        streams.push_back(name);
      }
    }
    if (streams.empty()) {
      return json{{"events", json::array()}, {"searchedLogStreams", json::array()}};
    }
  }
  return store(call).filter_events(group, streams, pattern, query);
}

Result<json> create_log_group(Call& call, const Input& in) {
  FAULTBOX_TRY(name, in.string("logGroupName", true));
  FAULTBOX_TRY_VOID(store(call).create_group(name));
  return json::object();
}

Result<json> delete_log_group(Call& call, const Input& in) {
  FAULTBOX_TRY(name, in.string("logGroupName", true));
  FAULTBOX_TRY_VOID(store(call).delete_group(name));
  return json::object();
}

Result<json> create_log_stream(Call& call, const Input& in) {
  FAULTBOX_TRY(group, in.string("logGroupName", true));
  FAULTBOX_TRY(stream, in.string("logStreamName", true));
  FAULTBOX_TRY_VOID(store(call).create_stream(group, stream));
  return json::object();
}

Result<json> put_log_events(Call& call, const Input& in) {
  FAULTBOX_TRY(group, in.string("logGroupName", true));
  FAULTBOX_TRY(stream, in.string("logStreamName", true));
  FAULTBOX_TRY(items, in.structures("logEvents"));
  if (items.empty()) {
    return invalid("logEvents must hold at least one event.");
  }
  if (!store(call).find_group(group)) {
    return Error{"ResourceNotFoundException", "The specified log group does not exist.", 400};
  }
  std::vector<logs::LogEvent> events;
  for (const auto& e : items) {
    FAULTBOX_TRY(timestamp, e.integer("timestamp"));
    FAULTBOX_TRY(message, e.string("message", true));
    if (!timestamp) {
      return invalid("Each log event needs a timestamp.");
    }
    events.push_back({*timestamp, message, 0});
  }
  FAULTBOX_TRY_VOID(store(call).put_events(group, stream, std::move(events)));
  return json::object();
}
}  // namespace

const Service& logs_api() {
  static const OperationService s(
      {"logs", "CloudWatch Logs", {"logs"}, Protocol::Json, "", "", "Logs_20140328"},
      WireOptions{"1.1", false, "InvalidParameterException", {}},
      {{"DescribeLogGroups", describe_log_groups},
       {"DescribeLogStreams", describe_log_streams},
       {"GetLogEvents", get_log_events},
       {"FilterLogEvents", filter_log_events},
       {"CreateLogGroup", create_log_group},
       {"DeleteLogGroup", delete_log_group},
       {"CreateLogStream", create_log_stream},
       {"PutLogEvents", put_log_events}});
  return s;
}

}  // namespace faultbox::api
