// Set-up of Asio's io_uring rings, through the linker (cmake/io_uring.cmake wraps
// io_uring_queue_init and io_uring_submit): Asio 1.81 creates every ring with no flags, and any
// thread that posts to an io_context submits the entries pending in its ring.
#include "core/event_loop_ring.h"

#if defined(BOOST_ASIO_HAS_IO_URING)
#include <liburing.h>
#include <linux/capability.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <initializer_list>
#include <utility>

extern "C" int __real_io_uring_queue_init(unsigned entries, io_uring* ring, unsigned flags);
extern "C" int __real_io_uring_submit(io_uring* ring);

namespace faultbox {
namespace {

constexpr unsigned kOwnedFlags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_COOP_TASKRUN |
                                 IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_TASKRUN_FLAG;
// Kernels 6.0 and older lack DEFER_TASKRUN (6.1) or SINGLE_ISSUER (6.0): fewer flags, then none.
constexpr unsigned kOwnedFlagsWithoutDefer =
    IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG;

thread_local bool t_in_scope = false;
thread_local io_uring* t_owned_ring = nullptr;
thread_local bool t_yield_after_large_submissions = false;
std::atomic<const char*> g_mode{"io_uring"};
std::atomic<unsigned long long> g_yields{0};

bool owned_by_a_loop(const io_uring* ring) {
  return (ring->flags & IORING_SETUP_SINGLE_ISSUER) != 0;
}

// This thread's own small ring, to send wake-up messages from.
io_uring* messenger() {
  struct Messenger {
    Messenger() {
      for (unsigned flags : {IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_COOP_TASKRUN, 0u}) {
        io_uring_params params{};
        params.flags = flags;
        if (io_uring_queue_init_params(4, &ring, &params) == 0) {
          ready = true;
          return;
        }
      }
    }
    ~Messenger() {
      if (ready) {
        io_uring_queue_exit(&ring);
      }
    }
    io_uring ring{};
    bool ready = false;
  };
  thread_local Messenger messenger;
  return messenger.ready ? &messenger.ring : nullptr;
}

// Posts a completion with `user_data` to `target`, which wakes the thread waiting on it.
bool send_wake_up(const io_uring* target, __u64 user_data) {
  io_uring* ring = messenger();
  io_uring_sqe* sqe = ring ? io_uring_get_sqe(ring) : nullptr;
  if (sqe == nullptr) {
    return false;
  }
  io_uring_prep_msg_ring(sqe, target->ring_fd, 0, user_data, 0);
  sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
  int submitted = __real_io_uring_submit(ring);
  bool sent = submitted == 1;
  io_uring_cqe* cqe = nullptr;
  while (io_uring_peek_cqe(ring, &cqe) == 0) {  // only failures post one
    sent = false;
    io_uring_cqe_seen(ring, cqe);
  }
  return sent;
}

// Submits, then clears the user data of the entries the kernel took, as later Asio versions do
// when they hand out an entry. Asio 1.81 sets none on some entries (a cancel, the removal of a
// wait's timeout), which so kept the data of the entry's previous use: once the ring had
// wrapped, their completions were taken for that old operation's socket, and a read there
// "ended" with 0 bytes (end of file) while its real read went on. Asio ignores completions
// without user data.
// Returns the submission's result and how many entries the kernel took.
std::pair<int, unsigned> submit_and_clear_user_data(io_uring* ring) {
  io_uring_sq& sq = ring->sq;
  const unsigned taken_from = io_uring_smp_load_acquire(sq.khead);
  const int result = __real_io_uring_submit(ring);
  const unsigned taken_to = io_uring_smp_load_acquire(sq.khead);
  for (unsigned i = taken_from; i != taken_to; ++i) {
    sq.sqes[i & sq.ring_mask].user_data = 0;
  }
  return {result, taken_to - taken_from};
}

}  // namespace

EventLoopRingScope::EventLoopRingScope(bool yield_after_large_submissions) {
  t_in_scope = true;
  t_yield_after_large_submissions = yield_after_large_submissions;
}

EventLoopRingScope::~EventLoopRingScope() {
  t_in_scope = false;
  t_owned_ring = nullptr;
  t_yield_after_large_submissions = false;
}

const char* event_loop_ring_mode() { return g_mode.load(); }

unsigned long long event_loop_yields() { return g_yields.load(std::memory_order_relaxed); }

}  // namespace faultbox

