// CloudWatch (2010-08-01) over its three protocols: smithy rpc-v2-cbor (what current botocore
// speaks first), json 1.0 and query (the aws CLI 2.9). Alarms and metrics of the request's
// region (cloud.region(name).alarms / .metrics).
#include <fmt/format.h>

#include <algorithm>

#include "api/operation_service.h"
#include "api/services/all_services.h"
#include "cloud/region_services.h"
#include "core/aws_errors.h"
#include "monitoring/time_text.h"

namespace faultbox::api {

namespace {
using nlohmann::json;
namespace cw = query_errors;

cloud::RegionServices& region(Call& call) { return call.cloud.region(call.region); }

Error missing(std::string_view name) {
  return cw::missing_parameter(fmt::format("The parameter {} is required.", name));
}

Result<std::string> required(const Input& in, std::string_view name) {
  FAULTBOX_TRY(v, in.string(name));
  if (v.empty()) {
    return missing(name);
  }
  return v;
}

Result<TimePoint> required_time(const Input& in, std::string_view name) {
  FAULTBOX_TRY(t, in.time(name));
  if (!t) {
    return missing(name);
  }
  return *t;
}

// NextToken is the index of the first item of the page; MaxRecords caps the page.
struct Page {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string next_token;
};

Result<Page> page_of(const Input& in, std::size_t total, long long default_size,
                     long long max_size) {
  FAULTBOX_TRY(size, in.integer("MaxRecords"));
  long long n = size.value_or(default_size);
  if (n < 1 || n > max_size) {
    return cw::invalid_parameter_value(
        fmt::format("The value {} for parameter MaxRecords is not between 1 and {}.", n, max_size));
  }
  FAULTBOX_TRY(token, in.string("NextToken"));
  Page p;
  if (!token.empty()) {
    auto begin = std::strtoull(token.c_str(), nullptr, 10);
    if (token.find_first_not_of("0123456789") != std::string::npos || begin > total) {
      return Error{"InvalidNextToken", "The service couldn't process the NextToken.", 400};
    }
    p.begin = begin;
  }
  p.end = std::min(total, p.begin + static_cast<std::size_t>(n));
  if (p.end < total) {
    p.next_token = std::to_string(p.end);
  }
  return p;
}

json with_token(json out, const Page& p) {
  if (!p.next_token.empty()) {
    out["NextToken"] = p.next_token;
  }
  return out;
}

Result<std::vector<monitoring::Dimension>> dimensions(const Input& in) {
  FAULTBOX_TRY(items, in.structures("Dimensions"));
  std::vector<monitoring::Dimension> out;
  for (const auto& d : items) {
    FAULTBOX_TRY(name, d.string("Name", true));
    FAULTBOX_TRY(value, d.string("Value", true));
    out.push_back({std::move(name), std::move(value)});
  }
  return out;
}

json dimensions_json(const std::vector<monitoring::Dimension>& dims) {
  json out = json::array();
  for (const auto& d : dims) {
    out.push_back({{"Name", d.name}, {"Value", d.value}});
  }
  return out;
}

json metric_alarm(const monitoring::Alarm& a) {
  auto j = a.to_api_json();
  // The lab runs no actions; the lists are there, empty, as CloudWatch shows them.
  for (const char* actions : {"OKActions", "AlarmActions", "InsufficientDataActions"}) {
    j[actions] = json::array();
  }
  if (!a.spec().unit.empty()) {
    j["Unit"] = a.spec().unit;
  }
  return j;
}

Result<json> describe_alarms(Call& call, const Input& in) {
  FAULTBOX_TRY(names, in.strings("AlarmNames"));
  FAULTBOX_TRY(prefix, in.string("AlarmNamePrefix"));
  FAULTBOX_TRY(state_text, in.string("StateValue"));
  FAULTBOX_TRY(types, in.strings("AlarmTypes"));
  if (!names.empty() && !prefix.empty()) {
    return cw::invalid_parameter_combination(
        "AlarmNames and AlarmNamePrefix cannot be used together.");
  }
  std::optional<monitoring::AlarmState> state;
  if (!state_text.empty()) {
    state = monitoring::parse_state(state_text);
    if (!state) {
      return cw::validation(fmt::format(
          "1 validation error detected: Value '{}' at 'stateValue' failed to satisfy constraint: "
          "Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]",
          state_text));
    }
  }
  std::vector<const monitoring::Alarm*> alarms;
  bool metric_alarms =
      types.empty() || std::find(types.begin(), types.end(), "MetricAlarm") != types.end();
  if (metric_alarms) {
    for (const auto* a : region(call).alarms.describe(prefix, state)) {
      if (names.empty() ||
          std::find(names.begin(), names.end(), a->spec().alarm_name) != names.end()) {
        alarms.push_back(a);
      }
    }
  }
  FAULTBOX_TRY(page, page_of(in, alarms.size(), 50, 100));
  json list = json::array();
  for (auto n = page.begin; n < page.end; ++n) {
    list.push_back(metric_alarm(*alarms[n]));
  }
  return with_token({{"MetricAlarms", list}, {"CompositeAlarms", json::array()}}, page);
}

Result<json> describe_alarm_history(Call& call, const Input& in) {
  monitoring::HistoryQuery query;
  FAULTBOX_TRY(name, in.string("AlarmName"));
  FAULTBOX_TRY(type, in.string("HistoryItemType"));
  FAULTBOX_TRY(start, in.time("StartDate"));
  FAULTBOX_TRY(end, in.time("EndDate"));
  FAULTBOX_TRY(scan, in.string("ScanBy"));
  query.alarm_name = name;
  query.start = start;
  query.end = end;
  bool none = false;  // the lab records no Action or contributor items
  if (type == "StateUpdate") {
    query.type = monitoring::HistoryItemType::StateUpdate;
  } else if (type == "ConfigurationUpdate") {
    query.type = monitoring::HistoryItemType::ConfigurationUpdate;
  } else if (!type.empty()) {
    none = true;
  }
  std::vector<monitoring::AlarmHistoryItem> items;
  if (!none) {
    items = region(call).alarms.history(query);
  }
  if (scan == "TimestampAscending") {
    std::reverse(items.begin(), items.end());
  }
  FAULTBOX_TRY(page, page_of(in, items.size(), 100, 100));
  json list = json::array();
  for (auto n = page.begin; n < page.end; ++n) {
    list.push_back(items[n].to_api_json());
  }
  return with_token({{"AlarmHistoryItems", list}}, page);
}

Result<json> put_metric_alarm(Call& call, const Input& in) {
  FAULTBOX_TRY(spec, monitoring::AlarmSpec::from_api_json(in.members()));
  FAULTBOX_TRY_VOID(region(call).alarms.put_alarm(std::move(spec), call.cloud.clock().now()));
  return json::object();
}

Result<json> delete_alarms(Call& call, const Input& in) {
  FAULTBOX_TRY(names, in.strings("AlarmNames"));
  if (names.empty()) {
    return missing("AlarmNames");
  }
  FAULTBOX_TRY_VOID(region(call).alarms.delete_alarms(names));
  return json::object();
}

Result<json> set_alarm_state(Call& call, const Input& in) {
  FAULTBOX_TRY(name, required(in, "AlarmName"));
  FAULTBOX_TRY(state, required(in, "StateValue"));
  FAULTBOX_TRY(reason, required(in, "StateReason"));
  FAULTBOX_TRY(data, in.string("StateReasonData"));
  FAULTBOX_TRY_VOID(
      region(call).alarms.set_alarm_state(name, state, reason, data, call.cloud.clock().now()));
  return json::object();
}

// One MetricDatum: Value, StatisticValues, or Values with Counts.
Result<void> put_datum(Call& call, const std::string& ns, const Input& d) {
  FAULTBOX_TRY(name, required(d, "MetricName"));
  FAULTBOX_TRY(dims, dimensions(d));
  FAULTBOX_TRY(at, d.time("Timestamp"));
  auto key = monitoring::MetricKey::make(ns, name, std::move(dims));
  auto t = at.value_or(call.cloud.clock().now());
  auto& store = region(call).metrics;
  // Saved with the call's answer, whatever part of the data below is taken.
  region(call).metrics_put_by_calls.insert(key);
  FAULTBOX_TRY(value, d.number("Value"));
  if (value) {
    return store.put_value(key, t, *value);
  }
  if (d.has("StatisticValues")) {
    FAULTBOX_TRY(s, d.structure("StatisticValues"));
    monitoring::StatisticSet set;
    FAULTBOX_TRY(count, s.number("SampleCount"));
    FAULTBOX_TRY(sum, s.number("Sum"));
    FAULTBOX_TRY(min, s.number("Minimum"));
    FAULTBOX_TRY(max, s.number("Maximum"));
    if (!count || !sum || !min || !max) {
      return missing("StatisticValues.SampleCount, Sum, Minimum and Maximum");
    }
    set = {*sum, *count, *min, *max};
    return store.put(key, t, set);
  }
  if (d.has("Values")) {
    auto values = d.get("Values");
    auto counts = d.get("Counts");
    if (!values->is_array() ||
        (counts && (!counts->is_array() || counts->size() != values->size()))) {
      return cw::invalid_parameter_value(
          "The parameters MetricData.member.N.Values and MetricData.member.N.Counts must be "
          "lists of the same length.");
    }
    for (std::size_t n = 0; n < values->size(); ++n) {
      json one = {{"v", (*values)[n]}, {"c", counts ? (*counts)[n] : json(1)}};
      Input pair(one, "InvalidParameterValue");
      FAULTBOX_TRY(v, pair.number("v"));
      FAULTBOX_TRY(c, pair.number("c"));
      auto set = monitoring::StatisticSet::of_value(*v);
      set.sum = *v * *c;
      set.sample_count = *c;
      FAULTBOX_TRY_VOID(store.put(key, t, set));
    }
    return {};
  }
  return cw::invalid_parameter_combination(
      fmt::format("The metric {} needs a Value, StatisticValues or Values.", key.to_string()));
}

Result<json> put_metric_data(Call& call, const Input& in) {
  FAULTBOX_TRY(ns, required(in, "Namespace"));
  if (ns.rfind("AWS/", 0) == 0) {
    return cw::invalid_parameter_value(
        fmt::format("The value {} for parameter Namespace is invalid.", ns));
  }
  FAULTBOX_TRY(data, in.structures("MetricData"));
  if (data.empty()) {
    return missing("MetricData");
  }
  for (const auto& d : data) {
    FAULTBOX_TRY_VOID(put_datum(call, ns, d));
  }
  return json::object();
}

Result<monitoring::MetricKey> metric_of(const Input& in) {
  FAULTBOX_TRY(ns, required(in, "Namespace"));
  FAULTBOX_TRY(name, required(in, "MetricName"));
  FAULTBOX_TRY(dims, dimensions(in));
  return monitoring::MetricKey::make(std::move(ns), std::move(name), std::move(dims));
}

Result<json> get_metric_statistics(Call& call, const Input& in) {
  FAULTBOX_TRY(key, metric_of(in));
  FAULTBOX_TRY(start, required_time(in, "StartTime"));
  FAULTBOX_TRY(end, required_time(in, "EndTime"));
  FAULTBOX_TRY(period, in.integer("Period"));
  if (!period) {
    return missing("Period");
  }
  FAULTBOX_TRY(names, in.strings("Statistics"));
  FAULTBOX_TRY(extended, in.strings("ExtendedStatistics"));
  if (!extended.empty()) {
    return cw::invalid_parameter_value(
        "ExtendedStatistics (percentiles) are not supported by the lab.");
  }
  if (names.empty()) {
    return cw::invalid_parameter_combination(
        "Must specify either Statistics or ExtendedStatistics, but not both.");
  }
  std::vector<monitoring::Statistic> stats;
  for (const auto& n : names) {
    auto s = monitoring::parse_statistic(n);
    if (!s) {
      return cw::validation(
          fmt::format("1 validation error detected: Value '[{}]' at 'statistics' failed to satisfy "
                      "constraint: Member must satisfy enum value set: {}",
                      n, monitoring::kStatisticValueSet));
    }
    stats.push_back(*s);
  }
  FAULTBOX_TRY(points, region(call).metrics.statistics(key, start, end,
                                                       std::chrono::seconds(*period), stats));
  json list = json::array();
  for (const auto& p : points) {
    json d = {{"Timestamp", monitoring::api_time(p.timestamp)}, {"Unit", "None"}};
    for (auto s : stats) {
      d[std::string(monitoring::statistic_name(s))] = p.value(s);
    }
    list.push_back(std::move(d));
  }
  return json{{"Label", key.metric_name}, {"Datapoints", list}};
}

Result<json> metric_data_result(Call& call, const Input& q, TimePoint start, TimePoint end,
                                bool ascending) {
  FAULTBOX_TRY(id, q.string("Id", true));
  if (q.has("Expression")) {
    return cw::validation(
        fmt::format("The query {} uses an Expression; the lab supports MetricStat only.", id));
  }
  FAULTBOX_TRY(stat_in, q.structure("MetricStat"));
  FAULTBOX_TRY(metric_in, stat_in.structure("Metric"));
  FAULTBOX_TRY(key, metric_of(metric_in));
  FAULTBOX_TRY(period, stat_in.integer("Period"));
  FAULTBOX_TRY(stat_text, stat_in.string("Stat", true));
  auto stat = monitoring::parse_statistic(stat_text);
  if (!stat) {
    return cw::validation(
        fmt::format("The statistic {} of query {} is not supported by the lab.", stat_text, id));
  }
  if (!period || *period < 1) {
    return cw::validation(fmt::format("The Period of query {} must be a positive number.", id));
  }
  auto points = region(call).metrics.periods(key, start, end, std::chrono::seconds(*period));
  if (!ascending) {
    std::reverse(points.begin(), points.end());
  }
  json times = json::array();
  json values = json::array();
  for (const auto& p : points) {
    times.push_back(monitoring::api_time(p.timestamp));
    values.push_back(p.value(*stat));
  }
  FAULTBOX_TRY(label, q.string("Label"));
  return json{{"Id", id},
              {"Label", label.empty() ? key.metric_name : label},
              {"Timestamps", times},
              {"Values", values},
              {"StatusCode", "Complete"},
              {"Messages", json::array()}};
}

Result<json> get_metric_data(Call& call, const Input& in) {
  FAULTBOX_TRY(queries, in.structures("MetricDataQueries"));
  FAULTBOX_TRY(start, required_time(in, "StartTime"));
  FAULTBOX_TRY(end, required_time(in, "EndTime"));
  FAULTBOX_TRY(scan, in.string("ScanBy"));
  if (queries.empty()) {
    return missing("MetricDataQueries");
  }
  if (start >= end) {
    return cw::validation("The parameter StartTime must be less than the parameter EndTime.");
  }
  json results = json::array();
  for (const auto& q : queries) {
    FAULTBOX_TRY(returned, q.boolean("ReturnData"));
    FAULTBOX_TRY(result, metric_data_result(call, q, start, end, scan == "TimestampAscending"));
    if (returned.value_or(true)) {
      results.push_back(std::move(result));
    }
  }
  return json{{"MetricDataResults", results}, {"Messages", json::array()}};
}

Result<json> list_metrics(Call& call, const Input& in) {
  FAULTBOX_TRY(ns, in.string("Namespace"));
  FAULTBOX_TRY(name, in.string("MetricName"));
  FAULTBOX_TRY(filters_in, in.structures("Dimensions"));
  std::vector<monitoring::DimensionFilter> filters;
  for (const auto& f : filters_in) {
    FAULTBOX_TRY(dim, f.string("Name", true));
    std::optional<std::string> value;
    if (f.has("Value")) {
      FAULTBOX_TRY(v, f.string("Value"));
      value = v;
    }
    filters.push_back({dim, value});
  }
  auto keys = region(call).metrics.list_metrics(ns, name, filters);
  FAULTBOX_TRY(token, in.string("NextToken"));
  Input paging(json{{"MaxRecords", 500}, {"NextToken", token}}, "InvalidParameterValue");
  FAULTBOX_TRY(page, page_of(paging, keys.size(), 500, 500));
  json list = json::array();
  for (auto n = page.begin; n < page.end; ++n) {
    list.push_back({{"Namespace", keys[n].metric_namespace},
                    {"MetricName", keys[n].metric_name},
                    {"Dimensions", dimensions_json(keys[n].dimensions)}});
  }
  return with_token({{"Metrics", list}}, page);
}
}  // namespace

const Service& cloudwatch_api() {
  static const OperationService s(
      {"cloudwatch",
       "CloudWatch",
       {"monitoring"},
       Protocol::Query,
       "2010-08-01",
       "http://monitoring.amazonaws.com/doc/2010-08-01/",
       "GraniteServiceVersion20100801"},
      WireOptions{"1.0",
                  true,
                  "ValidationError",
                  {"Timestamp", "Timestamps", "StateUpdatedTimestamp", "StateTransitionedTimestamp",
                   "AlarmConfigurationUpdatedTimestamp"}},
      {{"DescribeAlarms", describe_alarms},
       {"DescribeAlarmHistory", describe_alarm_history},
       {"PutMetricAlarm", put_metric_alarm},
       {"DeleteAlarms", delete_alarms},
       {"SetAlarmState", set_alarm_state},
       {"PutMetricData", put_metric_data},
       {"GetMetricStatistics", get_metric_statistics},
       {"GetMetricData", get_metric_data},
       {"ListMetrics", list_metrics}});
  return s;
}

}  // namespace faultbox::api
