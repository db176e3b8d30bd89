// MetricKey construction and printing.
#include "monitoring/metric_key.h"

#include <algorithm>

namespace faultbox::monitoring {

MetricKey MetricKey::make(std::string ns, std::string name, std::vector<Dimension> dims) {
  std::sort(dims.begin(), dims.end());
  return {std::move(ns), std::move(name), std::move(dims)};
}

std::string MetricKey::to_string() const {
  std::string out = metric_namespace + "/" + metric_name;
  if (dimensions.empty()) {
    return out;
  }
  out += "{";
  for (std::size_t i = 0; i < dimensions.size(); ++i) {
    out += (i > 0 ? "," : "") + dimensions[i].name + "=" + dimensions[i].value;
  }
  return out + "}";
}

const std::string* MetricKey::dimension(const std::string& name) const {
  for (const auto& d : dimensions) {
    if (d.name == name) {
      return &d.value;
    }
  }
  return nullptr;
}

}  // namespace faultbox::monitoring
