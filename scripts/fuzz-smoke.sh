#!/usr/bin/env bash
# Runs each libFuzzer target in BUILD/fuzz for SECONDS, starting from its seed corpus in
# fuzz/corpus/<target>/ when there is one, plus the files of every repository folder listed in
# fuzz/corpus/<target>.dirs (one per line), so test fixtures seed the fuzzers without copies.
# Any crash fails the run.
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
found=0
for target in "$root/$build"/fuzz/*_fuzz; do
  [ -x "$target" ] || continue
  found=1
  name=${target##*/}
  corpus="$work/$name"
  mkdir -p "$corpus"
  if [ -d "$root/fuzz/corpus/$name" ]; then cp -r "$root/fuzz/corpus/$name/." "$corpus/"; fi
  if [ -f "$root/fuzz/corpus/$name.dirs" ]; then
    while read -r dir; do
      [ -n "$dir" ] && find "$root/$dir" -maxdepth 1 -type f -exec cp {} "$corpus/" \;
    done <"$root/fuzz/corpus/$name.dirs"
  fi
  echo "fuzz-smoke: $name for ${seconds}s"
  "$target" -max_total_time="$seconds" -rss_limit_mb=2048 -artifact_prefix="$work/" \
    -print_final_stats=0 "$corpus" >"$work/$name.log" 2>&1 || {
    tail -n 40 "$work/$name.log" >&2
    echo "fuzz-smoke: $name failed" >&2
    exit 1
  }
  grep -E '^#[0-9]+.*DONE' "$work/$name.log" | tail -n 1 || true
done
[ $found -eq 1 ] || echo "fuzz-smoke: no fuzz targets built" >&2
echo "fuzz-smoke: all targets ran ${seconds}s without a crash"
