#include "image/packages.h"

#include <gtest/gtest.h>

#include <sstream>

#include "support/temp_dir.h"

namespace faultbox::image {
namespace {

struct Run {
  int code;
  std::string out, err;
};

Run run(const std::string& manager, std::vector<std::string> args,
        const std::filesystem::path& root) {
  std::ostringstream out, err;
  int code = run_package_manager(manager, args, root, out, err);
  return {code, out.str(), err.str()};
}

TEST(Packages, InstallsAWebServerAndRemembersIt) {
  test::TempDir root;
  EXPECT_FALSE(package_installed("httpd", root.path()));
  auto first = run("yum", {"install", "-y", "httpd"}, root.path());
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("Installed: httpd"), std::string::npos);
  EXPECT_NE(first.out.find("Complete!"), std::string::npos);
  EXPECT_TRUE(package_installed("httpd", root.path()));
  auto again = run("dnf", {"install", "httpd"}, root.path());
  EXPECT_NE(again.out.find("already installed"), std::string::npos);
  EXPECT_EQ(run("yum", {"list", "installed"}, root.path()).out.find("httpd"), 0u);
  EXPECT_EQ(run("yum", {"remove", "-y", "httpd"}, root.path()).code, 0);
  EXPECT_FALSE(package_installed("httpd", root.path()));
}

TEST(Packages, RefusesWhatTheImageDoesNotHaveLikeEachTool) {
  test::TempDir root;
  auto yum = run("yum", {"install", "-y", "httpd", "mariadb105-server"}, root.path());
  EXPECT_EQ(yum.code, 1);
  EXPECT_NE(yum.err.find("No match for argument: mariadb105-server"), std::string::npos);
  // Nothing is half-installed when one name is unknown.
  EXPECT_FALSE(package_installed("httpd", root.path()));
  auto apt = run("apt-get", {"install", "-y", "mariadb-server"}, root.path());
  EXPECT_EQ(apt.code, 100);
  EXPECT_NE(apt.err.find("E: Unable to locate package mariadb-server"), std::string::npos);
  EXPECT_EQ(run("dnf", {"frobnicate"}, root.path()).code, 1);
  EXPECT_EQ(run("yum", {"install"}, root.path()).code, 1);
}

TEST(Packages, ToolsTheMachineHasAreInstalledFromTheStart) {
  test::TempDir root;
  // /bin/sh exists everywhere; curl is installed by the lab's set-up.
  EXPECT_TRUE(package_installed("curl", root.path()));
  EXPECT_EQ(run("yum", {"install", "-y", "curl"}, root.path()).code, 0);
  EXPECT_EQ(run("yum", {"update", "-y"}, root.path()).code, 0);
  EXPECT_EQ(run("apt-get", {"update"}, root.path()).code, 0);
}

TEST(Packages, CloudInitsPackagesModuleStopsAtTheFirstUnknownName) {
  test::TempDir root;
  std::ostringstream out, err;
  EXPECT_TRUE(install_packages({}, root.path(), out, err));
  EXPECT_TRUE(install_packages({"nginx"}, root.path(), out, err));
  EXPECT_FALSE(install_packages({"no-such-package"}, root.path(), out, err));
  EXPECT_NE(err.str().find("no-such-package"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::image
