#!/usr/bin/env bash
# The test suite with one core kept busy: a background `node -e "for(;;){}"` runs for as long as
# the tests do and is ended, by its PID, when this script exits (normally, on failure or on Ctrl-C).
# The suite must pass this way: no test may depend on how fast the machine is.
# Usage: scripts/test-busy.sh [command ...]   (default: npm test)
set -euo pipefail
cd "$(dirname "$0")/.."

node -e 'for (;;) {}' &
busy=$!
trap 'kill "$busy" 2>/dev/null || true' EXIT
echo "test-busy: one core kept busy by PID $busy" >&2

if [ "$#" -eq 0 ]; then set -- npm test; fi
start=$(date +%s)
status=0
"$@" || status=$?
echo "test-busy: '$*' exited with $status after $(( $(date +%s) - start )) s, with PID $busy busy throughout" >&2
exit "$status"
