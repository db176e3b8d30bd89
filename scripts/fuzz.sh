#!/usr/bin/env bash
# Searches for inputs that crash, hang or exhaust the lab's parsers: builds the fuzz targets
# (fuzz/) with clang's libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer in build-fuzz/,
# then runs each for SECONDS (default 60) from its corpus, and prints the executions per target
# and in all. New inputs go to build-fuzz/corpus/<name>; a finding is left as
# build-fuzz/findings/<name>/crash-* (or leak-, timeout-, oom-) and fails the script.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   Needs clang and libclang-rt-14-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1
command -v clang++ >/dev/null || { echo "clang++ is not installed (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFAULTBOX_LIBFUZZER=ON -DFAULTBOX_UNIT_TESTS_ONLY=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_targets
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for file in fuzz/*_fuzz.cpp; do
    name=$(basename "$file" _fuzz.cpp)
    targets+=("$name")
  done
fi
total=0
failed=()
for name in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$name findings=build-fuzz/findings/$name
  mkdir -p "$corpus" "$findings"
  cp -n fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null || true
  log=build-fuzz/findings/$name.log
  # Each input gets 10 s and 2 GB: what a request or a stack may take in the lab.
  if ! build-fuzz/fuzz/fuzz_"$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$findings/" "$corpus" >"$log" 2>&1; then
    failed+=("$name")
  fi
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -1)
  runs=${runs:-0}
  total=$((total + runs))
  printf '%-14s %10d executions  %s\n' "$name" "$runs" "$(ls "$findings" | head -3 | tr '\n' ' ')"
done
echo "in all: $total executions"
if [ ${#failed[@]} -gt 0 ]; then
  echo "findings in: ${failed[*]} (logs in build-fuzz/findings/<name>.log)" >&2
  exit 1
fi
