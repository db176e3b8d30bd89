// Configure-time check (cmake/io_uring.cmake): can this system create an io_uring ring? Kernels
// may have it off (kernel.io_uring_disabled) and container seccomp profiles often refuse it.
#include <liburing.h>

int main() {
  io_uring ring;
  if (io_uring_queue_init(8, &ring, 0) != 0) {
    return 1;
  }
  io_uring_queue_exit(&ring);
  return 0;
}
