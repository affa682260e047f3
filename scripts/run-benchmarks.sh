#!/usr/bin/env bash
# Runs every benchmark binary in BUILD/bench, and the stances dev bench on the Iran set too. Each
# reads ../shared/data when it is there and prints its own figures; a missing data set is
# reported and skipped.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
export PARLEY_SHARED_DATA=${PARLEY_SHARED_DATA:-$root/../shared/data}
export PARLEY_SHARED=${PARLEY_SHARED:-$root/../shared}
export PARLEY_BINARY=$root/$build/parley
status=0
for bench in "$root/$build"/bench/*_bench; do
  [ -x "$bench" ] || continue
  echo "== ${bench##*/}"
  "$bench" || status=1
done
for script in "$root"/bench/*_bench.py; do
  echo "== ${script##*/}"
  python3 "$script" "$PARLEY_BINARY" || status=1
done
# The stances dev bench once more, on the second negotiation's dev set.
if [ -x "$root/$build/bench/stances_dev_bench" ]; then
  echo "== stances_dev_bench --set iran-dev"
  "$root/$build/bench/stances_dev_bench" --set iran-dev || status=1
fi
exit $status
