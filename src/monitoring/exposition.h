// Prometheus' text exposition format 0.0.4: metric families, each with one # HELP and # TYPE line
// before its samples, label values escaped.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace faultbox::monitoring {

// What GET /metrics answers with.
inline constexpr std::string_view kExpositionContentType =
    "text/plain; version=0.0.4; charset=utf-8";

enum class MetricType { Gauge, Counter, Summary };

// (label name, value) in the order written. Names must match [a-zA-Z_][a-zA-Z0-9_]*; values are
// any text (escaped here).
using Labels = std::vector<std::pair<std::string, std::string>>;

class Exposition {
 public:
  class Family {
   public:
    // One sample named after the family plus `suffix` (a summary's "_sum" and "_count").
    // Infinities and NaN are written as Prometheus spells them (+Inf, -Inf, NaN).
    Family& add(const Labels& labels, double value, std::string_view suffix = {});

   private:
    friend class Exposition;
    std::string name_;
    MetricType type_ = MetricType::Gauge;
    std::string help_;
    std::string samples_;
  };

  // The family `name`, made on first use with this type and help (a counter's name ends in
  // _total); later calls return it unchanged, so several sources can add to one family.
  Family& family(const std::string& name, MetricType type, std::string_view help);

  // Every family in name order: # HELP, # TYPE and its samples; a family without samples keeps
  // its HELP and TYPE lines.
  std::string text() const;

 private:
  std::map<std::string, Family> families_;
};

// A label value with backslash, double quote and newline escaped.
std::string escape_label_value(std::string_view value);

}  // namespace faultbox::monitoring
