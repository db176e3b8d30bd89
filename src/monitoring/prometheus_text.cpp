// CloudWatch's metric store as Prometheus families: four gauges per metric, dimensions as labels.
#include "monitoring/prometheus_text.h"

#include <fmt/format.h>

#include <cctype>

namespace faultbox::monitoring {

namespace {
bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool is_lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }

Labels labels(const MetricKey& key, const std::string& region) {
  Labels out;
  if (!region.empty()) {
    out.emplace_back("aws_region", region);
  }
  for (const auto& d : key.dimensions) {
    out.emplace_back(prometheus_name(d.name), d.value);
  }
  return out;
}
}  // namespace

std::string prometheus_name(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != '_') {
        out += '_';
      }
      continue;
    }
    // A word starts at an upper-case letter after a lower-case one, and at the last capital of
    // an acronym followed by a lower-case letter ("HTTPCode" -> "http_code"; "5XX" stays whole).
    bool boundary = is_upper(c) && i > 0 &&
                    (is_lower(name[i - 1]) ||
                     (is_upper(name[i - 1]) && i + 1 < name.size() && is_lower(name[i + 1])));
    if (boundary && !out.empty() && out.back() != '_') {
      out += '_';
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front())) != 0) {
    out.insert(0, "_");
  }
  return out;
}

void add_metric_store(Exposition& out, const MetricStore& store, const std::string& region) {
  static constexpr std::pair<const char*, Statistic> kParts[] = {
      {"sum", Statistic::Sum},
      {"sample_count", Statistic::SampleCount},
      {"minimum", Statistic::Minimum},
      {"maximum", Statistic::Maximum}};
  for (const auto& [key, point] : store.latest()) {
    auto base = prometheus_name(key.metric_namespace) + "_" + prometheus_name(key.metric_name);
    auto sample_labels = labels(key, region);
    for (const auto& [suffix, stat] : kParts) {
      out.family(base + "_" + suffix, MetricType::Gauge,
                 fmt::format("{} {} ({}, newest second)", key.metric_namespace, key.metric_name,
                             statistic_name(stat)))
          .add(sample_labels, point.value(stat));
    }
  }
}

std::string render_prometheus(const MetricStore& store) {
  Exposition out;
  add_metric_store(out, store, "");
  return out.text();
}

std::string render_prometheus(const std::map<std::string, const MetricStore*>& by_region) {
  Exposition out;
  for (const auto& [region, store] : by_region) {
    add_metric_store(out, *store, region);
  }
  return out.text();
}

}  // namespace faultbox::monitoring
