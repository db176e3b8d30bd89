// io_uring rings that belong to one event-loop thread (builds with Asio's io_uring backend;
// elsewhere this does nothing). A ring created on a thread that holds an EventLoopRingScope is
// set up for that thread alone (IORING_SETUP_SINGLE_ISSUER, COOP_TASKRUN, DEFER_TASKRUN where the
// kernel has them): the completions of its reads and writes wait for the loop's next call into
// the ring instead of interrupting the loop, and only the loop submits. Another thread that
// posts work to the loop wakes it with a message to the ring (IORING_OP_MSG_RING) instead of
// submitting entries the loop queued, whose completions would otherwise become that thread's.
#pragma once

namespace faultbox {

class EventLoopRingScope {
 public:
  // Rings created on this thread from now on until the scope ends belong to this thread; it
  // must run (and destroy) the io_context it creates, and no other thread may run it.
  // `yield_after_large_submissions`: after the loop submits kYieldAfterEntries or more entries
  // at once, it gives up its core (sched_yield), so the clients and backends its writes just
  // woke run now rather than when the loop is next preempted. That pays where the loop shares
  // cores with them and not where loops take every core (bench/RESULTS.md, sessions 12-13).
  explicit EventLoopRingScope(bool yield_after_large_submissions = false);
  ~EventLoopRingScope();
  EventLoopRingScope(const EventLoopRingScope&) = delete;
  EventLoopRingScope& operator=(const EventLoopRingScope&) = delete;
};

// A loop's replies to a handful of clients at once; at 32 a loop yielded too seldom to matter
// (bench/RESULTS.md, session 12).
inline constexpr unsigned kYieldAfterEntries = 8;

// How many times loops of this process have yielded as above (0 in epoll builds).
unsigned long long event_loop_yields();

// How this build drives sockets: "epoll"; "io_uring"; or "io_uring (rings owned by their event
// loops)" once a ring made under an EventLoopRingScope got the set-up above (kernel 6.0 and
// later), with ", yielding after large submissions" when such a loop yields as above.
const char* event_loop_ring_mode();

}  // namespace faultbox
