// SigV4 checked against what clients send: the requests in fuzz/corpus/aws_request are exactly as
// botocore (the aws CLI's and boto3's library) signed them, with the secret "secret", across the
// lab's 11 services and their five protocols. Each must verify with that secret at its signing
// time, and fail with another secret, a changed byte, a stale clock or a missing part.
#include "api/sigv4.h"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "net/request_bytes.h"

namespace faultbox::api {
namespace {

std::vector<std::pair<std::string, net::HttpRequest>> botocore_requests() {
  std::vector<std::pair<std::string, net::HttpRequest>> out;
  const std::filesystem::path dir =
      std::filesystem::path(FAULTBOX_SOURCE_DIR) / "fuzz" / "corpus" / "aws_request";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto request = net::request_from_bytes(text.str());
    EXPECT_TRUE(request) << entry.path();
    if (request) {
      out.emplace_back(entry.path().filename().string(), std::move(*request));
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

TimePoint signed_at(const SigV4Signature& s) {
  const auto& d = s.amz_date;
  std::tm tm{};
  tm.tm_year = std::stoi(d.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(d.substr(4, 2)) - 1;
  tm.tm_mday = std::stoi(d.substr(6, 2));
  tm.tm_hour = std::stoi(d.substr(9, 2));
  tm.tm_min = std::stoi(d.substr(11, 2));
  tm.tm_sec = std::stoi(d.substr(13, 2));
  return std::chrono::time_point_cast<Duration>(
      std::chrono::system_clock::from_time_t(timegm(&tm)));
}

TEST(SigV4, EveryRequestBotocoreSignedVerifiesWithItsSecretAndNoOther) {
  auto requests = botocore_requests();
  ASSERT_GE(requests.size(), 36u);
  for (const auto& [name, request] : requests) {
    auto read = read_sigv4(request);
    ASSERT_TRUE(read) << name << ": " << read.error().message;
    ASSERT_TRUE(read->has_value()) << name << " carries no signature";
    const auto& signature = **read;
    EXPECT_EQ(signature.access_key, "AKIDEXAMPLE") << name;
    EXPECT_EQ(signature.security_token, "token-123") << name;
    auto now = signed_at(signature) + std::chrono::minutes(3);
    auto good = verify_sigv4(request, signature, "secret", now);
    EXPECT_TRUE(good) << name << ": " << (good ? "" : good.error().message) << "\n"
                      << canonical_request(request, signature, "<payload>");
    auto wrong = verify_sigv4(request, signature, "secreT", now);
    ASSERT_FALSE(wrong) << name;
    EXPECT_EQ(wrong.error().code, "SignatureDoesNotMatch");
    EXPECT_EQ(wrong.error().http_status, 403);
  }
}

TEST(SigV4, AChangedByteAnywhereSignedFailsTheSignature) {
  for (const auto& [name, original] : botocore_requests()) {
    auto signature = **read_sigv4(original);
    auto now = signed_at(signature);
    auto body = original;
    if (!body.body.empty() && !body.header("x-amz-content-sha256")) {
      body.body[body.body.size() / 2] ^= 1;
      EXPECT_FALSE(verify_sigv4(body, signature, "secret", now)) << name << ": body";
    }
    auto target = original;
    target.target.insert(1, "x");
    EXPECT_FALSE(verify_sigv4(target, signature, "secret", now)) << name << ": path";
    auto method = original;
    method.method = method.method == "GET" ? "DELETE" : "GET";
    EXPECT_FALSE(verify_sigv4(method, signature, "secret", now)) << name << ": method";
    auto date = original;
    date.headers["x-amz-date"][14] = date.headers["x-amz-date"][14] == '0' ? '1' : '0';
    auto redated = **read_sigv4(date);
    EXPECT_FALSE(verify_sigv4(date, redated, "secret", now)) << name << ": date";
  }
}

TEST(SigV4, AClockMoreThanFifteenMinutesAwayIsRefused) {
  auto [name, request] = botocore_requests().front();
  auto signature = **read_sigv4(request);
  auto at = signed_at(signature);
  EXPECT_TRUE(verify_sigv4(request, signature, "secret", at + std::chrono::minutes(14)));
  EXPECT_TRUE(verify_sigv4(request, signature, "secret", at - std::chrono::minutes(14)));
  auto late = verify_sigv4(request, signature, "secret", at + std::chrono::minutes(16));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, "RequestExpired");
  EXPECT_FALSE(verify_sigv4(request, signature, "secret", at - std::chrono::minutes(16)));
}

TEST(SigV4, UnsignedIsNoneAndMalformedIsIncomplete) {
  net::HttpRequest plain;
  plain.method = "GET";
  plain.target = "/?Action=DescribeInstances";
  auto none = read_sigv4(plain);
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
  auto broken = plain;
  broken.headers["authorization"] = "AWS4-HMAC-SHA256 Credential=AKID/2026/eu-west-2/ec2";
  auto read = read_sigv4(broken);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, "IncompleteSignature");
  auto other = plain;
  other.headers["authorization"] = "Basic dXNlcjpwYXNz";
  EXPECT_FALSE(read_sigv4(other));
  auto presigned = plain;
  presigned.target = "/b/k?X-Amz-Credential=AKID%2F20260101%2Feu-west-2%2Fs3%2Faws4_request";
  auto half = read_sigv4(presigned);
  ASSERT_FALSE(half);
  EXPECT_EQ(half.error().code, "IncompleteSignature");
}

}  // namespace
}  // namespace faultbox::api
