#include "netfault/packet_delayer.h"

#include <arpa/inet.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <linux/netfilter.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <future>
#include <optional>

#include "core/error.h"
#include "netfault/delay_schedule.h"

namespace faultbox::netfault {

namespace {
using SteadyClock = DelaySchedule::Clock;

// Packets the kernel may hold for one queue: at 200 ms of delay, a few thousand packets a
// second. Beyond it the queue fails open (the packet passes undelayed) instead of dropping.
constexpr std::uint32_t kQueueLength = 16384;
// The socket's receive buffer: queued packets' metadata waits there until the thread reads it.
constexpr int kReceiveBuffer = 4 << 20;

struct Held {
  SteadyClock::time_point due;
  std::uint32_t packet_id;
};
}  // namespace

struct PacketDelayer::Impl {
  struct Queue {
    nfq_q_handle* handle = nullptr;
    DelaySchedule schedule;
    std::deque<Held> held;
  };
  struct Request {
    std::map<int, DelayQueueSpec> queues;
    std::promise<Result<void>> done;
  };

  nfq_handle* nfq = nullptr;
  int wake_fd = -1;
  std::map<int, std::unique_ptr<Queue>> queues;  // stable addresses: each is its callback's data
  std::mutex mutex;
  std::optional<Request> request;  // guarded by mutex
  bool stopping = false;           // guarded by mutex
  std::thread thread;

  ~Impl() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    wake();
    if (thread.joinable()) thread.join();
    for (auto& [number, queue] : queues) let_all_go(*queue);
    for (auto& [number, queue] : queues) nfq_destroy_queue(queue->handle);
    if (nfq != nullptr) nfq_close(nfq);
    if (wake_fd >= 0) ::close(wake_fd);
  }

  void wake() const {
    const std::uint64_t one = 1;
    if (wake_fd >= 0) (void)!::write(wake_fd, &one, sizeof one);
  }

  static int on_packet(nfq_q_handle*, nfgenmsg*, nfq_data* data, void* context) {
    auto* queue = static_cast<Queue*>(context);
    const auto* header = nfq_get_msg_packet_hdr(data);
    if (header == nullptr) return 0;
    queue->held.push_back(
        {queue->schedule.release_at(SteadyClock::now()), ntohl(header->packet_id)});
    return 0;
  }

  static void let_go(Queue& queue, std::uint32_t packet_id) {
    nfq_set_verdict(queue.handle, packet_id, NF_ACCEPT, 0, nullptr);
  }
  static void let_all_go(Queue& queue) {
    for (const auto& h : queue.held) let_go(queue, h.packet_id);
    queue.held.clear();
  }

  Result<void> bind(int number, const DelayQueueSpec& spec) {
    auto queue =
        std::make_unique<Queue>(Queue{nullptr, DelaySchedule(spec.delay, spec.jitter), {}});
    queue->handle =
        nfq_create_queue(nfq, static_cast<std::uint16_t>(number), &Impl::on_packet, queue.get());
    if (queue->handle == nullptr) {
      return errors::internal("cannot take packet queue " + std::to_string(number) +
                              " (another process may hold it): " + std::strerror(errno));
    }
    nfq_set_mode(queue->handle, NFQNL_COPY_META, 0);
    nfq_set_queue_maxlen(queue->handle, kQueueLength);
    nfq_set_queue_flags(queue->handle, NFQA_CFG_F_FAIL_OPEN, NFQA_CFG_F_FAIL_OPEN);
    queues[number] = std::move(queue);
    return {};
  }

  Result<void> serve(const std::map<int, DelayQueueSpec>& wanted) {
    for (auto it = queues.begin(); it != queues.end();) {
      if (wanted.count(it->first) == 0) {
        let_all_go(*it->second);
        nfq_destroy_queue(it->second->handle);
        it = queues.erase(it);
      } else {
        ++it;
      }
    }
    for (const auto& [number, spec] : wanted) {
      auto it = queues.find(number);
      if (it == queues.end()) {
        FAULTBOX_TRY_VOID(bind(number, spec));
      } else if (it->second->schedule.delay() != spec.delay ||
                 it->second->schedule.jitter() != spec.jitter) {
        it->second->schedule = DelaySchedule(spec.delay, spec.jitter);
      }
    }
    return {};
  }

