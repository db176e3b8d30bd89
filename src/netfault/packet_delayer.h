// Holds packets the kernel queues to it (NFQUEUE, through libnetfilter_queue) and lets each go
// once its delay rule's schedule says so: the lab's latency on the kernel's path, for a kernel
// without tc's netem. One thread of its own; the queued packets' payloads stay in the kernel
// (only their ids come here); the thread starts with the first delay. The queues' rules say
// --queue-bypass, so when this process is gone (a lab killed) the packets pass at once instead of
// being dropped.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "core/result.h"

namespace faultbox::netfault {

struct DelayQueueSpec {
  std::chrono::milliseconds delay{0};
  std::chrono::milliseconds jitter{0};
  bool operator==(const DelayQueueSpec&) const = default;
};

class PacketDelayer {
 public:
  // Opens the kernel's queue interface. Errors: InternalError when it cannot (no
  // CAP_NET_ADMIN, or a kernel without nfnetlink_queue).
  static Result<std::unique_ptr<PacketDelayer>> open();
  ~PacketDelayer();
  PacketDelayer(const PacketDelayer&) = delete;
  PacketDelayer& operator=(const PacketDelayer&) = delete;

  // Serves exactly these queues (by queue number) from now on: new ones are bound, dropped ones
  // let their held packets go and are unbound, changed ones use their new schedule for packets
  // that arrive from now on. Errors: InternalError when a queue cannot be bound (another
  // process holds that number).
  Result<void> serve(const std::map<int, DelayQueueSpec>& queues);

 private:
  struct Impl;
  explicit PacketDelayer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace faultbox::netfault