// Rings keep Asio's size (16,384 entries, 1.6 MB resident per ring). Smaller rings once made
// requests to frozen backends fail (bench/failover.sh, MODE=stop): they wrapped sooner, and so
// met the stale user data cleared above. With it cleared, rings of 1,024 entries failed nothing,
// but cost more CPU per request in one run (bench/RESULTS.md, session 12).
//
// Since Linux 6.13 a ring's memory counts against RLIMIT_MEMLOCK unless the process has
// CAP_IPC_LOCK, summed over every process of the same user: a lab run by a user, or instances
// (root without capabilities in their sandbox), share 8 MB by default, five such rings. So a ring
// the kernel refuses for memory is made smaller, down to 128 entries, which works as well for a
// process with a few sockets (an instance's web server, its SSM agent).
// Rings of a process whose locked memory is bounded start at 1,024 entries (100 KB): a lab, its
// CLI, its instances and their agents then fit in 8 MB together, where the first five rings of
// Asio's size would take it all and leave the next process none (a lab run by a user could not
// even be asked to stop).
static bool ring_memory_is_bounded() {
  static const bool bounded = [] {
    rlimit limit{};
    if (getrlimit(RLIMIT_MEMLOCK, &limit) == 0 && limit.rlim_cur == RLIM_INFINITY) return false;
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (syscall(SYS_capget, &header, data) != 0) return true;
    return (data[CAP_IPC_LOCK / 32].effective & (1u << (CAP_IPC_LOCK % 32))) == 0;
  }();
  return bounded;
}

static int init_ring_of_a_size_that_fits(unsigned entries, io_uring* ring, unsigned flags) {
  constexpr unsigned kBoundedEntries = 1024;
  if (ring_memory_is_bounded() && entries > kBoundedEntries) entries = kBoundedEntries;
  int rc = __real_io_uring_queue_init(entries, ring, flags);
  for (unsigned smaller : {1024u, 128u}) {  // bounded memory already spent by others
    if (rc != -ENOMEM || smaller >= entries) break;
    rc = __real_io_uring_queue_init(smaller, ring, flags);
  }
  return rc;
}

extern "C" int __wrap_io_uring_queue_init(unsigned entries, io_uring* ring, unsigned flags) {
  using namespace faultbox;
  if (t_in_scope && t_owned_ring == nullptr) {
    for (unsigned owned : {kOwnedFlags, kOwnedFlagsWithoutDefer}) {
      if (init_ring_of_a_size_that_fits(entries, ring, flags | owned) == 0) {
        t_owned_ring = ring;
        g_mode.store(t_yield_after_large_submissions
                         ? "io_uring (rings owned by their event loops, yielding after large "
                           "submissions)"
                         : "io_uring (rings owned by their event loops)");
        return 0;
      }
    }
  }
  return init_ring_of_a_size_that_fits(entries, ring, flags);
}

// Only a loop submits to its ring. Another thread gets here when it posts work to the loop
// (Asio queues a no-op entry to interrupt the loop's wait, then submits) or cancels an operation
// of the loop's: the entries stay queued for the loop to submit, and a message wakes it. A
// trailing no-op is taken back and its user data travels in the message, so the loop sees the
// same one completion (Asio counts the completions it waits for; the call answers "submitted 1").
extern "C" int __wrap_io_uring_submit(io_uring* ring) {
  using namespace faultbox;
  if (!owned_by_a_loop(ring)) {
    return submit_and_clear_user_data(ring).first;
  }
  if (ring == t_owned_ring) {
    const auto [result, taken] = submit_and_clear_user_data(ring);
    if (t_yield_after_large_submissions && taken >= kYieldAfterEntries) {
      g_yields.fetch_add(1, std::memory_order_relaxed);
      sched_yield();
    }
    return result;
  }
  io_uring_sq& sq = ring->sq;
  if (sq.sqe_tail != sq.sqe_head) {
    const io_uring_sqe& last = sq.sqes[(sq.sqe_tail - 1) & sq.ring_mask];
    if (last.opcode == IORING_OP_NOP) {
      const __u64 user_data = last.user_data;
      --sq.sqe_tail;
      if (send_wake_up(ring, user_data)) {
        return 1;
      }
      ++sq.sqe_tail;  // no message: leave the no-op for the loop's next submission
    }
  }
  send_wake_up(ring, 0);  // Asio ignores completions without user data
  return 0;
}

#else

namespace faultbox {
EventLoopRingScope::EventLoopRingScope(bool /*yield_after_large_submissions*/) {}
EventLoopRingScope::~EventLoopRingScope() = default;
const char* event_loop_ring_mode() { return "epoll"; }
unsigned long long event_loop_yields() { return 0; }
}  // namespace faultbox

#endif
