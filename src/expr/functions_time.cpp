// timestamp(): the current time as Terraform prints it, RFC 3339 in UTC to the second.
#include <ctime>

#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

std::string rfc3339_utc(TimePoint t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
  std::tm utc{};
  gmtime_r(&secs, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

Result<Value> timestamp(const Args&, const CallContext& ctx) {
  return Value::string(rfc3339_utc(ctx.functions->now()));
}

}  // namespace

void register_time_functions(FunctionRegistry& r) {
  r.add("timestamp", {.min_args = 0, .max_args = 0, .eager = timestamp});
}

}  // namespace faultbox::expr
