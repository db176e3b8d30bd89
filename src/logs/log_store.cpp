#include "logs/log_store.h"

#include <algorithm>
#include <cctype>

#include "core/arn.h"

namespace faultbox::logs {

using nlohmann::json;

namespace {
// CloudWatch Logs answers every client error with HTTP 400.
Error not_found(const std::string& what) {
  return {"ResourceNotFoundException", "The specified " + what + " does not exist.", 400};
}
Error invalid(const std::string& message) { return {"InvalidParameterException", message, 400}; }

bool valid_group_name(const std::string& name) {
  if (name.empty() || name.size() > 512) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '/' || c == '.' || c == '#' || c == '-';
  });
}

bool valid_stream_name(const std::string& name) {
  return !name.empty() && name.size() <= 512 && name.find(':') == std::string::npos &&
         name.find('*') == std::string::npos;
}

// Space-separated terms; "quoted phrases" stay whole.
std::vector<std::string> terms_of(const std::string& pattern) {
  std::vector<std::string> terms;
  std::string current;
  bool quoted = false;
  for (char c : pattern) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ' ' && !quoted) {
      if (!current.empty()) {
        terms.push_back(current);
      }
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) {
    terms.push_back(current);
  }
  return terms;
}

bool in_window(const LogEvent& e, const EventQuery& q) {
  return (!q.start_time || e.timestamp >= *q.start_time) &&
         (!q.end_time || e.timestamp < *q.end_time);
}

json event_json(const LogEvent& e) {
  return {{"timestamp", e.timestamp}, {"message", e.message}, {"ingestionTime", e.ingestion_time}};
}

// Page tokens are the index of the next event, spelled so they are not mistaken for one.
// Tokens are "f/<offset>" (forward) and "b/<offset>" (backward), as CloudWatch Logs' look.
std::size_t token_offset(const std::string& token) {
  if (token.rfind("f/", 0) != 0 && token.rfind("b/", 0) != 0) {
    return 0;
  }
  try {
    return std::stoul(token.substr(2));
  } catch (const std::exception&) {
    return 0;
  }
}
std::string token_for(std::size_t offset) { return "f/" + std::to_string(offset); }
}  // namespace

Error log_group_exists() {
  return Error("ResourceAlreadyExistsException", "The specified log group already exists", 400);
}

LogStore::LogStore(const Clock& clock, std::string region, std::string account)
    : clock_(clock), region_(std::move(region)), account_(std::move(account)) {}

std::int64_t LogStore::now_ms() const { return clock_.now().time_since_epoch().count(); }

Result<void> LogStore::create_group(const std::string& name, std::optional<int> retention_in_days) {
  if (groups_.contains(name)) {
    return log_group_exists();
  }
  return put_group(name, retention_in_days);
}

Result<void> LogStore::put_group(const std::string& name, std::optional<int> retention_in_days) {
  if (!valid_group_name(name)) {
    return invalid("Log group name \"" + name +
                   "\" must be 1-512 characters of letters, digits and _ / . # -");
  }
  auto [it, created] = groups_.try_emplace(name);
  if (created) {
    it->second.name = name;
    it->second.creation_time = now_ms();
  }
  it->second.retention_in_days = retention_in_days;
  return {};
}

Result<void> LogStore::delete_group(const std::string& name) {
  if (groups_.erase(name) == 0) {
    return not_found("log group");
  }
  return {};
}

const LogGroup* LogStore::find_group(const std::string& name) const {
  auto it = groups_.find(name);
  return it == groups_.end() ? nullptr : &it->second;
}

Result<LogGroup*> LogStore::group(const std::string& name) {
  auto it = groups_.find(name);
  if (it == groups_.end()) {
    return not_found("log group");
  }
  return &it->second;
}

Result<const LogGroup*> LogStore::group(const std::string& name) const {
  auto it = groups_.find(name);
  if (it == groups_.end()) {
    return not_found("log group");
  }
  return &it->second;
}

