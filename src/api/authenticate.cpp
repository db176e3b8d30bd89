#include "api/authenticate.h"

#include "api/sigv4.h"
#include "cloud/iam/iam_directory.h"
#include "cloud/sts/sessions.h"

namespace faultbox::api {

namespace {

Error unknown_key(const ServiceInfo& service) {
  if (service.id == "s3") {
    return {"InvalidAccessKeyId",
            "The AWS Access Key Id you provided does not exist in our records.", 403};
  }
  if (service.id == "ec2") {
    return {"AuthFailure", "AWS was not able to validate the provided access credentials", 401};
  }
  return {"InvalidClientTokenId", "The security token included in the request is invalid.", 403};
}

// The secret of the key that signed, or why the key signs nothing.
Result<std::string> secret_of(const cloud::Cloud& cloud, const SigV4Signature& signature,
                              const ServiceInfo& service) {
  const auto& sessions = cloud.kind<cloud::Sessions>();
  if (const auto& root = sessions.root_key(); root && root->id == signature.access_key) {
    return root->secret;
  }
  const auto& users = cloud.kind<cloud::IamDirectory>().directory().users();
  if (const auto* key = users.key(signature.access_key)) {
    if (!key->active) {
      return unknown_key(service);
    }
    return key->secret;
  }
  if (const auto* session = sessions.session(signature.access_key)) {
    if (signature.security_token != session->session_token) {
      return unknown_key(service);
    }
    if (cloud.clock().now() > session->expiration) {
      return Error{"ExpiredToken", "The security token included in the request is expired", 403};
    }
    return session->secret_key;
  }
  return unknown_key(service);
}

}  // namespace

Result<void> authenticate(const cloud::Cloud& cloud, const net::HttpRequest& request,
                          const ServiceInfo& service, TimePoint wall_now) {
  FAULTBOX_TRY(signature, read_sigv4(request));
  if (!signature) {
    if (service.id == "s3") {
      return Error{"AccessDenied", "Anonymous access is forbidden: this lab checks signatures.",
                   403};
    }
    return Error{"MissingAuthenticationToken",
                 "Request is missing Authentication Token: this lab checks signatures "
                 "(faultbox credentials prints its keys).",
                 403};
  }
  FAULTBOX_TRY(secret, secret_of(cloud, *signature, service));
  return verify_sigv4(request, *signature, secret, wall_now);
}

}  // namespace faultbox::api
