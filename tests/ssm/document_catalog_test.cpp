// The lab's SSM documents: lookups by name and ARN, SendCommand's parameter checks, and the
// scripts the documents make (durations at the lab's speed, values quoted for the shell).
#include "ssm/document_catalog.h"

#include <gtest/gtest.h>

#include "ssm/packet_fault.h"

namespace faultbox::ssm {
namespace {

class FastClock final : public Clock {
 public:
  TimePoint now() const override { return TimePoint{}; }
  double speed() const override { return 10; }
};

Script render(const std::string& name, ParameterValues given, const Clock* clock = nullptr) {
  auto document = find_document(name);
  EXPECT_TRUE(document);
  auto values = checked_parameters(**document, std::move(given));
  EXPECT_TRUE(values) << values.error().message;
  return (*document)->render(*values, RenderContext{clock});
}

TEST(DocumentCatalogTest, DocumentsAreFoundByNameOrArn) {
  EXPECT_TRUE(find_document("AWS-RunShellScript"));
  auto by_arn = find_document("arn:aws:ssm:eu-west-2::document/AWSFIS-Run-CPU-Stress");
  ASSERT_TRUE(by_arn);
  EXPECT_EQ((*by_arn)->name, "AWSFIS-Run-CPU-Stress");
  auto unknown = find_document("AWSFIS-Run-Nothing");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "InvalidDocument");
}

TEST(DocumentCatalogTest, ParametersAreCheckedAndDefaulted) {
  const auto* cpu = *find_document("AWSFIS-Run-CPU-Stress");
  auto missing = checked_parameters(*cpu, {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "InvalidParameters");
  EXPECT_NE(missing.error().message.find("DurationSeconds"), std::string::npos);
  EXPECT_FALSE(checked_parameters(*cpu, {{"DurationSeconds", {"60"}}, {"Color", {"red"}}}));
  EXPECT_FALSE(checked_parameters(*cpu, {{"DurationSeconds", {"a minute"}}}));
  EXPECT_FALSE(checked_parameters(*cpu, {{"DurationSeconds", {"60", "70"}}}));
  EXPECT_FALSE(checked_parameters(*cpu, {{"DurationSeconds", {"60"}}, {"LoadPercent", {"101"}}}));
  auto values = checked_parameters(*cpu, {{"DurationSeconds", {"60"}}});
  ASSERT_TRUE(values);
  EXPECT_EQ(first_value(*values, "CPU"), "0");
  EXPECT_EQ(first_value(*values, "LoadPercent"), "100");
  EXPECT_EQ(first_value(*values, "InstallDependencies"), "True");
  const auto* kill = *find_document("AWSFIS-Run-Kill-Process");
  EXPECT_FALSE(checked_parameters(*kill, {{"ProcessName", {"httpd"}}, {"Signal", {"SIGHUP"}}}));
  EXPECT_FALSE(checked_parameters(*kill, {{"ProcessName", {"httpd; rm -rf /"}}}));
}

TEST(DocumentCatalogTest, CpuStressRunsStressNgForTheDurationAtTheLabsSpeed) {
  FastClock clock;
  auto script =
      render("AWSFIS-Run-CPU-Stress",
             {{"DurationSeconds", {"120"}}, {"CPU", {"2"}}, {"LoadPercent", {"50"}}}, &clock);
  EXPECT_NE(script.text.find("stress-ng --cpu 2 --cpu-load 50 --timeout 12s"), std::string::npos)
      << script.text;
  EXPECT_NE(script.text.find("yum -y install stress-ng"), std::string::npos);
  EXPECT_EQ(script.execution_timeout_seconds, 72);
  auto without_install = render("AWSFIS-Run-CPU-Stress",
                                {{"DurationSeconds", {"1"}}, {"InstallDependencies", {"False"}}});
  EXPECT_EQ(without_install.text.find("yum"), std::string::npos);
  EXPECT_NE(without_install.text.find("--timeout 1s"), std::string::npos);
}

TEST(DocumentCatalogTest, MemoryStressTakesAShareOfTheInstancesMemory) {
  auto script = render("AWSFIS-Run-Memory-Stress",
                       {{"DurationSeconds", {"30"}}, {"Percent", {"50"}}, {"Workers", {"2"}}});
  EXPECT_NE(script.text.find("memory=${FAULTBOX_INSTANCE_MEMORY_MIB:-1024}"), std::string::npos);
  EXPECT_NE(script.text.find("bytes=$((memory * 50 / 100 / 2))"), std::string::npos);
  EXPECT_NE(script.text.find("stress-ng --vm 2 --vm-bytes ${bytes}M --vm-keep --timeout 30s"),
            std::string::npos)
      << script.text;
  EXPECT_FALSE(checked_parameters(**find_document("AWSFIS-Run-Memory-Stress"),
                                  {{"DurationSeconds", {"30"}}}));  // Percent is required
}

// What the disk documents do is measured on a real instance disk
// (tests/e2e/instance_limits_test.sh); here: AWS's parameters and defaults, and where their files
// go.
TEST(DocumentCatalogTest, DiskFillFillsToPercentOfTheDiskInTheFaultFilesDirectory) {
  FastClock clock;
  auto script = render("AWSFIS-Run-Disk-Fill", {{"DurationSeconds", {"300"}}}, &clock);
  EXPECT_NE(script.text.find("dir=/var/lib/amazon/ssm/fault-files\n"), std::string::npos);
  EXPECT_NE(script.text.find("fill_kib=$((size_kib * 95 / 100 - used_kib))"), std::string::npos)
      << script.text;
  EXPECT_NE(script.text.find("fallocate -l \"${fill_kib}KiB\""), std::string::npos);
  EXPECT_NE(script.text.find("sleep 30 &"), std::string::npos);
  EXPECT_EQ(script.execution_timeout_seconds, 90);
  const auto* fill = *find_document("AWSFIS-Run-Disk-Fill");
  EXPECT_FALSE(checked_parameters(*fill, {{"DurationSeconds", {"60"}}, {"Percent", {"0"}}}));
  EXPECT_FALSE(checked_parameters(*fill, {{"Percent", {"50"}}}));  // DurationSeconds is required
}

TEST(DocumentCatalogTest, IoStressRunsStressNgsIoMixOnAShareOfTheFreeSpace) {
  auto script = render("AWSFIS-Run-IO-Stress", {{"DurationSeconds", {"20"}}});
  EXPECT_NE(script.text.find("stress-ng --iomix 1 --iomix-bytes 80% --temp-path \"$dir\" "
                             "--timeout 20s"),
            std::string::npos)
      << script.text;
  auto two = render("AWSFIS-Run-IO-Stress",
                    {{"DurationSeconds", {"20"}}, {"Workers", {"2"}}, {"Percent", {"10"}}});
  EXPECT_NE(two.text.find("--iomix 2 --iomix-bytes 10%"), std::string::npos);
  EXPECT_FALSE(checked_parameters(**find_document("AWSFIS-Run-IO-Stress"),
                                  {{"DurationSeconds", {"20"}}, {"Workers", {"0"}}}));
}

TEST(DocumentCatalogTest, KillProcessSignalsEveryProcessOfTheName) {
  auto script =
      render("AWSFIS-Run-Kill-Process", {{"ProcessName", {"httpd"}}, {"Signal", {"SIGKILL"}}});
  EXPECT_NE(script.text.find("killall -s KILL 'httpd'"), std::string::npos) << script.text;
}

TEST(DocumentCatalogTest, RunShellScriptRunsTheCommandsInTheWorkingDirectory) {
  FastClock clock;
  auto script = render("AWS-RunShellScript",
                       {{"commands", {"echo one", "echo two"}},
                        {"workingDirectory", {"/var/www/it's"}},
                        {"executionTimeout", {"600"}}},
                       &clock);
  EXPECT_EQ(script.text, "cd '/var/www/it'\\''s' || exit 1\necho one\necho two\n");
  EXPECT_EQ(script.execution_timeout_seconds, 60);
  EXPECT_FALSE(checked_parameters(**find_document("AWS-RunShellScript"),
                                  {{"commands", {"true"}}, {"executionTimeout", {"172801"}}}));
}

// The network documents' packet faults, as the lab's filter applies them.
Result<PacketFault> packet_fault(const std::string& name, ParameterValues given) {
  const auto* document = *find_document(name);
  EXPECT_TRUE(document->packet_fault) << name;
  auto values = checked_parameters(*document, std::move(given));
  if (!values) return values.error();
  return document->packet_fault(*values);
}

TEST(DocumentCatalogTest, BlackholePortDropsOneProtocolsPortIngressByDefault) {
  auto fault = packet_fault("AWSFIS-Run-Network-Blackhole-Port",
                            {{"Protocol", {"tcp"}}, {"Port", {"80"}}, {"DurationSeconds", {"60"}}});
  ASSERT_TRUE(fault) << fault.error().message;
  EXPECT_TRUE(fault->ingress);
  EXPECT_EQ(fault->protocol, "tcp");
  EXPECT_EQ(fault->port, 80);
  EXPECT_EQ(fault->drop_percent, 100);
  EXPECT_FALSE(
      packet_fault("AWSFIS-Run-Network-Blackhole-Port",
                   {{"Protocol", {"icmp"}}, {"Port", {"80"}}, {"DurationSeconds", {"60"}}}));
  EXPECT_FALSE(
      packet_fault("AWSFIS-Run-Network-Blackhole-Port",
                   {{"Protocol", {"udp"}}, {"Port", {"65536"}}, {"DurationSeconds", {"60"}}}));
}

TEST(DocumentCatalogTest, PacketLossDropsItsShareOfWhatTheInstanceSends) {
  auto fault = packet_fault("AWSFIS-Run-Network-Packet-Loss", {{"DurationSeconds", {"60"}}});
  ASSERT_TRUE(fault) << fault.error().message;
  EXPECT_FALSE(fault->ingress);
  EXPECT_EQ(fault->drop_percent, 7);  // AWS's default
  EXPECT_TRUE(fault->sources.empty());
}

TEST(DocumentCatalogTest, PacketLossSourcesTakesAddressesBlocksAndZones) {
  auto fault = packet_fault("AWSFIS-Run-Network-Packet-Loss-Sources",
                            {{"Sources", {"10.0.0.0/16, 127.0.0.1,eu-west-2b,euw2-az3"}},
                             {"LossPercent", {"30"}},
                             {"TrafficType", {"egress"}},
                             {"DurationSeconds", {"60"}}});
  ASSERT_TRUE(fault) << fault.error().message;
  EXPECT_EQ(fault->sources,
            (std::vector<std::string>{"10.0.0.0/16", "127.0.0.1", "eu-west-2b", "euw2-az3"}));
  EXPECT_FALSE(fault->ingress);
  EXPECT_EQ(fault->drop_percent, 30);
  auto all = packet_fault("AWSFIS-Run-Network-Packet-Loss-Sources",
                          {{"Sources", {"ALL"}}, {"DurationSeconds", {"60"}}});
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->sources.empty());
  for (const auto* unreachable : {"S3", "example.com", "10.0.0.0/33"}) {
    auto refused = packet_fault("AWSFIS-Run-Network-Packet-Loss-Sources",
                                {{"Sources", {unreachable}}, {"DurationSeconds", {"60"}}});
    ASSERT_FALSE(refused) << unreachable;
    EXPECT_EQ(refused.error().code, "InvalidParameters");
  }
}

TEST(DocumentCatalogTest, LatencyDelaysWhatTheInstanceSends) {
  auto fault = packet_fault("AWSFIS-Run-Network-Latency", {{"DurationSeconds", {"60"}}});
  ASSERT_TRUE(fault) << fault.error().message;
  EXPECT_FALSE(fault->ingress);
  EXPECT_EQ(fault->delay_ms, 200);  // AWS's default
  EXPECT_EQ(fault->jitter_ms, 0);
  EXPECT_EQ(fault->drop_percent, 0);
  for (const auto* bad : {"0", "60001", "99999999999"}) {
    auto refused = packet_fault("AWSFIS-Run-Network-Latency",
                                {{"DelayMilliseconds", {bad}}, {"DurationSeconds", {"60"}}});
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, "InvalidParameters") << bad;
  }
}

