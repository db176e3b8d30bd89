// Real health checks over the network: TCP connect, or HTTP GET where only 200 passes (as on a
// Classic ELB), bounded by the check's timeout.
#pragma once

#include <functional>

#include "core/clock.h"
#include "elb/health_prober.h"

namespace boost::asio {
class io_context;
}

namespace faultbox::elb {

class AsioHealthProber final : public HealthProber {
 public:
  // Probes run on `data_plane`; `done` is posted to `control`. The timeout, in lab time, is
  // turned into real time with `clock` (lab timeout / speed). All three must outlive the probes.
  AsioHealthProber(boost::asio::io_context& data_plane, boost::asio::io_context& control,
                   const Clock& clock);

  void probe(const ProbeRequest& request, std::function<void(ProbeResult)> done) override;

 private:
  boost::asio::io_context& data_plane_;
  boost::asio::io_context& control_;
  const Clock& clock_;
};

}  // namespace faultbox::elb
