#include "monitoring/metric_records.h"

namespace faultbox::monitoring {

using nlohmann::json;

std::vector<std::pair<std::string, json>> metric_records(const MetricStore& store,
                                                         const std::set<MetricKey>* only) {
  std::vector<std::pair<std::string, json>> out;
  store.for_each_series([&out, only](const MetricKey& key, const auto& buckets) {
    if (only != nullptr && !only->contains(key)) {
      return;
    }
    json dims = json::array();
    for (const auto& d : key.dimensions) {
      dims.push_back({d.name, d.value});
    }
    json rows = json::array();
    for (const auto& [second, v] : buckets) {
      rows.push_back({second, v.sum, v.sample_count, v.minimum, v.maximum});
    }
    out.emplace_back(key.to_string(), json{{"namespace", key.metric_namespace},
                                           {"name", key.metric_name},
                                           {"dimensions", dims},
                                           {"buckets", rows}});
  });
  return out;
}

Result<void> restore_metric_record(MetricStore& store, const json& record) {
  try {
    std::vector<Dimension> dims;
    for (const auto& d : record.at("dimensions")) {
      dims.push_back({d.at(0).get<std::string>(), d.at(1).get<std::string>()});
    }
    const auto key = MetricKey::make(record.at("namespace"), record.at("name"), std::move(dims));
    for (const auto& row : record.at("buckets")) {
      const TimePoint t{std::chrono::seconds(row.at(0).get<std::int64_t>())};
      FAULTBOX_TRY_VOID(store.put(key, t,
                                  {row.at(1).get<double>(), row.at(2).get<double>(),
                                   row.at(3).get<double>(), row.at(4).get<double>()}));
    }
  } catch (const json::exception& e) {
    return errors::internal(std::string("a saved metric is not readable: ") + e.what());
  }
  return {};
}

}  // namespace faultbox::monitoring
