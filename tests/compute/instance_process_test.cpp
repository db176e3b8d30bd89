#include "compute/instance_process.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace faultbox::compute {
namespace {

Instance with_user_data(const std::string& user_data) {
  Instance i;
  i.id = "i-0123456789abcdef0";
  i.private_ip = "127.10.1.10";
  i.user_data = user_data;
  return i;
}

// An image whose bwrap is installed but cannot make views here.
ImageConfig unusable_sandbox(const test::TempDir& dir) {
  ImageConfig config;
  config.data_dir = dir.path();
  config.faultbox_binary = "/opt/fb/faultbox";
  config.sandbox_program = "/usr/bin/bwrap";
  config.sandbox_problem = "bubblewrap cannot make an instance's view here";
  return config;
}

TEST(InstanceProcess, UnusableSandboxFailsTheBootWithItsReason) {
  test::TempDir dir;
  const auto config = unusable_sandbox(dir);
  auto spec = build_process_spec(with_user_data("#!/bin/bash\necho hi\n"), config);
  ASSERT_TRUE(spec) << spec.error().message;
  ASSERT_EQ(spec->argv.size(), 5u);
  EXPECT_EQ(spec->argv[0], "/bin/sh");
  EXPECT_EQ(spec->argv[4], config.sandbox_problem);  // an argument, never shell text
}

TEST(InstanceProcess, WithoutUserDataTheBuiltInImageRunsWhateverTheSandbox) {
  test::TempDir dir;
  const auto config = unusable_sandbox(dir);
  auto spec = build_process_spec(with_user_data(""), config);
  ASSERT_TRUE(spec) << spec.error().message;
  ASSERT_FALSE(spec->argv.empty());
  EXPECT_EQ(spec->argv[0], "/opt/fb/faultbox");
  EXPECT_EQ(spec->argv[1], "instance-web");
}

TEST(InstanceProcess, TheInstanceLearnsItsAgentEndpointAndItsTypesMemory) {
  test::TempDir dir;
  auto config = unusable_sandbox(dir);
  config.ssm_endpoint_prefix = "http://127.0.0.1:4566/_ssm/";
  auto instance = with_user_data("");
  instance.instance_type = "t3.nano";
  auto spec = build_process_spec(instance, config);
  ASSERT_TRUE(spec) << spec.error().message;
  EXPECT_EQ(spec->env.at("FAULTBOX_SSM_ENDPOINT"), "http://127.0.0.1:4566/_ssm/" + instance.id);
  EXPECT_EQ(spec->env.at("FAULTBOX_INSTANCE_MEMORY_MIB"), "512");
}

}  // namespace
}  // namespace faultbox::compute
