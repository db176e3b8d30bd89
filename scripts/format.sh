#!/usr/bin/env bash
# Formats every tracked C++ file in place, as scripts/check-format.sh expects.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/clang_format.sh
cpp_files | xargs -0 -r -n 20 -P "$(nproc)" "$clang_format" --style=file -i
