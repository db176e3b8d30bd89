#include "image/boot.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/base64.h"
#include "support/temp_dir.h"

namespace faultbox::image {
namespace {

class Boot : public ::testing::Test {
 protected:
  int boot(const std::string& user_data) {
    console_.str("");
    return boot_instance({image_, user_data}, console_);
  }
  std::filesystem::path at(const std::string& path) { return root_.path() / path; }

  test::TempDir root_;
  ImageContext image_{root_.path(), "/bin/false"};
  std::ostringstream console_;
};

TEST_F(Boot, CloudConfigWritesInstallsAndRunsOnceOnly) {
  const auto root = root_.path().string();
  const std::string doc = "#cloud-config\npackages: [httpd]\nwrite_files:\n"
                          "  - path: /var/www/html/index.tmpl\n    encoding: b64\n    content: " +
                          base64_encode("Hello $WHO") + "\nruncmd:\n  - WHO=lab envsubst < " +
                          root + "/var/www/html/index.tmpl > " + root +
                          "/var/www/html/index.html\n" + "  - echo ran >> " + root + "/runs\n";
  ASSERT_EQ(boot(doc), 0) << console_.str();
  EXPECT_EQ(test::read_file(at("var/www/html/index.html")), "Hello lab");
  EXPECT_TRUE(std::filesystem::exists(at("var/lib/faultbox-image/packages/httpd")));
  EXPECT_NE(console_.str().find("No errors."), std::string::npos);
  ASSERT_EQ(boot(doc), 0) << console_.str();
  EXPECT_EQ(test::read_file(at("runs")), "ran\n");  // runcmd ran on the first boot only
  EXPECT_NE(console_.str().find("not again"), std::string::npos);
}

TEST_F(Boot, AFailingRuncmdFailsTheBootAndSaysWhy) {
  ASSERT_EQ(boot("#cloud-config\nruncmd:\n  - echo starting\n  - exit 3\n"), 1);
  EXPECT_NE(console_.str().find("runcmd exited with status 3"), std::string::npos)
      << console_.str();
  EXPECT_NE(console_.str().find("Errors: 1"), std::string::npos);
}

TEST_F(Boot, AnUnknownPackageFailsTheBootBeforeRuncmd) {
  ASSERT_EQ(boot("#cloud-config\npackages: [no-such-thing]\nruncmd:\n  - touch " +
                 root_.path().string() + "/ran\n"),
            1);
  EXPECT_NE(console_.str().find("packages: could not install"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(at("ran")));
}

TEST_F(Boot, InvalidCloudConfigFailsTheBoot) {
  ASSERT_EQ(boot("#cloud-config\nruncmd: not-a-list\n"), 1);
  EXPECT_NE(console_.str().find("not valid cloud-config"), std::string::npos);
}

TEST_F(Boot, AScriptRunsAtEveryBoot) {
  const std::string script = "#!/bin/sh\necho booted >> " + root_.path().string() + "/boots\n";
  ASSERT_EQ(boot(script), 0);
  ASSERT_EQ(boot(script), 0);
  EXPECT_EQ(test::read_file(at("boots")), "booted\nbooted\n");
  EXPECT_EQ(boot("#!/bin/sh\nexit 7\n"), 1);
  EXPECT_NE(console_.str().find("user-data script exited with status 7"), std::string::npos);
}

TEST_F(Boot, SkippedModulesAreNamed) {
  ASSERT_EQ(boot("#cloud-config\nusers: [default]\nssh_authorized_keys: [x]\n"), 0);
  EXPECT_NE(console_.str().find("module \"users\" is not run"), std::string::npos);
  EXPECT_NE(console_.str().find("module \"ssh_authorized_keys\" is not run"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::image
