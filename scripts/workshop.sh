#!/usr/bin/env bash
# The main job: set-up, build, then the workshop scenario (../shared/seed/step03.md) end to end on
# the embedded default lab with `faultbox workshop`: build the service, watch it rotate over 3
# AZs, create the experiment template, run it with traffic flowing (2 of 3 instances: the
# service survives), update it to ALL and run it again (the alarm stops it), write both reports.
# FAULTBOX_SPEED (default 10) sets the lab speed, FAULTBOX_REPORTS where the reports go.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/timing.sh
phase "set-up" bash scripts/setup.sh
phase "build" bash scripts/build.sh
phase "workshop" build/src/cli/faultbox workshop --speed "${FAULTBOX_SPEED:-10}" \
  --reports "${FAULTBOX_REPORTS:-$PWD/faultbox-reports}"
