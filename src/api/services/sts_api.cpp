// STS (query protocol): AssumeRole and AssumeRoleWithWebIdentity hand out a role session's keys
// (cloud/sts/sessions.h); GetCallerIdentity answers with whoever holds the request's keys: the
// role's session, or the account's root for any other keys.
#include <charconv>

#include "api/query_service.h"
#include "api/services/all_services.h"
#include "cloud/sts/sessions.h"
#include "core/iso8601.h"

namespace faultbox::api {

namespace {

Result<std::string> required(const Call& call, std::string_view name) {
  auto value = call.params.get(name);
  if (!value || value->empty()) {
    return Error{"MissingParameter", "The request must contain the parameter " + std::string(name),
                 400};
  }
  return *value;
}

Result<int> duration_seconds(const Call& call) {
  auto text = call.params.get("DurationSeconds");
  if (!text) {
    return 0;  // the default
  }
  int n = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return Error{"ValidationError", "DurationSeconds must be a whole number of seconds", 400};
  }
  return n;
}

Result<void> assume(Call& call, XmlWriter& w, bool web_identity) {
  FAULTBOX_TRY(role_arn, required(call, "RoleArn"));
  FAULTBOX_TRY(session_name, required(call, "RoleSessionName"));
  if (web_identity) {
    FAULTBOX_TRY_VOID(required(call, "WebIdentityToken"));
  }
  FAULTBOX_TRY(duration, duration_seconds(call));
  FAULTBOX_TRY(session, call.cloud.kind<cloud::Sessions>().assume_role(role_arn, session_name,
                                                                       duration, web_identity));
  w.open("Credentials");
  w.leaf("AccessKeyId", session->access_key);
  w.leaf("SecretAccessKey", session->secret_key);
  w.leaf("SessionToken", session->session_token);
  w.leaf("Expiration", format_iso8601(session->expiration));
  w.close();
  w.open("AssumedRoleUser");
  w.leaf("AssumedRoleId", session->role_id + ":" + session->session_name);
  w.leaf("Arn", cloud::assumed_role_arn(session->role_arn, session->session_name));
  w.close();
  if (web_identity) {
    // The lab does not read the token's claims.
    w.leaf("SubjectFromWebIdentityToken", "web-identity");
    w.leaf("Audience", "sts.amazonaws.com");
    w.leaf("Provider", "web-identity");
  }
  return {};
}

Result<void> assume_role(Call& call, XmlWriter& w) { return assume(call, w, false); }
Result<void> assume_role_with_web_identity(Call& call, XmlWriter& w) {
  return assume(call, w, true);
}

Result<void> get_caller_identity(Call& call, XmlWriter& w) {
  auto caller = call.cloud.kind<cloud::Sessions>().caller(call.access_key);
  w.leaf("UserId", caller.user_id);
  w.leaf("Account", call.cloud.options().account_id);
  w.leaf("Arn", caller.arn);
  return {};
}

}  // namespace

const Service& sts_api() {
  static const QueryService s({"sts",
                               "STS",
                               {"sts"},
                               Protocol::Query,
                               "2011-06-15",
                               "https://sts.amazonaws.com/doc/2011-06-15/",
                               ""},
                              {{"GetCallerIdentity", get_caller_identity},
                               {"AssumeRole", assume_role},
                               {"AssumeRoleWithWebIdentity", assume_role_with_web_identity}});
  return s;
}

}  // namespace faultbox::api
