#!/usr/bin/env bash
# The main job: set-up (what the lab needs, nothing the tests use), build and install `faultbox`
# (scripts/build-lab.sh: /usr/local/bin as root, ~/.local/bin otherwise), then the workshop's four
# steps end to end on faultbox's own stacks with `faultbox workshop` (a lab of its own): step01's
# server stopped and started again, step02's group replacing its server, step03's seed
# (../shared/seed/step03.md: the service over 3 AZs, the template run with COUNT(2) while traffic
# flows, then ALL stopped by the alarm, both reports) and step04's Lambda function timed out by
# the add-delay experiment.
# FAULTBOX_SPEED (default 10) sets the lab speed, FAULTBOX_REPORTS where the reports go,
# FAULTBOX_PREFIX where faultbox is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/timing.sh
phase "set-up" bash scripts/setup.sh
phase "build and install" bash scripts/build-lab.sh ${FAULTBOX_PREFIX:+"$FAULTBOX_PREFIX"}
faultbox=$(cmake -L -N build-release 2>/dev/null | sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p')/bin/faultbox
phase "workshop" "$faultbox" workshop --speed "${FAULTBOX_SPEED:-10}" \
  --reports "${FAULTBOX_REPORTS:-$PWD/faultbox-reports}"
echo "faultbox is installed as $faultbox; try \`faultbox --help\` (the README's \"by hand\" section)."
