#!/usr/bin/env bash
# NetworkPolicy reachability benchmark: full `rampart netpol reach` over a generated cluster of
# 5,000 workloads, 1,000 policies and 200 namespaces, on one core.
#
#   bash bench/netpol/run.sh            # build, generate the input (if missing), time, print table
#   RUNS=5 bash bench/netpol/run.sh     # timing runs (best and median are reported)
#   REGEN=1 bash bench/netpol/run.sh    # regenerate the input
#   SKIP_BUILD=1 RAMPART=path/to/rampart bash bench/netpol/run.sh   # time an existing binary
#
# Generated files go under bench/netpol/out/ (git-ignored).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/out"
RUNS="${RUNS:-5}"
SEED="${SEED:-1}"
INPUT="$OUT/input"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
RAMPART="${RAMPART:-$TARGET/release/rampart}"
TIME=/usr/bin/time

mkdir -p "$OUT"
# shellcheck source=../lib.sh
. "$ROOT/bench/lib.sh"
require_tools
build_release

if [ -n "${REGEN:-}" ] || [ ! -f "$INPUT/.input.json" ]; then
    echo "== generating the input" >&2
    python3 "$HERE/gen_netpol.py" --out "$INPUT" --seed "$SEED" >&2
fi

REACH=(taskset -c 0 "$RAMPART" netpol reach "$INPUT" -j 1)
"${REACH[@]}" >"$OUT/reach.txt"
LINES=$(wc -l <"$OUT/reach.txt")
META=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(f\"{d['workloads']} workloads, {d['policies']} policies, {d['namespaces']} namespaces (seed {d['seed']})\")" "$INPUT/.input.json")

echo "== timing ($RUNS runs each)" >&2
read -r R_BEST R_MED _ < <(wall_time "${REACH[@]}")
read -r RJ_BEST RJ_MED _ < <(wall_time "${REACH[@]}" --format json)
read -r C_BEST C_MED _ < <(wall_time taskset -c 0 "$RAMPART" netpol coverage "$INPUT" -j 1)
# Loading alone: the same files through the scan pipeline with only an object rule selected.
read -r L_BEST L_MED _ < <(wall_time taskset -c 0 "$RAMPART" scan "$INPUT" -j 1 --select cluster.network.node-port-service --format json -o /dev/null)
read -r S_BEST S_MED _ < <(wall_time taskset -c 0 "$RAMPART" scan "$INPUT" -j 1 --select cluster.network --format json -o /dev/null)
R_CPU=$(cpu_time "${REACH[@]}")
L_CPU=$(cpu_time taskset -c 0 "$RAMPART" scan "$INPUT" -j 1 --select cluster.network.node-port-service --format json -o /dev/null)
RSS=$(peak_rss "${REACH[@]}")
verdict() { if [ "$(echo "$1 < 2" | bc -l)" = 1 ]; then echo "MET"; else echo "NOT MET"; fi; }

{
    echo "rampart netpol benchmark, $(date -u +%Y-%m-%d)"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "rampart: $(cd "$ROOT" && git rev-parse --short HEAD)"
    echo "input: $META; reach lists $LINES connections"
    echo "timings: best of $RUNS after a warm-up run [median]; wall clock; taskset -c 0, -j 1"
    echo
    printf '| %-46s | %-20s | %-12s |\n' "figure" "value" "target"
    printf '|%s|%s|%s|\n' "------------------------------------------------" "----------------------" "--------------"
    printf '| %-46s | %-20s | %-12s |\n' "netpol reach (connlist), 1 core" "${R_BEST} s [${R_MED}]" "< 2 s: $(verdict "$R_BEST")"
    printf '| %-46s | %-20s | %-12s |\n' "netpol reach (connlist), CPU user+sys" "${R_CPU} s" ""
    printf '| %-46s | %-20s | %-12s |\n' "load only, CPU user+sys" "${L_CPU} s" ""
    printf '| %-46s | %-20s | %-12s |\n' "netpol reach --format json, 1 core" "${RJ_BEST} s [${RJ_MED}]" ""
    printf '| %-46s | %-20s | %-12s |\n' "netpol coverage, 1 core" "${C_BEST} s [${C_MED}]" ""
    printf '| %-46s | %-20s | %-12s |\n' "load only (scan, one object rule), 1 core" "${L_BEST} s [${L_MED}]" ""
    printf '| %-46s | %-20s | %-12s |\n' "scan --select cluster.network, 1 core" "${S_BEST} s [${S_MED}]" ""
    printf '| %-46s | %-20s | %-12s |\n' "peak RSS, netpol reach" "${RSS} MB" ""
} | tee "$OUT/results.md"
