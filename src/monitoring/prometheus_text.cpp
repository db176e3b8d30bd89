// Prometheus text exposition format 0.0.4: one # HELP / # TYPE per family, then its samples.
#include "monitoring/prometheus_text.h"

#include <fmt/format.h>

#include <cctype>
#include <map>

namespace faultbox::monitoring {

namespace {
bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool is_lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }

std::string escape_label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escape_help(std::string_view v) {
  std::string out;
  for (char c : v) {
    out += c == '\n' ? std::string("\\n") : c == '\\' ? std::string("\\\\") : std::string(1, c);
  }
  return out;
}

// `first` (already formatted, e.g. aws_region="eu-west-2") goes before the dimensions.
std::string labels(const MetricKey& key, const std::string& first) {
  if (key.dimensions.empty() && first.empty()) {
    return {};
  }
  std::string out = "{" + first;
  for (std::size_t i = 0; i < key.dimensions.size(); ++i) {
    out +=
        fmt::format("{}{}=\"{}\"", i > 0 || !first.empty() ? "," : "",
                    prometheus_name(key.dimensions[i].name), escape_label(key.dimensions[i].value));
  }
  return out + "}";
}

struct Family {
  std::string help;
  std::string samples;
};
using Families = std::map<std::string, Family>;

void add_samples(Families& families, const MetricStore& store, const std::string& first_label) {
  static constexpr std::pair<const char*, Statistic> kParts[] = {
      {"sum", Statistic::Sum},
      {"sample_count", Statistic::SampleCount},
      {"minimum", Statistic::Minimum},
      {"maximum", Statistic::Maximum}};
  for (const auto& [key, point] : store.latest()) {
    auto base = prometheus_name(key.metric_namespace) + "_" + prometheus_name(key.metric_name);
    for (const auto& [suffix, stat] : kParts) {
      auto& family = families[base + "_" + suffix];
      family.help = escape_help(fmt::format("{} {} ({}, newest second)", key.metric_namespace,
                                            key.metric_name, statistic_name(stat)));
      family.samples +=
          fmt::format("{}_{}{} {}\n", base, suffix, labels(key, first_label), point.value(stat));
    }
  }
}

std::string exposition(const Families& families) {
  std::string out;
  for (const auto& [name, family] : families) {
    out +=
        fmt::format("# HELP {} {}\n# TYPE {} gauge\n{}", name, family.help, name, family.samples);
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

std::string render_prometheus(const MetricStore& store) {
  Families families;
  add_samples(families, store, "");
  return exposition(families);
}

std::string render_prometheus(const std::map<std::string, const MetricStore*>& by_region) {
  Families families;
  for (const auto& [region, store] : by_region) {
    add_samples(families, *store, fmt::format("aws_region=\"{}\"", escape_label(region)));
  }
  return exposition(families);
}

}  // namespace faultbox::monitoring