  // Reads what the kernel queued, without blocking.
  void read_queued() {
    alignas(nlmsghdr) char buffer[65536];
    for (;;) {
      const auto got = ::recv(nfq_fd(nfq), buffer, sizeof buffer, MSG_DONTWAIT);
      if (got > 0) {
        nfq_handle_packet(nfq, buffer, static_cast<int>(got));
        continue;
      }
      if (got < 0 && errno == ENOBUFS) {
        // The kernel had more for us than the socket held: those packets stay queued until the
        // queue fails open or is unbound; the next ones come through.
        spdlog::warn("the packet delayer fell behind the kernel's queue");
        continue;
      }
      return;
    }
  }

  // Lets go what is due; the time until the next packet is due, if one is held.
  std::optional<SteadyClock::duration> let_due_go() {
    const auto now = SteadyClock::now();
    std::optional<SteadyClock::duration> next;
    for (auto& [number, queue] : queues) {
      while (!queue->held.empty() && queue->held.front().due <= now) {
        let_go(*queue, queue->held.front().packet_id);
        queue->held.pop_front();
      }
      if (!queue->held.empty()) {
        const auto wait = queue->held.front().due - now;
        next = next ? std::min(*next, wait) : wait;
      }
    }
    return next;
  }

  void run() {
    for (;;) {
      {
        std::lock_guard lock(mutex);
        if (stopping) return;
        if (request) {
          request->done.set_value(serve(request->queues));
          request.reset();
        }
      }
      const auto next = let_due_go();
      pollfd fds[] = {{nfq_fd(nfq), POLLIN, 0}, {wake_fd, POLLIN, 0}};
      timespec timeout{};
      if (next) {
        const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(*next).count();
        timeout = {static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
      }
      if (::ppoll(fds, 2, next ? &timeout : nullptr, nullptr) < 0 && errno != EINTR) {
        spdlog::error("the packet delayer stops: {}", std::strerror(errno));
        return;
      }
      if (fds[1].revents & POLLIN) {
        std::uint64_t count = 0;
        (void)!::read(wake_fd, &count, sizeof count);
      }
      if (fds[0].revents & POLLIN) read_queued();
    }
  }
};

PacketDelayer::PacketDelayer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PacketDelayer::~PacketDelayer() = default;

Result<std::unique_ptr<PacketDelayer>> PacketDelayer::open() {
  auto impl = std::make_unique<Impl>();
  impl->nfq = nfq_open();
  if (impl->nfq == nullptr) {
    return errors::internal(
        std::string("cannot open the kernel's packet queues (nfnetlink_queue): ") +
        std::strerror(errno));
  }
  nfnl_rcvbufsiz(nfq_nfnlh(impl->nfq), kReceiveBuffer);
  impl->wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (impl->wake_fd < 0) {
    return errors::internal(std::string("cannot make an eventfd: ") + std::strerror(errno));
  }
  return std::unique_ptr<PacketDelayer>(new PacketDelayer(std::move(impl)));
}

Result<void> PacketDelayer::serve(const std::map<int, DelayQueueSpec>& queues) {
  if (!impl_->thread.joinable()) {
    if (queues.empty()) return {};
    // Started with the first delay, from the control thread: it runs at the lab's nice, ahead
    // of the instances whose packets it holds.
    auto* impl = impl_.get();
    impl_->thread = std::thread([impl] { impl->run(); });
  }
  std::future<Result<void>> done;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->request.emplace(Impl::Request{queues, {}});
    done = impl_->request->done.get_future();
  }
  impl_->wake();
  return done.get();
}

}  // namespace faultbox::netfault
