#!/usr/bin/env bash
# Secrets detectors benchmark: the cost of scanning every ConfigMap value and every literal
# environment variable, against loading the same files, on one core; and the findings against
# the credentials the generator planted (anything else is a false positive on the noise).
#
#   bash bench/secrets/run.sh            # build, generate the input (if missing), time, print table
#   APPS=5000 REGEN=1 bash bench/secrets/run.sh
#   SKIP_BUILD=1 RAMPART=path/to/rampart bash bench/secrets/run.sh
#
# Generated files go under bench/out/secrets/ (git-ignored).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/bench/out/secrets"
RUNS="${RUNS:-5}"
APPS="${APPS:-2000}"
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

if [ -n "${REGEN:-}" ] || [ ! -f "$INPUT/.planted.json" ]; then
    echo "== generating the input" >&2
    rm -rf "$INPUT"
    python3 "$HERE/gen_secrets.py" --out "$INPUT" --apps "$APPS" --seed "$SEED" >&2
fi

SCAN=(taskset -c 0 "$RAMPART" scan "$INPUT" -j 1 --fail-on never --format json)
DETECTORS=cluster.secrets.configmap-credential,cluster.secrets.env-literal-credential
# Loading alone: the same files through the scan pipeline with one object rule that only
# looks at SecretProviderClasses (none here).
LOAD_CPU=$(cpu_time "${SCAN[@]}" --select cluster.secrets.provider-class-invalid -o /dev/null)
DET_CPU=$(cpu_time "${SCAN[@]}" --select "$DETECTORS" -o /dev/null)
ALL_CPU=$(cpu_time "${SCAN[@]}" --select cluster.secrets,cluster.supply-chain -o /dev/null)
"${SCAN[@]}" --select "$DETECTORS" -o "$OUT/findings.json"

read -r VALUES PLANTED FOUND MATCHED < <(python3 - "$INPUT/.planted.json" "$OUT/findings.json" <<'PY'
import json, sys
meta = json.load(open(sys.argv[1]))
found = json.load(open(sys.argv[2]))["findings"]
planted = {(p["file"], p["key"]) for p in meta["planted"]}
got = set()
for f in found:
    name = f["location"]["file"].rsplit("/", 1)[-1]
    msg = f["message"]
    key = next((k for (_, k) in planted if f'"{k}"' in msg or f" {k} to " in msg), None)
    got.add((name, key))
print(meta["values"], len(planted), len(found), len(planted & got))
PY
)

PER_VALUE_NS=$(echo "($DET_CPU - $LOAD_CPU) * 1000000000 / $VALUES" | bc -l | awk '{printf "%.0f", $1}')
{
    echo "rampart secrets detectors benchmark, $(date -u +%Y-%m-%d)"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "rampart: $(cd "$ROOT" && git rev-parse --short HEAD)"
    echo "input: $APPS apps (a ConfigMap with 3 embedded files and a Deployment each), $VALUES values, $PLANTED planted credentials (seed $SEED)"
    echo "CPU user+sys, best of $RUNS after a warm-up run; taskset -c 0, -j 1"
    echo
    printf '| %-50s | %-14s |\n' "figure" "value"
    printf '|%s|%s|\n' "----------------------------------------------------" "----------------"
    printf '| %-50s | %-14s |\n' "load only (scan, one SecretProviderClass rule)" "${LOAD_CPU} s"
    printf '| %-50s | %-14s |\n' "scan, ConfigMap and env detectors" "${DET_CPU} s"
    printf '| %-50s | %-14s |\n' "scan, all cluster.secrets and supply-chain rules" "${ALL_CPU} s"
    printf '| %-50s | %-14s |\n' "detector cost per value" "${PER_VALUE_NS} ns"
    printf '| %-50s | %-14s |\n' "findings / planted / planted found" "$FOUND / $PLANTED / $MATCHED"
} | tee "$OUT/results.md"