Result<void> LogStore::create_stream(const std::string& group_name, const std::string& stream) {
  FAULTBOX_TRY(g, group(group_name));
  if (!valid_stream_name(stream)) {
    return invalid("Log stream name \"" + stream + "\" must be 1-512 characters without : or *");
  }
  if (g->streams.contains(stream)) {
    return Error("ResourceAlreadyExistsException", "The specified log stream already exists", 400);
  }
  g->streams[stream] = {stream, now_ms(), {}};
  return {};
}

Result<void> LogStore::put_events(const std::string& group_name, const std::string& stream,
                                  std::vector<LogEvent> events) {
  FAULTBOX_TRY(g, group(group_name));
  if (!g->streams.contains(stream)) {
    FAULTBOX_TRY_VOID(create_stream(group_name, stream));
  }
  auto& s = g->streams.at(stream);
  auto ingested = now_ms();
  for (auto& e : events) {
    e.ingestion_time = ingested;
    s.events.push_back(std::move(e));
  }
  std::stable_sort(s.events.begin(), s.events.end(),
                   [](const LogEvent& a, const LogEvent& b) { return a.timestamp < b.timestamp; });
  if (s.events.size() > kMaxEventsPerStream) {
    s.events.erase(s.events.begin(),
                   s.events.end() - static_cast<std::ptrdiff_t>(kMaxEventsPerStream));
  }
  return {};
}

std::string LogStore::group_arn(const std::string& name) const {
  return arn::log_group(region_, account_, name);
}

std::string LogStore::group_name_from_arn(const std::string& text) {
  const std::string marker = "log-group:";
  auto arn = parse_arn(text);
  if (!arn || !arn->resource.starts_with(marker)) {
    return "";
  }
  auto name = arn->resource.substr(marker.size());
  if (name.size() >= 2 && name.substr(name.size() - 2) == ":*") {
    name.resize(name.size() - 2);
  }
  return name;
}

json LogStore::describe_groups(const std::string& prefix) const {
  json list = json::array();
  for (const auto& [name, g] : groups_) {
    if (!name.starts_with(prefix)) {
      continue;
    }
    std::size_t bytes = 0;
    for (const auto& [sname, s] : g.streams) {
      for (const auto& e : s.events) {
        bytes += e.message.size();
      }
    }
    auto arn = group_arn(name);
    json item = {{"logGroupName", name},
                 {"creationTime", g.creation_time},
                 {"metricFilterCount", 0},
                 {"arn", arn},
                 {"logGroupArn", arn.substr(0, arn.size() - 2)},  // without the ":*"
                 {"storedBytes", bytes}};
    if (g.retention_in_days) {
      item["retentionInDays"] = *g.retention_in_days;
    }
    list.push_back(std::move(item));
  }
  return {{"logGroups", list}};
}

Result<json> LogStore::describe_streams(const std::string& group_name,
                                        const std::string& prefix) const {
  FAULTBOX_TRY(g, group(group_name));
  json list = json::array();
  for (const auto& [name, s] : g->streams) {
    if (!name.starts_with(prefix)) {
      continue;
    }
    json item = {{"logStreamName", name},
                 {"creationTime", s.creation_time},
                 {"arn", arn::log_stream(region_, account_, g->name, name)},
                 {"storedBytes", 0}};
    if (!s.events.empty()) {
      item["firstEventTimestamp"] = s.events.front().timestamp;
      item["lastEventTimestamp"] = s.events.back().timestamp;
      item["lastIngestionTime"] = s.events.back().ingestion_time;
    }
    list.push_back(std::move(item));
  }
  return json{{"logStreams", list}};
}

