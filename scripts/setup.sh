#!/usr/bin/env bash
# Installs what faultbox needs on Debian 12, skipping what is already there.
#   scripts/setup.sh          to build the lab and run it (the README's main command)
#   scripts/setup.sh --tests  also what the test suite uses (the README's test command)
set -euo pipefail
with_tests=0
case "${1:-}" in
  --tests) with_tests=1 ;;
  "") ;;
  *) echo "usage: scripts/setup.sh [--tests]" >&2; exit 2 ;;
esac

# To build: the compiler, CMake and the libraries faultbox links.
packages=(
  g++ cmake ninja-build ccache pkg-config git
  libboost1.81-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libspdlog-dev libfmt-dev
  libsqlite3-dev libssl-dev
  libre2-dev  # Terraform's regular expressions (RE2: linear time, no backtracking)
  libzip-dev  # archive_file: zip archives (Lambda code)
  liburing-dev  # sockets through io_uring (the default; epoll without it)
  libnetfilter-queue-dev  # latency faults: packets held through the kernel's NFQUEUE
)
# To run: what instances, Lambda and the HCL converter use (the .deb declares the same).
packages+=(
  bubblewrap gettext-base curl procps iproute2  # the instance image: private filesystem views,
                                                # envsubst and curl in user data, ps, ip
  python3 python3-boto3  # Lambda's runtime, boto3 inside functions
  stress-ng psmisc  # the AWSFIS-Run-* documents' tools inside instances: stress-ng, killall
  nftables  # network faults on the kernel's packet path (aws:network:disrupt-connectivity)
  iptables  # latency faults: iptables-nft's NFQUEUE rules send packets to the lab's delayer
  e2fsprogs mount  # instances' own disks: mkfs.ext4, mount and umount (in Debian's base too)
)
# Node and npm for the HCL converter (*.tf): any install will do (Debian's packages when none).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
if ((with_tests)); then
  packages+=(
    libgtest-dev libgmock-dev libbenchmark-dev  # unit tests and micro-benchmarks
    chromium  # the web console's browser tests
    awscli    # the AWS CLI 2 (2.9), one of the clients the end-to-end tests drive the lab with
    python3-prometheus-client  # the tests read the lab's /metrics with Prometheus' own parser
    prometheus  # ... and scrape it with Prometheus itself
    dpkg-dev file  # the package test builds the .deb (dpkg-shlibdeps; CPack finds ELF files with file)
    clang-format-14  # scripts/check-format.sh: the tree's one style (.clang-format)
    zsh  # the completion test runs the zsh script in a real zsh
  )
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
else
  echo "setup: all packages present"
fi

root=$(cd "$(dirname "$0")/.." && pwd)

# npm ci into DIR once per package-lock.json (a stamp records which lock was installed).
npm_install_once() {
  local dir=$1 what=$2
  local stamp="$dir/node_modules/.faultbox-installed-lock.json"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$dir/package-lock.json"; then
    echo "setup: $what present"
  else
    echo "setup: installing $what (npm)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$dir/package-lock.json" "$stamp"
  fi
}

# HCL input (*.tf): HashiCorp's parser as published on npm (@cdktf/hcl2json, WebAssembly), run by
# Node.js; installed once into tools/hcl2json so the CLI needs no network at run time.
npm_install_once "$root/tools/hcl2json" hcl2json

# The browser tests' one npm package: playwright-core drives the chromium above (it downloads no
# browser; pinned to a release that runs on Debian 12's Node.js 18).
if ((with_tests)); then
  npm_install_once "$root/tests/console" playwright-core
fi
