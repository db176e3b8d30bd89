#!/usr/bin/env bash
# Fails when a C++ file is not formatted as .clang-format says; scripts/format.sh fixes it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/clang_format.sh

# One clang-format per file, in parallel: a failing file's name is all we need from it.
# shellcheck disable=SC2016  # $0 and $1 are expanded by the inner sh, not here
unformatted=$(cpp_files |
  xargs -0 -r -n 1 -P "$(nproc)" sh -c \
    '"$0" --style=file --dry-run --Werror "$1" >/dev/null 2>&1 || echo "$1"' "$clang_format" |
  sort)

if [ -n "$unformatted" ]; then
  echo "check-format: not formatted as .clang-format says:" >&2
  echo "$unformatted" | sed 's/^/  /' >&2
  echo "fix with: scripts/format.sh" >&2
  exit 1
fi
echo "check-format: ok"
