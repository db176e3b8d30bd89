#!/usr/bin/env bash
# The whole test suite: set-up, build, unit and end-to-end tests, the load balancer's unit tests
# and event-loop rings on io_uring sockets, then the unit tests again under AddressSanitizer +
# UndefinedBehaviorSanitizer. Prints how long each phase took.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/timing.sh
jobs=$(nproc)
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1
# Both build flavours (RelWithDebInfo and the sanitizer Debug build) must fit, or CI recompiles.
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-12G}
total_start=$SECONDS

phase "set-up" bash scripts/setup.sh
phase "build" bash scripts/build.sh
phase "unit and end-to-end tests" ctest --test-dir build --output-on-failure -j"$jobs"
# The opt-in io_uring sockets (-DFAULTBOX_IO_URING=ON): the load balancer's unit tests and the
# event loops' ring set-up (core) on them.
# Where the system refuses io_uring, configure falls back to epoll and says so.
phase "io_uring build (load balancer and event-loop tests)" bash -c "set -o pipefail
  cmake -S . -B build-uring -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
   -DFAULTBOX_IO_URING=ON -DFAULTBOX_UNIT_TESTS_ONLY=ON |
  grep 'faultbox:' && cmake --build build-uring -j$jobs --target core_tests elb_tests"
phase "load balancer and event-loop tests on io_uring sockets" ctest --test-dir build-uring -R '^(core|elb)$' \
  --output-on-failure
phase "sanitizer build" bash -c "cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DFAULTBOX_SANITIZE=ON -DFAULTBOX_UNIT_TESTS_ONLY=ON >/dev/null && cmake --build build-asan -j$jobs"
phase "unit tests under ASan+UBSan" ctest --test-dir build-asan -L unit --output-on-failure -j"$jobs"

echo "==> all tests passed in $((SECONDS - total_start)) s"
