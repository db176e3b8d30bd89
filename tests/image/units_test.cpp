#include "image/units.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <sstream>

#include "image/packages.h"
#include "support/temp_dir.h"

namespace faultbox::image {
namespace {

class Units : public ::testing::Test {
 protected:
  int systemctl(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return run_systemctl(args, image_, out_, err_);
  }
  void write_unit(const std::string& name, const std::string& text) {
    std::filesystem::create_directories(root_.path() / "etc/systemd/system");
    std::ofstream(root_.path() / "etc/systemd/system" / (name + ".service")) << text;
  }
  void TearDown() override {
    for (const auto& unit : {"sleeper", "httpd"}) systemctl({"stop", unit});
  }

  test::TempDir root_;
  ImageContext image_{root_.path(), "/bin/false"};
  std::ostringstream out_, err_;
};

TEST_F(Units, AWebServerUnitComesWithItsPackage) {
  EXPECT_FALSE(find_unit("httpd", image_));
  EXPECT_EQ(systemctl({"start", "httpd"}), 5);
  EXPECT_NE(err_.str().find("Unit httpd.service not found"), std::string::npos);
  std::ostringstream out, err;
  ASSERT_EQ(run_package_manager("yum", {"install", "-y", "httpd"}, root_.path(), out, err), 0);
  auto unit = find_unit("httpd.service", image_);
  ASSERT_TRUE(unit);
  EXPECT_EQ(unit->argv, (std::vector<std::string>{"/bin/false", "instance-web", "--root",
                                                  (root_.path() / "var/www/html").string(),
                                                  "--process-name", "httpd"}));
}

TEST_F(Units, TheSsmAgentIsAUnitOfTheImage) {
  auto unit = find_unit("amazon-ssm-agent.service", image_);
  ASSERT_TRUE(unit);
  EXPECT_EQ(unit->argv, (std::vector<std::string>{"/bin/false", "ssm-agent"}));
}

TEST_F(Units, StartsStopsAndReportsAUnitFileService) {
  write_unit("sleeper", "[Unit]\nDescription=x\n[Service]\nExecStart=/bin/sleep 30\n");
  EXPECT_EQ(systemctl({"is-active", "sleeper"}), 3);
  EXPECT_EQ(systemctl({"start", "sleeper"}), 0) << err_.str();
  EXPECT_EQ(systemctl({"is-active", "sleeper"}), 0);
  EXPECT_EQ(out_.str(), "active\n");
  EXPECT_EQ(systemctl({"status", "sleeper"}), 0);
  EXPECT_NE(out_.str().find("active (running)"), std::string::npos);
  EXPECT_EQ(systemctl({"stop", "sleeper"}), 0);
  EXPECT_EQ(systemctl({"is-active", "sleeper"}), 3);
}

TEST_F(Units, AServiceThatExitsAtOnceFailsToStart) {
  write_unit("broken", "[Service]\nExecStart=/bin/sh -c 'echo nope; exit 4'\n");
  EXPECT_EQ(systemctl({"start", "broken"}), 1);
  EXPECT_NE(err_.str().find("status 4"), std::string::npos) << err_.str();
  write_unit("empty", "[Service]\nType=simple\n");
  EXPECT_EQ(systemctl({"start", "empty"}), 5);
}

TEST_F(Units, EnabledUnitsStartAtBoot) {
  write_unit("sleeper", "[Service]\nExecStart=/bin/sleep 30\nEnvironment=\"A=1\"\n");
  EXPECT_EQ(systemctl({"is-enabled", "sleeper"}), 1);
  EXPECT_EQ(systemctl({"enable", "sleeper"}), 0);
  EXPECT_EQ(systemctl({"is-enabled", "sleeper"}), 0);
  EXPECT_EQ(systemctl({"is-active", "sleeper"}), 3);  // enable alone does not start it
  std::ostringstream out, err;
  EXPECT_TRUE(start_enabled_units(image_, out, err)) << err.str();
  EXPECT_EQ(systemctl({"is-active", "sleeper"}), 0);
  EXPECT_EQ(systemctl({"disable", "--now", "sleeper"}), 0);
  EXPECT_EQ(systemctl({"is-active", "sleeper"}), 3);
  EXPECT_EQ(systemctl({"enable", "no-such-unit"}), 1);
}

TEST_F(Units, ServiceCommandIsSystemctlTheOtherWayRound) {
  write_unit("sleeper", "[Service]\nExecStart=/bin/sleep 30\n");
  std::ostringstream out, err;
  EXPECT_EQ(run_service({"sleeper", "start"}, image_, out, err), 0);
  EXPECT_EQ(systemctl({"is-active", "sleeper"}), 0);
  EXPECT_EQ(run_service({"sleeper"}, image_, out, err), 1);
}

}  // namespace
}  // namespace faultbox::image
