// The identity of a metric: namespace, name and dimensions (kept sorted, so order never matters).
#pragma once

#include <compare>
#include <string>
#include <vector>

namespace faultbox::monitoring {

struct Dimension {
  std::string name;
  std::string value;
  auto operator<=>(const Dimension&) const = default;
};

struct MetricKey {
  std::string metric_namespace;       // e.g. "AWS/ELB"
  std::string metric_name;            // e.g. "HTTPCode_ELB_5XX"
  std::vector<Dimension> dimensions;  // sorted by name, then value

  // Builds a key with its dimensions sorted; use it rather than filling the fields by hand.
  static MetricKey make(std::string ns, std::string name, std::vector<Dimension> dims = {});
  auto operator<=>(const MetricKey&) const = default;

  // "AWS/ELB/HTTPCode_ELB_5XX{LoadBalancerName=web}" for logs and messages.
  std::string to_string() const;
  // The value of a dimension, or nullptr.
  const std::string* dimension(const std::string& name) const;
};

}  // namespace faultbox::monitoring
