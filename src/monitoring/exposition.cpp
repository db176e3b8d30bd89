// Prometheus text format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats).
#include "monitoring/exposition.h"

#include <fmt/format.h>

#include <cmath>

namespace faultbox::monitoring {

namespace {
// HELP text escapes only backslash and newline; label values also the double quote.
std::string escape_help(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string value_text(double v) {
  if (std::isnan(v)) {
    return "NaN";
  }
  if (std::isinf(v)) {
    return v > 0 ? "+Inf" : "-Inf";
  }
  return fmt::format("{}", v);
}

std::string_view type_name(MetricType type) {
  switch (type) {
    case MetricType::Counter:
      return "counter";
    case MetricType::Summary:
      return "summary";
    case MetricType::Gauge:
      break;
  }
  return "gauge";
}
}  // namespace

std::string escape_label_value(std::string_view value) {
  std::string out;
  for (char c : value) {
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

Exposition::Family& Exposition::Family::add(const Labels& labels, double value,
                                            std::string_view suffix) {
  samples_ += name_;
  samples_ += suffix;
  if (!labels.empty()) {
    samples_ += '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
      samples_ += fmt::format("{}{}=\"{}\"", i > 0 ? "," : "", labels[i].first,
                              escape_label_value(labels[i].second));
    }
    samples_ += '}';
  }
  samples_ += ' ';
  samples_ += value_text(value);
  samples_ += '\n';
  return *this;
}

Exposition::Family& Exposition::family(const std::string& name, MetricType type,
                                       std::string_view help) {
  auto [it, made] = families_.try_emplace(name);
  if (made) {
    it->second.name_ = name;
    it->second.type_ = type;
    it->second.help_ = escape_help(help);
  }
  return it->second;
}

std::string Exposition::text() const {
  std::string out;
  for (const auto& [name, f] : families_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, f.help_, name, type_name(f.type_));
    out += f.samples_;
  }
  return out;
}

}  // namespace faultbox::monitoring
