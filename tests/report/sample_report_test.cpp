// Writes a sample page next to the test binary (build-report/sample-report.html) so a person can
// look at it; the test only checks that the file was written whole.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/report.h"
#include "report_fixtures.h"

namespace faultbox::report {
namespace {

TEST(SampleReportTest, WritesSamplePage) {
  std::error_code ec;
  auto dir = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
  ASSERT_FALSE(ec) << ec.message();
  auto path = dir / "sample-report.html";
  ReportInput in = testing::stopped_input();
  in.log = testing::completed_input().log;
  in.instance_states = testing::instance_states();
  in.traffic = testing::traffic(95);
  std::string html = report_html(in);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << html;
    ASSERT_TRUE(out.good());
  }
  std::ifstream back(path, std::ios::binary);
  std::stringstream read;
  read << back.rdbuf();
  EXPECT_EQ(read.str(), html);
}

}  // namespace
}  // namespace faultbox::report
