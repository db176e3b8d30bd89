#!/usr/bin/env bash
# The whole test suite: set-up, build, unit and end-to-end tests, then the unit tests again under
# AddressSanitizer + UndefinedBehaviorSanitizer, on epoll sockets (the default) and on io_uring
# sockets (opt-in build). Prints how long each phase took.
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
phase "sanitizer build" bash -c "cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DFAULTBOX_SANITIZE=ON -DFAULTBOX_UNIT_TESTS_ONLY=ON >/dev/null && cmake --build build-asan -j$jobs"
phase "unit tests under ASan+UBSan" ctest --test-dir build-asan -L unit --output-on-failure -j"$jobs"
# The opt-in io_uring sockets (-DFAULTBOX_IO_URING=ON): every unit test again, on them and under
# the sanitizers, which is how Asio 1.81's io_uring faults showed (bench/RESULTS.md, session 12).
# Where the system refuses io_uring, configure falls back to epoll and says so.
phase "io_uring sanitizer build" bash -c "set -o pipefail
  cmake -S . -B build-asan-uring -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFAULTBOX_SANITIZE=ON \
   -DFAULTBOX_IO_URING=ON -DFAULTBOX_UNIT_TESTS_ONLY=ON | grep 'faultbox:' &&
  cmake --build build-asan-uring -j$jobs"
phase "unit tests on io_uring sockets under ASan+UBSan" ctest --test-dir build-asan-uring -L unit \
  --output-on-failure -j"$jobs"

echo "==> all tests passed in $((SECONDS - total_start)) s"
