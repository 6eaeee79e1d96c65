#!/usr/bin/env bash
# Cold start of the local stack: seconds from `./moodstream up` (modules already built) to the first
# minute bucket served by the REST API, with the default synthetic source and a fresh var/.
# Bounded: gives up after 300 s, always stops the stack. Loopback only.
#
# Usage: local/bench/cold-start.sh [runs]     (default 1; prints each run and the median)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS=${1:-1}
PORT=${PORT:-18080}

"$ROOT/moodstream" up --help >/dev/null   # builds the modules if needed, outside the timing

times=()
for ((i = 1; i <= RUNS; i++)); do
  VAR=$(mktemp -d /tmp/moodstream-cold.XXXXXX)
  export MOODSTREAM_VAR="$VAR"
  start=$(date +%s.%N)
  "$ROOT/moodstream" up --port "$PORT" >"$VAR/up.out" 2>&1 &
  up_pid=$!
  result=""
  while :; do
    now=$(date +%s.%N)
    elapsed=$(echo "$now - $start" | bc)
    if curl -fs "http://127.0.0.1:$PORT/api/v1/series?topic=all&from=now-10m&to=now&step=1m" 2>/dev/null \
        | grep -q '"count"'; then
      result=$elapsed
      break
    fi
    if ! kill -0 "$up_pid" 2>/dev/null || (($(echo "$elapsed > 300" | bc))); then
      echo "run $i: no minute served after ${elapsed%.*} s; output in $VAR/up.out" >&2
      break
    fi
    sleep 0.5
  done
  "$ROOT/moodstream" down >/dev/null 2>&1 || true
  wait "$up_pid" 2>/dev/null || true
  if [[ -n "$result" ]]; then
    printf 'run %d: first minute on the dashboard after %.1f s\n' "$i" "$result"
    times+=("$result")
    rm -rf "$VAR"
  fi
done
if ((${#times[@]})); then
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
  printf 'median of %d: %.1f s\n' "${#times[@]}" "$median"
fi
