// STS (query protocol): GetCallerIdentity answers with the lab's account, as the account's root.
#include "api/query_service.h"
#include "api/services/all_services.h"
#include "core/arn.h"

namespace faultbox::api {

namespace {
Result<void> get_caller_identity(Call& call, XmlWriter& w) {
  const auto& account = call.cloud.options().account_id;
  w.leaf("UserId", account);
  w.leaf("Account", account);
  w.leaf("Arn", arn::account_root(account));
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
                              {{"GetCallerIdentity", get_caller_identity}});
  return s;
}

}  // namespace faultbox::api