Result<json> LogStore::get_events(const std::string& group_name, const std::string& stream,
                                  const EventQuery& query) const {
  FAULTBOX_TRY(g, group(group_name));
  auto it = g->streams.find(stream);
  if (it == g->streams.end()) {
    return not_found("log stream");
  }
  std::vector<const LogEvent*> matching;
  for (const auto& e : it->second.events) {
    if (in_window(e, query)) {
      matching.push_back(&e);
    }
  }
  // A page runs forward from a forward token or the head, backward from a backward token, and
  // without either (startFromHead false, the API's default) is the newest events.
  const auto n = matching.size();
  const auto limit = std::max<std::size_t>(query.limit, 1);
  std::size_t from = 0;
  std::size_t to = n;
  if (query.next_token.rfind("b/", 0) == 0) {
    to = std::min(token_offset(query.next_token), n);
    from = to > limit ? to - limit : 0;
  } else if (!query.next_token.empty() || query.from_head) {
    from = std::min(token_offset(query.next_token), n);
    to = std::min(n, from + limit);
  } else {
    from = n > limit ? n - limit : 0;
  }
  json events = json::array();
  for (auto i = from; i < to; ++i) {
    events.push_back(event_json(*matching[i]));
  }
  return json{{"events", events},
              {"nextForwardToken", token_for(to)},
              {"nextBackwardToken", "b/" + std::to_string(from)}};
}

Result<json> LogStore::filter_events(const std::string& group_name,
                                     const std::vector<std::string>& streams,
                                     const std::string& pattern, const EventQuery& query) const {
  FAULTBOX_TRY(g, group(group_name));
  auto terms = terms_of(pattern);
  struct Hit {
    const LogEvent* event;
    const std::string* stream;
  };
  std::vector<Hit> hits;
  for (const auto& [name, s] : g->streams) {
    if (!streams.empty() && std::find(streams.begin(), streams.end(), name) == streams.end()) {
      continue;
    }
    for (const auto& e : s.events) {
      bool all_terms = std::all_of(terms.begin(), terms.end(), [&e](const std::string& t) {
        return e.message.find(t) != std::string::npos;
      });
      if (all_terms && in_window(e, query)) {
        hits.push_back({&e, &name});
      }
    }
  }
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.event->timestamp < b.event->timestamp;
  });
  auto from = std::min(token_offset(query.next_token), hits.size());
  auto to = std::min(hits.size(), from + std::max<std::size_t>(query.limit, 1));
  json events = json::array();
  for (auto i = from; i < to; ++i) {
    auto e = event_json(*hits[i].event);
    e["logStreamName"] = *hits[i].stream;
    e["eventId"] = *hits[i].stream + "/" + std::to_string(i);
    events.push_back(std::move(e));
  }
  json out = {{"events", events}, {"searchedLogStreams", json::array()}};
  if (to < hits.size()) {
    out["nextToken"] = token_for(to);
  }
  return out;
}

json LogStore::to_record(const LogGroup& g) const {
  json streams = json::object();
  for (const auto& [name, s] : g.streams) {
    json events = json::array();
    for (const auto& e : s.events) {
      events.push_back({e.timestamp, e.message, e.ingestion_time});
    }
    streams[name] = {{"created", s.creation_time}, {"events", events}};
  }
  json out = {{"name", g.name}, {"created", g.creation_time}, {"streams", streams}};
  if (g.retention_in_days) {
    out["retention"] = *g.retention_in_days;
  }
  return out;
}

Result<void> LogStore::restore(const json& record) {
  try {
    LogGroup g;
    g.name = record.at("name");
    g.creation_time = record.at("created");
    if (record.contains("retention")) {
      g.retention_in_days = record["retention"].get<int>();
    }
    for (const auto& [name, s] : record.at("streams").items()) {
      LogStream stream{name, s.at("created"), {}};
      for (const auto& e : s.at("events")) {
        stream.events.push_back({e.at(0), e.at(1), e.at(2)});
      }
      g.streams.emplace(name, std::move(stream));
    }
    groups_.insert_or_assign(g.name, std::move(g));
    return {};
  } catch (const json::exception& e) {
    return errors::internal(std::string("a saved log group is not readable: ") + e.what());
  }
}

}  // namespace faultbox::logs
