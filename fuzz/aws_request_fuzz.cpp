// A whole AWS API call as it arrives on the lab's port: the bytes of an HTTP/1.1 request, framed
// by Beast's parser under the server's limits (net::HttpLimits), then recognised (SigV4 scope,
// X-Amz-Target, Action, rest routes) and answered by the service's protocol reader and operation
// (query, JSON 1.0/1.1, rest-json, rest-xml, rpc-v2 CBOR) against one lab's Cloud, with no
// processes. The Cloud is made again every few thousand inputs, so that what earlier inputs
// created stays bounded.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unistd.h>

#include <boost/asio/io_context.hpp>

#include "api/gateway.h"
#include "cloud/cloud.h"
#include "core/clock.h"
#include "net/request_bytes.h"

namespace {

namespace http = boost::beast::http;
using namespace faultbox;

// Starts nothing: every process "runs" until signalled, then has exited.
class NoProcesses final : public compute::ProcessSupervisor {
 public:
  Result<int> spawn(const compute::ProcessSpec&) override { return next_++; }
  void signal(int pid, int) override { ended_.insert(pid); }
  std::vector<compute::ProcessExit> reap() override {
    std::vector<compute::ProcessExit> out;
    for (int pid : ended_) out.push_back({pid, 0, std::nullopt});
    ended_.clear();
    return out;
  }

 private:
  int next_ = 100000;
  std::set<int> ended_;
};

struct Lab {
  Lab() : cloud(std::make_unique<cloud::Cloud>(clock, processes, control, data, options())) {}
  ~Lab() {
    const auto dir = cloud->options().data_dir;
    cloud.reset();  // before its files go
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  static cloud::CloudOptions options() {
    cloud::CloudOptions o;
    o.data_dir = std::filesystem::temp_directory_path() /
                 ("faultbox-fuzz-aws-" + std::to_string(::getpid()));
    o.imds_prefix = "http://127.0.0.1:4566/_imds/";
    o.api_endpoint = "http://127.0.0.1:4566";
    return o;  // no sandbox program: a Lambda invocation runs nothing
  }
  ManualClock clock;
  NoProcesses processes;
  boost::asio::io_context control, data;
  std::unique_ptr<cloud::Cloud> cloud;
};

std::unique_ptr<Lab> lab;
int inputs_since_made = 0;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!lab || ++inputs_since_made > 2000) {
    lab.reset();
    lab = std::make_unique<Lab>();
    inputs_since_made = 0;
  }
  auto parsed = net::request_from_bytes(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!parsed) return 0;  // the server answers 400 and goes no further
  auto& request = *parsed;
  request.remote_address = "127.0.0.1";
  request.local_address = "127.0.0.1";
  (void)api::handle_aws_request(*lab->cloud, request);
  return 0;
}
