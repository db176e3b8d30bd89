// aws:fis:wait: do nothing for `duration`; stop conditions are still watched meanwhile.
#include <chrono>

#include "fis/action_registry.h"
#include "fis/actions/parameters.h"

namespace faultbox::fis::actions {
namespace {

constexpr std::string_view kDuration = "duration";

class Wait final : public Action {
 public:
  explicit Wait(Duration d) : duration_(d) {}
  static Result<std::unique_ptr<Wait>> create(const StringMap& params) {
    FAULTBOX_TRY(d, duration_parameter("aws:fis:wait", params, kDuration));
    return std::make_unique<Wait>(d);
  }
  Result<void> start(ActionContext& ctx) override {
    started_at_ = ctx.now();
    return {};
  }
  ActionProgress poll(ActionContext& ctx) override {
    return ctx.now() - started_at_ >= duration_ ? ActionProgress::completed()
                                                : ActionProgress::running();
  }
  Result<void> stop(ActionContext&) override { return {}; }

 private:
  Duration duration_;
  TimePoint started_at_{};
};

}  // namespace

ActionSpec wait() {
  return {.id = "aws:fis:wait",
          .description = "Wait for the specified duration. Stop condition monitoring will "
                         "continue during this time.",
          .targets = {},
          .parameters = {{.name = std::string(kDuration),
                          .required = true,
                          .type = ParamType::IsoDuration,
                          .description = "How long to wait (ISO 8601, PT1M to PT12H).",
                          .min = std::chrono::minutes(1),
                          .max = std::chrono::hours(12)}},
          .make = make_action<Wait>};
}

}  // namespace faultbox::fis::actions