TEST(DocumentCatalogTest, LatencySourcesDelaysWhatIsExchangedWithTheSourcesWithJitter) {
  auto fault =
      packet_fault("AWSFIS-Run-Network-Latency-Sources", {{"Sources", {"eu-west-2a, 127.0.0.1"}},
                                                          {"DelayMilliseconds", {"150"}},
                                                          {"DurationSeconds", {"60"}}});
  ASSERT_TRUE(fault) << fault.error().message;
  EXPECT_TRUE(fault->ingress);  // AWS's default TrafficType
  EXPECT_EQ(fault->delay_ms, 150);
  EXPECT_EQ(fault->jitter_ms, 10);  // AWS's default
  EXPECT_EQ(fault->sources, (std::vector<std::string>{"eu-west-2a", "127.0.0.1"}));
  auto too_jittery =
      packet_fault("AWSFIS-Run-Network-Latency-Sources", {{"Sources", {"ALL"}},
                                                          {"DelayMilliseconds", {"5"}},
                                                          {"JitterMilliseconds", {"6"}},
                                                          {"DurationSeconds", {"60"}}});
  ASSERT_FALSE(too_jittery);
  EXPECT_EQ(too_jittery.error().code, "InvalidParameters");
}

TEST(DocumentCatalogTest, ANetworkDocumentHoldsOneFaultAtATimeForItsDuration) {
  FastClock clock;
  auto script = render("AWSFIS-Run-Network-Packet-Loss", {{"DurationSeconds", {"600"}}}, &clock);
  EXPECT_NE(script.text.find("flock -n 9"), std::string::npos) << script.text;
  EXPECT_NE(script.text.find("sleep 60\n"), std::string::npos) << script.text;
  EXPECT_NE(script.text.find("Dropping 7% of the packets this instance sends"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::ssm
