// What the actions that hold a fault for their `duration` share (API errors, capacity errors,
// subnets cut off): running until the duration has passed since start() marked it, then the
// fault is released; stopping the experiment releases it too.
#pragma once

#include "fis/action.h"

namespace faultbox::fis::actions {

class TimedFault : public Action {
 public:
  explicit TimedFault(Duration duration) : duration_(duration) {}

  ActionProgress poll(ActionContext& ctx) final {
    if (ctx.now() - started_at_ < duration_) return ActionProgress::running();
    release(ctx);
    return ActionProgress::completed();
  }

  Result<void> stop(ActionContext& ctx) final {
    release(ctx);
    return {};
  }

 protected:
  // start() calls this once the fault is in place: the duration counts from here.
  void mark_started(const ActionContext& ctx) { started_at_ = ctx.now(); }
  // Undoes the fault; a fault not (or no longer) in place is not an error.
  virtual void release(ActionContext& ctx) = 0;

 private:
  Duration duration_;
  TimePoint started_at_{};
};

}  // namespace faultbox::fis::actions
