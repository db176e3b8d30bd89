#include "api/sigv4.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/digest.h"
#include "core/iso8601.h"

namespace faultbox::api {

namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr auto kClockSkew = std::chrono::minutes(15);

Error incomplete(const std::string& what) { return Error{"IncompleteSignature", what, 400}; }

std::vector<std::string> split_on(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto end = text.find(separator, start);
    out.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) {
      return out;
    }
    start = end + 1;
  }
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

// Fills the scope's parts from "AKID/20260101/eu-west-2/fis/aws4_request".
Result<void> read_credential(std::string_view credential, SigV4Signature& out) {
  auto parts = split_on(credential, '/');
  if (parts.size() != 5 || parts[0].empty() || parts[1].size() != 8 || parts[2].empty() ||
      parts[3].empty() || parts[4] != "aws4_request") {
    return incomplete("Authorization header requires a Credential of the form "
                      "<key>/<yyyymmdd>/<region>/<service>/aws4_request.");
  }
  out.access_key = parts[0];
  out.date = parts[1];
  out.service = parts[3];
  out.scope = std::string(credential.substr(parts[0].size() + 1));
  return {};
}

Result<SigV4Signature> from_header(const net::HttpRequest& request, std::string_view header) {
  SigV4Signature out;
  auto rest = trimmed(header.substr(kAlgorithm.size()));
  std::optional<std::string> credential;
  std::optional<std::string> signed_headers;
  for (const auto& field : split_on(rest, ',')) {
    auto item = trimmed(field);
    auto eq = item.find('=');
    if (eq == std::string_view::npos) {
      continue;
    }
    auto name = item.substr(0, eq);
    auto value = std::string(item.substr(eq + 1));
    if (name == "Credential") {
      credential = value;
    } else if (name == "SignedHeaders") {
      signed_headers = value;
    } else if (name == "Signature") {
      out.signature = value;
    }
  }
  if (!credential || !signed_headers || out.signature.empty()) {
    return incomplete("Authorization header requires 'Credential', 'SignedHeaders' and "
                      "'Signature' parameters.");
  }
  FAULTBOX_TRY_VOID(read_credential(*credential, out));
  out.signed_headers = split_on(*signed_headers, ';');
  out.amz_date = request.header("x-amz-date").value_or("");
  out.security_token = request.header("x-amz-security-token").value_or("");
  return out;
}

Result<SigV4Signature> from_query(const std::map<std::string, std::string>& query) {
  auto get = [&query](const char* name) {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  };
  SigV4Signature out;
  out.presigned = true;
  if (get("X-Amz-Algorithm") != kAlgorithm) {
    return incomplete("X-Amz-Algorithm must be AWS4-HMAC-SHA256.");
  }
  out.signature = get("X-Amz-Signature");
  auto signed_headers = get("X-Amz-SignedHeaders");
  if (out.signature.empty() || signed_headers.empty()) {
    return incomplete("A presigned URL requires X-Amz-Signature and X-Amz-SignedHeaders.");
  }
  FAULTBOX_TRY_VOID(read_credential(get("X-Amz-Credential"), out));
  out.signed_headers = split_on(signed_headers, ';');
  out.amz_date = get("X-Amz-Date");
  out.security_token = get("X-Amz-Security-Token");
  if (auto expires = get("X-Amz-Expires"); !expires.empty()) {
    if (expires.size() > 6 || !std::all_of(expires.begin(), expires.end(), ::isdigit)) {
      return incomplete("X-Amz-Expires must be a number of seconds.");
    }
    out.expires_seconds = std::stoll(expires);
  }
  return out;
}

// Non-S3 services sign the path URI-encoded once more ('%' becomes "%25"); S3 signs it as sent.
std::string canonical_uri(const net::HttpRequest& request, const SigV4Signature& signature) {
  auto path = request.path();
  if (path.empty()) {
    return "/";
  }
  if (signature.service == "s3") {
    return path;
  }
  std::string out;
  for (const auto& segment : split_on(path, '/')) {
    out += (out.empty() && segment.empty() ? "" : "/") + net::url_encode(segment);
  }
  return out.empty() ? "/" : out;
}

std::string canonical_query(const net::HttpRequest& request, const SigV4Signature& signature) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& pair : split_on(request.query(), '&')) {
    if (pair.empty()) {
      continue;
    }
    auto eq = pair.find('=');
    auto key = net::url_encode(net::path_decode(pair.substr(0, eq)));
    auto value =
        eq == std::string::npos ? "" : net::url_encode(net::path_decode(pair.substr(eq + 1)));
    if (signature.presigned && key == "X-Amz-Signature") {
      continue;
    }
    pairs.emplace_back(std::move(key), std::move(value));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [key, value] : pairs) {
    out += (out.empty() ? "" : "&") + key + "=" + value;
  }
  return out;
}

