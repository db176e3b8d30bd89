#!/usr/bin/env bash
# The whole test suite: set-up, build, unit and end-to-end tests, then the unit tests again under
# AddressSanitizer + UndefinedBehaviorSanitizer, on io_uring sockets (the default where the system
# allows them) and on epoll sockets (the fallback). Prints how long each phase took.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/timing.sh
jobs=$(nproc)
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1
# Both build flavours (RelWithDebInfo and the sanitizer Debug build) must fit, or CI recompiles.
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-12G}
total_start=$SECONDS

phase "set-up" bash scripts/setup.sh --tests
phase "format check" bash scripts/check-format.sh
phase "build" bash scripts/build.sh
phase "unit and end-to-end tests" ctest --test-dir build --output-on-failure -j"$jobs"
# Configure says which sockets a build got ("faultbox: sockets through ..."); where the system
# refuses io_uring, the first pair runs on epoll too.
phase "sanitizer build" bash -c "set -o pipefail
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFAULTBOX_SANITIZE=ON \
   -DFAULTBOX_UNIT_TESTS_ONLY=ON | grep 'faultbox:' && cmake --build build-asan -j$jobs"
phase "unit tests under ASan+UBSan" ctest --test-dir build-asan -L unit --output-on-failure -j"$jobs"
# The sanitizers on io_uring sockets are how Asio 1.81's io_uring faults showed (bench/RESULTS.md,
# session 12); epoll, the fallback, gets every unit test under them as well.
phase "epoll sanitizer build" bash -c "set -o pipefail
  cmake -S . -B build-asan-epoll -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFAULTBOX_SANITIZE=ON \
   -DFAULTBOX_IO_URING=OFF -DFAULTBOX_UNIT_TESTS_ONLY=ON | grep 'faultbox:' &&
  cmake --build build-asan-epoll -j$jobs"
phase "unit tests on epoll sockets under ASan+UBSan" ctest --test-dir build-asan-epoll -L unit \
  --output-on-failure -j"$jobs"

echo "==> all tests passed in $((SECONDS - total_start)) s"
