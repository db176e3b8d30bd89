#!/usr/bin/env bash
# Installs what faultbox needs to build and test on Debian 12, skipping what is already there.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache pkg-config git curl procps python3 iproute2
  libboost1.81-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libspdlog-dev libfmt-dev
  libsqlite3-dev libssl-dev libgtest-dev libgmock-dev libbenchmark-dev
  libre2-dev  # Terraform's regular expressions (RE2: linear time, no backtracking)
  libzip-dev  # archive_file: zip archives (Lambda code)
  liburing-dev  # sockets through io_uring (the default; epoll without it)
  chromium  # the web console's browser tests
  awscli    # the AWS CLI 2 (2.9), one of the clients the end-to-end tests drive the lab with
  bubblewrap gettext-base  # the instance image: private filesystem views; envsubst in user data
  python3-prometheus-client  # the tests read the lab's /metrics with Prometheus' own parser
  python3-boto3  # boto3, a client the end-to-end tests drive the lab with (and Lambda's runtime)
  clang-format-14  # scripts/check-format.sh: the tree's one style (.clang-format)
  zsh  # the completion test runs `faultbox completion zsh`'s script in a real zsh
)
# Node and npm for the browser tests: any install will do (Debian's packages when none).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

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

# The browser tests' one npm package (playwright-core drives the chromium above; it downloads no
# browser). Installed from tests/console/package-lock.json when missing.
console_tests=$(cd "$(dirname "$0")/../tests/console" && pwd)
if [ ! -f "$console_tests/node_modules/playwright-core/package.json" ]; then
  echo "setup: installing playwright-core for the console's browser tests"
  npm ci --prefix "$console_tests" --no-audit --no-fund --loglevel=error >/dev/null
fi

# HCL input (*.tf): HashiCorp's parser as published on npm (@cdktf/hcl2json, WebAssembly), run by
# Node.js; installed once into tools/hcl2json so the CLI needs no network at run time.
hcl_dir="$(cd "$(dirname "$0")/.." && pwd)/tools/hcl2json"
stamp="$hcl_dir/node_modules/.faultbox-installed-lock.json"
if [ -f "$stamp" ] && cmp -s "$stamp" "$hcl_dir/package-lock.json"; then
  echo "setup: hcl2json present"
elif command -v npm >/dev/null 2>&1; then
  echo "setup: installing hcl2json (npm)"
  (cd "$hcl_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$hcl_dir/package-lock.json" "$stamp"
else
  echo "setup: npm not found; *.tf.json stacks work, *.tf needs Node.js 20 and npm (then re-run)"
fi
