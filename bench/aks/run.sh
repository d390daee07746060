#!/usr/bin/env bash
# AKS benchmark: cluster definitions in the three input formats, on one core.
# Compares a full AKS scan with a load-only pass over the same files.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/out/aks
rm -rf "$out"
python3 bench/aks/gen_aks.py --out "$out" --clusters "${CLUSTERS:-300}" --pools 6
cargo build --release --quiet -p rampart --target-dir "${CARGO_TARGET_DIR:-target}"
bin="${CARGO_TARGET_DIR:-target}/release/rampart"
best() {
  local label=$1; shift
  local best=""
  "$@" >/dev/null 2>&1 || true
  for _ in 1 2 3 4 5; do
    local t0 t1 ms
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  printf '%-44s %6d ms\n' "$label" "$best"
}
files=$(find "$out" -type f | wc -l)
echo "$files files"
best "scan --select host.aks,cluster.aks (1 core)" taskset -c 0 "$bin" scan "$out" -j 1 --select host.aks,cluster.aks -f json --fail-on never
best "load only (--select pod.default-namespace)" taskset -c 0 "$bin" scan "$out" -j 1 --select pod.default-namespace -f json --fail-on never
for kind in az arm terraform; do
  best "scan $kind only (1 core)" taskset -c 0 "$bin" scan "$out/$kind" -j 1 --select host.aks,cluster.aks -f json --fail-on never
done
/usr/bin/time -f "peak RSS %M KB" "$bin" scan "$out" -j 1 --select host.aks,cluster.aks -f json --fail-on never >/dev/null
