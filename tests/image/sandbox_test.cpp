#include "image/sandbox.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "support/temp_dir.h"

namespace faultbox::image {
namespace {

TEST(Sandbox, RootfsIsAnAmazonLinuxLikeCopyKeptAcrossBoots) {
  test::TempDir dir;
  ASSERT_TRUE(prepare_rootfs(dir.path(), "ip-127-16-0-5.eu-west-2.compute.internal"));
  const auto etc = dir.path() / "rootfs/etc";
  EXPECT_NE(test::read_file(etc / "os-release").find("ID=\"amzn\""), std::string::npos);
  EXPECT_EQ(test::read_file(etc / "hostname"), "ip-127-16-0-5.eu-west-2.compute.internal\n");
  EXPECT_TRUE(std::filesystem::exists(etc / "passwd"));
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "rootfs/var/www/html"));
  // The SSM agent is enabled on the first boot; one the instance disabled stays disabled.
  const auto agent = etc / "systemd/system/multi-user.target.wants/amazon-ssm-agent.service";
  EXPECT_TRUE(std::filesystem::exists(agent));
  std::filesystem::remove(agent);
  std::ofstream(etc / "changed") << "mine";
  ASSERT_TRUE(prepare_rootfs(dir.path(), "other"));
  EXPECT_FALSE(std::filesystem::exists(agent));
  EXPECT_EQ(test::read_file(etc / "changed"), "mine");  // a reboot keeps what the instance wrote
  EXPECT_EQ(test::read_file(etc / "hostname"), "ip-127-16-0-5.eu-west-2.compute.internal\n");
}

// Symlinks are copied as they are, where they are (Debian's /etc/alternatives/awk is how the
// image's shell finds awk).
TEST(Sandbox, RootfsCopiesEverySymlinkOfTheMachinesEtc) {
  test::TempDir dir;
  ASSERT_TRUE(prepare_rootfs(dir.path(), "host"));
  namespace fs = std::filesystem;
  int symlinks = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(
           "/etc", fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_symlink()) continue;
    const auto relative = it->path().lexically_relative("/etc");
    // The image's own: its release and name, and its services (none of the machine's).
    if (relative == "os-release" || relative == "hostname" ||
        relative.string().starts_with("systemd/system/")) {
      continue;
    }
    const auto copy = dir.path() / "rootfs/etc" / relative;
    EXPECT_TRUE(fs::is_symlink(copy)) << copy;
    if (fs::is_symlink(copy)) {
      EXPECT_EQ(fs::read_symlink(copy), fs::read_symlink(it->path()));
    }
    ++symlinks;
  }
  EXPECT_GT(symlinks, 0);
  // Of the services, only the image's own agent is enabled.
  std::vector<std::string> enabled;
  for (const auto& entry :
       fs::recursive_directory_iterator(dir.path() / "rootfs/etc/systemd/system")) {
    if (!entry.is_directory()) enabled.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(enabled, std::vector<std::string>{"amazon-ssm-agent.service"});
}

// The image's /etc holds what any user of the machine could read, not the machine's secrets.
TEST(Sandbox, RootfsLeavesOutWhatOnlyRootMayReadInTheMachinesEtc) {
  test::TempDir dir;
  ASSERT_TRUE(prepare_rootfs(dir.path(), "host"));
  namespace fs = std::filesystem;
  const auto etc = dir.path() / "rootfs/etc";
  EXPECT_TRUE(fs::exists(etc / "passwd"));
  EXPECT_FALSE(fs::exists(etc / "shadow"));
  EXPECT_FALSE(fs::exists(etc / "gshadow"));
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(etc, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_symlink() || !it->is_regular_file()) continue;
    const auto relative = it->path().lexically_relative(etc);
    const auto original = fs::path("/etc") / relative;
    if (!fs::exists(original) || fs::is_symlink(original)) continue;  // the image's own files
    EXPECT_NE(fs::status(original).permissions() & fs::perms::others_read, fs::perms::none)
        << original << " is copied though only some users may read it";
  }
}

TEST(Sandbox, ToolsRunTheImageToolCommand) {
  test::TempDir dir;
  ASSERT_TRUE(prepare_tools(dir.path(), "/opt/fb/faultbox"));
  for (const auto& name : image_tool_names()) {
    const auto text = test::read_file(dir.path() / name);
    EXPECT_NE(text.find("exec '/opt/fb/faultbox' image-tool " + name + " \"$@\""),
              std::string::npos);
  }
}

TEST(Sandbox, CommandBindsPrivateDirsAfterTheReadOnlyMachine) {
  SandboxSpec spec{"/usr/bin/bwrap",      "/tmp/lab/instances/i-1",         "/tmp/lab/image/sbin",
                   "/tmp/build/faultbox", "/tmp/build/libfaultbox-imds.so", "ip-x"};
  auto argv = sandbox_command(spec, {"/tmp/build/faultbox", "instance-init"});
  auto pos = [&](const std::string& a, const std::string& b) {
    for (size_t i = 0; i + 1 < argv.size(); ++i) {
      if (argv[i] == a && argv[i + 1] == b) return static_cast<long>(i);
    }
    return -1L;
  };
  ASSERT_EQ(argv.front(), "/usr/bin/bwrap");
  // The machine's programs and libraries, not the rest of its files (homes, the lab's data).
  EXPECT_GE(pos("--ro-bind", "/usr"), 0);
  EXPECT_EQ(pos("--ro-bind", "/"), -1);
  for (const auto& hidden : {"/root", "/home", "/tmp/lab", "/srv", "/mnt"}) {
    EXPECT_EQ(std::find(argv.begin(), argv.end(), hidden), argv.end()) << hidden;
  }
  if (std::filesystem::is_symlink("/bin")) {
    EXPECT_GE(pos("--symlink", std::filesystem::read_symlink("/bin").string()), 0);
  }
  EXPECT_GT(pos("--tmpfs", "/tmp"), pos("--ro-bind", "/usr"));
  EXPECT_GT(pos("/tmp/lab/instances/i-1/rootfs/etc", "/etc"), 0);
  EXPECT_GT(pos("/tmp/lab/instances/i-1/rootfs/var", "/var"), 0);
  // The lab's own files under /tmp come back after /tmp is replaced.
  EXPECT_GT(pos("--bind", "/tmp/lab/instances/i-1"), pos("--tmpfs", "/tmp"));
  EXPECT_GT(pos("--ro-bind", "/tmp/build/faultbox"), pos("--tmpfs", "/tmp"));
  EXPECT_GE(pos("--cap-drop", "ALL"), 0);  // no remount of the machine's view
  EXPECT_GT(pos("--cap-add", "CAP_NET_BIND_SERVICE"), pos("--cap-drop", "ALL"));
  auto dashdash = std::find(argv.begin(), argv.end(), "--");
  ASSERT_NE(dashdash, argv.end());
  EXPECT_EQ(*(dashdash + 1), "/tmp/build/faultbox");
  EXPECT_EQ(image_path("/x"), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/x");
}

}  // namespace
}  // namespace faultbox::image
