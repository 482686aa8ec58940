#!/usr/bin/env bash
# The first command: install what is missing, build, and start Switchboard in the foreground
# on the sample configuration in configs/ (state and logs go to var/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-deps.sh
scripts/build.sh release switchboard prompts
# The sample prompts go where configs/switchboard.conf's astdatadir looks for sounds.
mkdir -p var/lib/sounds
cp -rn build/sounds/. var/lib/sounds/
mode=-f
if [ -t 0 ]; then
  mode=-c  # an interactive console when there is a terminal
fi
exec build/switchboard "$mode" -C configs/switchboard.conf "$@"
