// A Cloud with fake processes and a manual clock, and requests shaped as botocore sends them.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "api/gateway.h"
#include "api/wire_codecs.h"
#include "cloud/cloud.h"
#include "support/fake_supervisor.h"

namespace faultbox::api {

class ApiTest : public ::testing::Test {
 protected:
  explicit ApiTest(cloud::CloudOptions o = options())
      : cloud_(clock_, supervisor_, control_, data_, std::move(o)) {}

  static cloud::CloudOptions options() {
    cloud::CloudOptions o;
    o.account_id = "123456789012";
    o.data_dir = std::filesystem::temp_directory_path() / "faultbox-api-test";
    o.faultbox_binary = "/opt/faultbox/bin/faultbox";
    o.imds_prefix = "http://127.0.0.1:4566/_imds/";
    o.sandbox_program = "/usr/bin/bwrap";  // Lambda's code runs in a sandbox (never here: faked)
    o.instance_boot_time = std::chrono::seconds(10);
    return o;
  }

  // A running instance in `az` with tags.
  std::string launch(const std::string& az, compute::Tags tags = {}) {
    compute::LaunchSpec spec;
    spec.availability_zone = az;
    spec.tags = std::move(tags);
    auto i = cloud_.instances().run_instance(spec);
    EXPECT_TRUE(i) << i.error().to_string();
    return i ? (*i)->id : "";
  }

  void run_for(Duration d) {
    for (auto end = clock_.now() + d; clock_.now() < end;) {
      clock_.advance(std::chrono::seconds(1));
      cloud_.tick(clock_.now());
    }
  }

  static std::string scope(const std::string& service, const std::string& region = "eu-west-2") {
    return "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/" + region + "/" + service +
           "/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123";
  }

  // A query-protocol POST (form body), as botocore sends EC2 and STS calls.
  net::HttpResponse query(const std::string& service, const std::string& form,
                          const std::string& region = "eu-west-2") {
    net::HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.headers["authorization"] = scope(service, region);
    r.headers["content-type"] = "application/x-www-form-urlencoded; charset=utf-8";
    r.body = form;
    auto out = handle_aws_request(cloud_, r);
    EXPECT_TRUE(out.has_value());
    return out ? *out : net::HttpResponse{};
  }

  // A rest-json call, as botocore sends FIS calls.
  net::HttpResponse rest(const std::string& method, const std::string& target,
                         const std::string& body = "", const std::string& region = "eu-west-2") {
    net::HttpRequest r;
    r.method = method;
    r.target = target;
    r.headers["authorization"] = scope("fis", region);
    r.headers["content-type"] = "application/json";
    r.body = body;
    auto out = handle_aws_request(cloud_, r);
    EXPECT_TRUE(out.has_value());
    return out ? *out : net::HttpResponse{};
  }

  // A smithy rpc-v2-cbor call, as botocore sends CloudWatch calls when it picks CBOR
  // (`timestamps` name the members to tag as epoch seconds).
  net::HttpResponse cbor(const std::string& service, const std::string& target_prefix,
                         const std::string& operation, const nlohmann::json& input,
                         const TimestampMembers& timestamps = {}) {
    net::HttpRequest r;
    r.method = "POST";
    r.target = "/service/" + target_prefix + "/operation/" + operation;
    r.headers["authorization"] = scope(service);
    r.headers["content-type"] = "application/cbor";
    r.headers["smithy-protocol"] = "rpc-v2-cbor";
    r.body = to_cbor(input, timestamps);
    auto out = handle_aws_request(cloud_, r);
    EXPECT_TRUE(out.has_value());
    return out ? *out : net::HttpResponse{};
  }

  // A json-protocol call (X-Amz-Target), as botocore sends CloudWatch Logs calls.
  net::HttpResponse json_call(const std::string& service, const std::string& target,
                              const nlohmann::json& input, const std::string& version = "1.1") {
    net::HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.headers["authorization"] = scope(service);
    r.headers["content-type"] = "application/x-amz-json-" + version;
    r.headers["x-amz-target"] = target;
    r.body = input.dump();
    auto out = handle_aws_request(cloud_, r);
    EXPECT_TRUE(out.has_value());
    return out ? *out : net::HttpResponse{};
  }

  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  boost::asio::io_context control_;
  boost::asio::io_context data_;
  cloud::Cloud cloud_;
};

// Counts non-overlapping occurrences of `needle`.
inline int count_of(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

}  // namespace faultbox::api
