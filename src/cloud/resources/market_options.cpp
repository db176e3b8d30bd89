#include "cloud/resources/market_options.h"

namespace faultbox::cloud::resources {

Result<compute::MarketOptions> market_options(const ValueReader& r) {
  compute::MarketOptions options;
  for (const auto& block : r.blocks("instance_market_options")) {
    FAULTBOX_TRY(market, block.string("market_type", "spot"));
    if (market != "spot" && market != "capacity-block") {
      return errors::validation(block.where() + ": market_type must be \"spot\" or " +
                                "\"capacity-block\", not \"" + market + "\"");
    }
    options.spot = market == "spot";
    for (const auto& spot : block.blocks("spot_options")) {
      FAULTBOX_TRY(behavior, spot.string("instance_interruption_behavior", "terminate"));
      if (behavior != "terminate" && behavior != "stop" && behavior != "hibernate") {
        return errors::validation(spot.where() +
                                  ": instance_interruption_behavior must be terminate, stop or "
                                  "hibernate, not \"" +
                                  behavior + "\"");
      }
      options.stop_on_interruption = behavior != "terminate";
    }
  }
  return options;
}

}  // namespace faultbox::cloud::resources
