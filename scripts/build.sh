#!/usr/bin/env bash
# Configures and builds faultbox in build/ (Release with debug info, ccache when present).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
# ccache hits across fresh clones: paths relative to the checkout, build dir not hashed.
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1
# Both build flavours (RelWithDebInfo and the sanitizer Debug build) must fit, or CI recompiles.
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-12G}
# Configure's own lines say which sockets the build got (io_uring, or epoll where refused).
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo | grep 'faultbox:'
cmake --build build -j"$jobs"