// A header's value as signed: trimmed, each run of spaces one space.
std::string canonical_value(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : trimmed(value)) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += c;
  }
  return out;
}

// "20260101T120000Z" as an instant.
std::optional<TimePoint> amz_time(const std::string& t) {
  if (t.size() != 16 || t[8] != 'T' || t[15] != 'Z') {
    return std::nullopt;
  }
  return parse_iso8601(t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2) + "T" +
                       t.substr(9, 2) + ":" + t.substr(11, 2) + ":" + t.substr(13, 2) + "Z");
}

bool same_text(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Result<std::optional<SigV4Signature>> read_sigv4(const net::HttpRequest& request) {
  if (auto header = request.header("authorization")) {
    if (!header->starts_with(kAlgorithm)) {
      return incomplete("The lab checks AWS Signature Version 4 (AWS4-HMAC-SHA256) only.");
    }
    FAULTBOX_TRY(signature, from_header(request, *header));
    return std::optional<SigV4Signature>(std::move(signature));
  }
  auto query = net::parse_query(request.query());
  if (query.count("X-Amz-Signature") == 0 && query.count("X-Amz-Credential") == 0) {
    return std::optional<SigV4Signature>();
  }
  FAULTBOX_TRY(signature, from_query(query));
  return std::optional<SigV4Signature>(std::move(signature));
}

std::string canonical_request(const net::HttpRequest& request, const SigV4Signature& signature,
                              const std::string& payload_hash) {
  std::string headers;
  for (const auto& name : signature.signed_headers) {
    headers += name + ":" + canonical_value(request.header(name).value_or("")) + "\n";
  }
  std::string signed_list;
  for (const auto& name : signature.signed_headers) {
    signed_list += (signed_list.empty() ? "" : ";") + name;
  }
  return request.method + "\n" + canonical_uri(request, signature) + "\n" +
         canonical_query(request, signature) + "\n" + headers + "\n" + signed_list + "\n" +
         payload_hash;
}

std::string sigv4_signature(const std::string& secret_key, const SigV4Signature& signature,
                            const std::string& canonical) {
  auto string_to_sign = std::string(kAlgorithm) + "\n" + signature.amz_date + "\n" +
                        signature.scope + "\n" + hex_digest(DigestAlgorithm::Sha256, canonical);
  auto key = hmac_sha256("AWS4" + secret_key, signature.date);
  auto scope = split_on(signature.scope, '/');  // date, region, service, "aws4_request"
  key = hmac_sha256(key, scope[1]);
  key = hmac_sha256(key, scope[2]);
  key = hmac_sha256(key, "aws4_request");
  return hex_encode(hmac_sha256(key, string_to_sign));
}

Result<void> verify_sigv4(const net::HttpRequest& request, const SigV4Signature& signature,
                          const std::string& secret_key, TimePoint now) {
  auto signed_at = amz_time(signature.amz_date);
  if (!signed_at) {
    return incomplete("The request must carry its signing time as X-Amz-Date (yyyyMMddTHHmmssZ).");
  }
  if (signature.presigned) {
    auto expires = std::chrono::seconds(signature.expires_seconds.value_or(900));
    if (now > *signed_at + expires) {
      return Error{"AccessDenied", "Request has expired", 403};
    }
  } else if (now > *signed_at + kClockSkew || *signed_at > now + kClockSkew) {
    return Error{"RequestExpired",
                 "Signature expired or not yet valid: " + signature.amz_date +
                     " is more than 15 minutes from the lab's time " + format_iso8601_seconds(now) +
                     ".",
                 403};
  }
  // The payload's hash is the client's x-amz-content-sha256 when it sent one (S3), else the
  // body's; a presigned URL may leave the payload unsigned.
  std::vector<std::string> payload_hashes;
  if (auto declared = request.header("x-amz-content-sha256")) {
    payload_hashes.push_back(*declared);
  } else {
    payload_hashes.push_back(hex_digest(DigestAlgorithm::Sha256, request.body));
    if (signature.presigned) {
      payload_hashes.emplace_back("UNSIGNED-PAYLOAD");
    }
  }
  for (const auto& hash : payload_hashes) {
    auto expected =
        sigv4_signature(secret_key, signature, canonical_request(request, signature, hash));
    if (same_text(expected, signature.signature)) {
      return {};
    }
  }
  return Error{"SignatureDoesNotMatch",
               "The request signature we calculated does not match the signature you provided. "
               "Check your AWS Secret Access Key and signing method.",
               403};
}

}  // namespace faultbox::api
