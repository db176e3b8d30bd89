#include "image/cloud_config.h"

#include <gtest/gtest.h>

namespace faultbox::image {
namespace {

TEST(CloudConfig, RecognisesTheHeaderOnTheFirstLineOnly) {
  EXPECT_TRUE(is_cloud_config("#cloud-config\npackages: [httpd]\n"));
  EXPECT_FALSE(is_cloud_config("#!/bin/sh\n#cloud-config\n"));
  EXPECT_FALSE(is_cloud_config(""));
}

TEST(CloudConfig, ReadsTheModulesTheImageRuns) {
  auto config = parse_cloud_config(R"(#cloud-config
package_update: true
packages:
  - httpd
  - [jq, "1.6"]
write_files:
  - path: /var/www/html/index.html
    content: aGVsbG8=
    encoding: b64
    permissions: '0600'
    owner: root:root
  - path: /etc/motd
    content: hi
    append: true
    defer: true
runcmd:
  - systemctl enable --now httpd
  - [sh, -c, "echo it's up"]
bootcmd:
  - echo boot
users: [default]
)");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_TRUE(config->package_update);
  EXPECT_EQ(config->packages, (std::vector<std::string>{"httpd", "jq"}));
  ASSERT_EQ(config->write_files.size(), 2u);
  EXPECT_EQ(config->write_files[0].encoding, "b64");
  EXPECT_EQ(config->write_files[0].permissions, 0600u);
  EXPECT_TRUE(config->write_files[1].append);
  EXPECT_TRUE(config->write_files[1].defer);
  EXPECT_FALSE(config->write_files[1].permissions.has_value());
  ASSERT_EQ(config->runcmd.size(), 2u);
  EXPECT_EQ(config->runcmd[0], "systemctl enable --now httpd");
  // A list of words is quoted word by word, as cloud-init does.
  EXPECT_EQ(config->runcmd[1], R"('sh' '-c' 'echo it'\''s up')");
  EXPECT_EQ(config->bootcmd, (std::vector<std::string>{"echo boot"}));
  EXPECT_EQ(config->ignored_keys, (std::vector<std::string>{"users"}));
}

TEST(CloudConfig, AHeaderAloneIsAnEmptyDocument) {
  auto config = parse_cloud_config("#cloud-config\n");
  ASSERT_TRUE(config);
  EXPECT_TRUE(config->runcmd.empty());
}

TEST(CloudConfig, BadYamlNamesTheLine) {
  auto config = parse_cloud_config("#cloud-config\nruncmd:\n  - echo ok\n - [broken\n");
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("line 4"), std::string::npos) << config.error().message;
}

TEST(CloudConfig, RefusesWhatCloudInitWouldNotRun) {
  auto check = [](const std::string& doc, const std::string& expected) {
    auto config = parse_cloud_config("#cloud-config\n" + doc);
    ASSERT_FALSE(config) << doc;
    EXPECT_NE(config.error().message.find(expected), std::string::npos) << config.error().message;
  };
  check("- a list\n", "must be a map");
  check("runcmd: echo hi\n", "runcmd must be a list");
  check("write_files:\n  - content: x\n", "absolute path");
  check("write_files:\n  - path: /a\n    permissions: '0999'\n", "not an octal mode");
  check("write_files:\n  - path: /a\n    encoding: gz\n", "encoding \"gz\" is not supported");
  check("write_files:\n  - path: /a\n    mode: '0644'\n", "no key \"mode\"");
  check("packages: httpd\n", "packages must be a list");
  check("package_update: maybe\n", "true or false");
}

}  // namespace
}  // namespace faultbox::image
