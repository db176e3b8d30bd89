#!/usr/bin/env bash
# The main job: set-up, build, then the workshop's four steps end to end on faultbox's own stacks
# with `faultbox workshop` (a lab of its own): step01's server stopped and started again, step02's
# group replacing its server, step03's seed (../shared/seed/step03.md: the service over 3 AZs,
# the template run with COUNT(2) while traffic flows, then ALL stopped by the alarm, both
# reports) and step04's Lambda function timed out by the add-delay experiment.
# FAULTBOX_SPEED (default 10) sets the lab speed, FAULTBOX_REPORTS where the reports go.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/timing.sh
phase "set-up" bash scripts/setup.sh
phase "build" bash scripts/build.sh
phase "workshop" build/src/cli/faultbox workshop --speed "${FAULTBOX_SPEED:-10}" \
  --reports "${FAULTBOX_REPORTS:-$PWD/faultbox-reports}"
