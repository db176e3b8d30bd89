#!/usr/bin/env bash
# Rules of the source tree that a compiler does not check, each once a way to end the lab:
#  - JSON is written through core/json_text.h's json_text(): nlohmann's dump() throws on a string
#    that is not UTF-8, and an outside byte once ended the lab that way.
#  - No std::regex where text comes from users (expr, stack): libstdc++'s engine backtracks
#    without bound and recurses once per character; RE2 does neither.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
report() {
  echo "source rule: $1" >&2
  echo "$2" | sed 's/^/  /' >&2
  status=1
}
if dumps=$(grep -rn '\.dump(' src --include='*.cpp' --include='*.h' | grep -v '^src/core/json_text.cpp:'); then
  report "write JSON with json_text() (core/json_text.h), not .dump():" "$dumps"
fi
if regexes=$(grep -rln 'std::regex\|<regex>' src/expr src/stack); then
  report "use RE2 (re2/re2.h), not std::regex, on users' text:" "$regexes"
fi
[ $status -eq 0 ] && echo "source rules: ok"
exit $status
