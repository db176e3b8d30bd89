// CloudWatch Logs for one region: log groups, their streams and events. The lab writes FIS
// experiment logs here (the template's logConfiguration); users read them with `faultbox logs`
// and, through the AWS API, DescribeLogGroups / DescribeLogStreams / GetLogEvents /
// FilterLogEvents. Results are the Logs API's JSON shapes (times in epoch milliseconds).
// Control strand only.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace faultbox::logs {

struct LogEvent {
  std::int64_t timestamp = 0;  // epoch ms, as given
  std::string message;
  std::int64_t ingestion_time = 0;
};

struct LogStream {
  std::string name;
  std::int64_t creation_time = 0;
  std::vector<LogEvent> events;  // in timestamp order
};

struct LogGroup {
  std::string name;
  std::int64_t creation_time = 0;
  std::optional<int> retention_in_days;
  std::map<std::string, LogStream> streams;
};

struct EventQuery {
  std::optional<std::int64_t> start_time;  // inclusive, epoch ms
  std::optional<std::int64_t> end_time;    // exclusive
  std::size_t limit = 10000;
  std::string next_token;  // from a previous answer; "" for the first page
  bool from_head = true;   // GetLogEvents without a token: oldest first, or else the newest page
};

// Bounds that keep a long-running lab's memory in check (the oldest events go first).
inline constexpr std::size_t kMaxEventsPerStream = 10000;

// CreateLogGroup's error for a name in use.
Error log_group_exists();

class LogStore {
 public:
  LogStore(const Clock& clock, std::string region, std::string account);

  // CreateLogGroup; ResourceAlreadyExistsException when it exists. Names: 1-512 of
  // [A-Za-z0-9_/.#-], else InvalidParameterException.
  Result<void> create_group(const std::string& name, std::optional<int> retention_in_days = {});
  // Creates the group unless it exists (what a stack's apply wants); updates the retention.
  Result<void> put_group(const std::string& name, std::optional<int> retention_in_days = {});
  Result<void> delete_group(const std::string& name);
  const LogGroup* find_group(const std::string& name) const;
  const std::map<std::string, LogGroup>& groups() const { return groups_; }

  // CreateLogStream; ResourceNotFoundException for an unknown group.
  Result<void> create_stream(const std::string& group, const std::string& stream);
  // PutLogEvents (the stream is created when missing, as the lab's own writers want).
  Result<void> put_events(const std::string& group, const std::string& stream,
                          std::vector<LogEvent> events);

  // "arn:aws:logs:<region>:<account>:log-group:<name>:*" (DescribeLogGroups' arn).
  std::string group_arn(const std::string& name) const;
  // The group an ARN names ("...:log-group:NAME" with or without ":*"), or "".
  static std::string group_name_from_arn(const std::string& arn);

  nlohmann::json describe_groups(const std::string& prefix = "") const;
  Result<nlohmann::json> describe_streams(const std::string& group,
                                          const std::string& prefix = "") const;
  // GetLogEvents, oldest first; nextForwardToken pages on.
  Result<nlohmann::json> get_events(const std::string& group, const std::string& stream,
                                    const EventQuery& query) const;
  // FilterLogEvents over `streams` (all when empty): events whose message contains every term
  // of `pattern` (space-separated; quoted phrases kept whole), sorted by time.
  Result<nlohmann::json> filter_events(const std::string& group,
                                       const std::vector<std::string>& streams,
                                       const std::string& pattern, const EventQuery& query) const;

  // Persistence across lab restarts.
  nlohmann::json to_record(const LogGroup& group) const;
  Result<void> restore(const nlohmann::json& record);

 private:
  std::int64_t now_ms() const;
  Result<LogGroup*> group(const std::string& name);
  Result<const LogGroup*> group(const std::string& name) const;

  const Clock& clock_;
  std::string region_;
  std::string account_;
  std::map<std::string, LogGroup> groups_;
};

}  // namespace faultbox::logs
