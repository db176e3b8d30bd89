// The text format's writer: one HELP and TYPE per family, escaping, types, special values.
#include "monitoring/exposition.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace faultbox::monitoring {
namespace {

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

TEST(ExpositionTest, OneHelpAndTypePerFamilyBeforeItsSamples) {
  Exposition out;
  out.family("b_total", MetricType::Counter, "Bs").add({{"x", "1"}}, 2);
  out.family("a", MetricType::Gauge, "As").add({}, 1);
  out.family("b_total", MetricType::Gauge, "ignored").add({{"x", "2"}}, 3);
  EXPECT_EQ(out.text(),
            "# HELP a As\n# TYPE a gauge\na 1\n"
            "# HELP b_total Bs\n# TYPE b_total counter\nb_total{x=\"1\"} 2\nb_total{x=\"2\"} 3\n");
}

TEST(ExpositionTest, FamilyWithoutSamplesKeepsHelpAndType) {
  Exposition out;
  out.family("empty", MetricType::Gauge, "Nothing yet");
  EXPECT_EQ(out.text(), "# HELP empty Nothing yet\n# TYPE empty gauge\n");
}

TEST(ExpositionTest, EscapesLabelValuesAndHelp) {
  Exposition out;
  out.family("m", MetricType::Gauge, "back\\slash\nnewline \"quoted\"")
      .add({{"name", "a\"b\\c\nd"}, {"other", "plain"}}, 1);
  auto text = out.text();
  EXPECT_NE(text.find("# HELP m back\\\\slash\\nnewline \"quoted\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("m{name=\"a\\\"b\\\\c\\nd\",other=\"plain\"} 1\n"), std::string::npos)
      << text;
  EXPECT_EQ(escape_label_value("x\"y"), "x\\\"y");
}

TEST(ExpositionTest, SummaryParts) {
  Exposition out;
  auto& latency = out.family("lat_seconds", MetricType::Summary, "Latency");
  latency.add({{"lb", "web"}}, 0.25, "_sum");
  latency.add({{"lb", "web"}}, 4, "_count");
  auto text = out.text();
  EXPECT_EQ(count_of(text, "# TYPE lat_seconds summary\n"), 1u);
  EXPECT_NE(text.find("lat_seconds_sum{lb=\"web\"} 0.25\n"), std::string::npos) << text;
  EXPECT_NE(text.find("lat_seconds_count{lb=\"web\"} 4\n"), std::string::npos) << text;
}

TEST(ExpositionTest, SpecialValuesAsPrometheusSpellsThem) {
  Exposition out;
  auto& f = out.family("v", MetricType::Gauge, "Values");
  f.add({{"k", "inf"}}, std::numeric_limits<double>::infinity());
  f.add({{"k", "-inf"}}, -std::numeric_limits<double>::infinity());
  f.add({{"k", "nan"}}, std::nan(""));
  f.add({{"k", "big"}}, 12345678);
  auto text = out.text();
  EXPECT_NE(text.find("v{k=\"inf\"} +Inf\n"), std::string::npos) << text;
  EXPECT_NE(text.find("v{k=\"-inf\"} -Inf\n"), std::string::npos) << text;
  EXPECT_NE(text.find("v{k=\"nan\"} NaN\n"), std::string::npos) << text;
  EXPECT_NE(text.find("v{k=\"big\"} 12345678\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace faultbox::monitoring
