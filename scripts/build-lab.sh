#!/usr/bin/env bash
# Builds what the lab runs and nothing else (the `faultbox` binary and the IMDS preload library;
# no tests, no debug info, the common headers precompiled once) in build-release/, then installs
# it:
#   scripts/build-lab.sh               into /usr/local as root, ~/.local otherwise
#   scripts/build-lab.sh PREFIX        into PREFIX
#   scripts/build-lab.sh --build-only  no install (scripts/package.sh packages the build)
# Prints where `faultbox` went, and says so when that directory is not on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-12G}
# ccache caches files compiled with a precompiled header only when told these may differ.
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
install=1
if [ "${1:-}" = "--build-only" ]; then
  install=0 prefix=/usr/local
elif [ $# -ge 1 ]; then
  prefix=$1
elif [ "$(id -u)" -eq 0 ]; then
  prefix=/usr/local
else
  prefix=$HOME/.local
fi
# -O2 as the tested build (RelWithDebInfo) has it: -O3 costs build time, the lab gains nothing.
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DFAULTBOX_TESTS=OFF \
  -DFAULTBOX_PCH=ON -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_INSTALL_PREFIX="$prefix" |
  grep 'faultbox:'
cmake --build build-release -j"$(nproc)" --target faultbox faultbox_imds_preload
((install)) || exit 0
cmake --install build-release >/dev/null
echo "installed: $prefix/bin/faultbox ($("$prefix/bin/faultbox" --version))"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on your PATH; add it (e.g. in ~/.profile):" \
    "export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
