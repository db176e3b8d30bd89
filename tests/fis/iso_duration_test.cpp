// ISO 8601 duration parsing and formatting.
#include "fis/iso_duration.h"

#include <gtest/gtest.h>

namespace faultbox::fis {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(IsoDuration, ParsesTheFormsTemplatesUse) {
  EXPECT_EQ(*parse_iso_duration("PT3M"), minutes(3));
  EXPECT_EQ(*parse_iso_duration("PT1M30S"), seconds(90));
  EXPECT_EQ(*parse_iso_duration("PT0.5S"), milliseconds(500));
  EXPECT_EQ(*parse_iso_duration("P1D"), hours(24));
  EXPECT_EQ(*parse_iso_duration("PT12H"), hours(12));
  EXPECT_EQ(*parse_iso_duration("P1DT2H"), hours(26));
  EXPECT_EQ(*parse_iso_duration("P1W"), hours(24 * 7));
  EXPECT_EQ(*parse_iso_duration("PT1.5H"), minutes(90));
}

TEST(IsoDuration, RejectsBadInputQuotingIt) {
  for (const char* bad : {"", "P", "PT", "3M", "PT3", "PTM", "PT3X", "P1Y", "P2M", "PT1S2M",
                          "PT1.5M30S", "PT1..5S", "pt3m", "PT3M ", "PT1HT2M"}) {
    auto r = parse_iso_duration(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "ValidationException");
    EXPECT_NE(r.error().message.find("\"" + std::string(bad) + "\""), std::string::npos)
        << r.error().message;
  }
}

TEST(IsoDuration, FormatsShortestForm) {
  EXPECT_EQ(format_iso_duration(minutes(3)), "PT3M");
  EXPECT_EQ(format_iso_duration(seconds(90)), "PT1M30S");
  EXPECT_EQ(format_iso_duration(milliseconds(500)), "PT0.5S");
  EXPECT_EQ(format_iso_duration(hours(24)), "P1D");
  EXPECT_EQ(format_iso_duration(hours(12)), "PT12H");
  EXPECT_EQ(format_iso_duration(milliseconds(0)), "PT0S");
  EXPECT_EQ(format_iso_duration(milliseconds(1250)), "PT1.25S");
}

TEST(IsoDuration, RoundTrips) {
  for (const char* text : {"PT3M", "PT1M30S", "PT0.5S", "P1D", "PT12H", "P2DT3H4M5.006S"}) {
    EXPECT_EQ(format_iso_duration(*parse_iso_duration(text)), text);
  }
}

}  // namespace
}  // namespace faultbox::fis
