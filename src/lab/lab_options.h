// How a lab is started: where it listens, where it keeps its state, how fast it runs.
#pragma once

#include <cstdint>
#include <string>

namespace faultbox::lab {

constexpr uint16_t kDefaultPort = 4566;

struct LabOptions {
  std::string address = "127.0.0.1";
  uint16_t port = kDefaultPort;
  std::string data_dir = ".faultbox";
  double speed = 1.0;
  // Nice steps the lab runs ahead of the instances it starts (0: none). It keeps the API
  // answering on a saturated machine, but widens the moment a request is in flight at an
  // instance, so a kill -9 of an instance more often cuts one short (a 502).
  int nice_lead = 0;
  // Where network faults act: "kernel" (the kernel's packet path, when the lab may change it;
  // otherwise the lab's own paths) or "lab" (only the lab's own paths: its load balancers, their
  // health checks and the metadata service; the host's packet filter is left alone).
  std::string network_faults = "kernel";
  // `serve --auth`: AWS calls must be signed by keys the lab issued (cloud::CloudOptions).
  bool check_signatures = false;
  std::string self_path;  // this binary, to start instance processes with the built-in image
};

}  // namespace faultbox::lab
