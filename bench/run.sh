#!/usr/bin/env bash
# Throughput and memory benchmark for `rampart scan`.
#
#   bash bench/run.sh            # build, generate corpora (if missing), measure, print table
#   RUNS=5 bash bench/run.sh     # timing runs per figure (best and median are reported)
#   REGEN=1 bash bench/run.sh    # regenerate the corpora even if they exist
#   REV=HEAD bash bench/run.sh   # measure a commit (exported to bench/out/src-REV) instead of
#                                # the work tree, e.g. while the work tree does not build
#
# Everything generated goes under bench/out/ (git-ignored). See bench/README.md.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
OUT="$BENCH/out"
RUNS="${RUNS:-3}"
SEED="${SEED:-1}"
SMALL="${SMALL:-20000}"
LARGE="${LARGE:-100000}"
RAMPART="$ROOT/target/release/rampart"
PARSE="$BENCH/parse-only/target/release/rampart-parse-only"
TIME=/usr/bin/time

mkdir -p "$OUT"

# shellcheck source=lib.sh
. "$BENCH/lib.sh"
require_tools

if [ -n "${REV:-}" ]; then
    SHORT=$(cd "$ROOT" && git rev-parse --short "$REV")
    SRC="$OUT/src-$SHORT"
    echo "== exporting $REV ($SHORT) to $SRC" >&2
    rm -rf "$SRC" && mkdir -p "$SRC"
    (cd "$ROOT" && git archive "$SHORT") | tar -x -C "$SRC"
    # The baseline is always this checkout's, built against the exported rampart-document.
    rm -rf "$SRC/bench/parse-only" && mkdir -p "$SRC/bench/parse-only"
    cp -r "$BENCH/parse-only/Cargo.toml" "$BENCH/parse-only/Cargo.lock" "$BENCH/parse-only/src" \
        "$SRC/bench/parse-only/"
    echo "== building release binaries of $SHORT" >&2
    (cd "$SRC" && CARGO_TARGET_DIR="$OUT/target-rev" cargo build --release -p rampart --quiet)
    (cd "$SRC/bench/parse-only" && CARGO_TARGET_DIR="$OUT/target-rev-parse" cargo build --release --quiet)
    RAMPART="$OUT/target-rev/release/rampart"
    PARSE="$OUT/target-rev-parse/release/rampart-parse-only"
    VERSION="$SHORT (exported commit)"
else
    echo "== building release binaries (work tree)" >&2
    (cd "$ROOT" && cargo build --release -p rampart --quiet)
    (cd "$BENCH/parse-only" && cargo build --release --quiet)
    VERSION="$(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- crates Cargo.toml Cargo.lock || echo ' + uncommitted changes in crates/')"
fi

gen() { # objects dir
    local n="$1" dir="$2"
    if [ -z "${REGEN:-}" ] && [ -f "$dir/.corpus.json" ] &&
        python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['objects']==int(sys.argv[2]) and d['seed']==int(sys.argv[3]) else 1)" \
            "$dir/.corpus.json" "$n" "$SEED"; then
        echo "== corpus $dir exists" >&2
    else
        echo "== generating $n objects into $dir" >&2
        python3 "$BENCH/gen_corpus.py" --objects "$n" --out "$dir" --seed "$SEED"
    fi
}
C20="$OUT/corpus-$((SMALL / 1000))k"
C100="$OUT/corpus-$((LARGE / 1000))k"
gen "$SMALL" "$C20"
gen "$LARGE" "$C100"


objects_of() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['objects'])" "$1/.corpus.json"; }
files_of() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['files'])" "$1/.corpus.json"; }
mb_of() { python3 -c "import json,sys; print('%.1f' % (json.load(open(sys.argv[1]))['bytes']/1e6))" "$1/.corpus.json"; }

# Sanity: both programs see the same number of objects.
"$PARSE" "$C20" 2>"$OUT/parse-only-20k.log" || true
echo "   $(cat "$OUT/parse-only-20k.log")" >&2
rc=0
"$RAMPART" scan "$C20" --format json -j 1 -o "$OUT/scan-20k.json" 2>/dev/null || rc=$?
[ "$rc" -le 1 ] || { echo "rampart scan failed ($rc)" >&2; exit 1; }
python3 - "$OUT/scan-20k.json" >&2 <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print(f"   rampart scan: {s['files']} files, {s['objects']} objects, {s['workloads']} workloads, "
      f"{s['total']} findings, {s['suppressed']} suppressed, {s['errors']} errors")
EOF

N20=$(objects_of "$C20")
N100=$(objects_of "$C100")
SCAN=(scan --format json -o /dev/null)
QUIET=(scan --format human -q)
# A rule that finds nothing in the corpus: the scan still loads every object, builds the
# inventory and workload facts and checks suppression annotations, but emits no findings.
NONE_RULE="${NONE_RULE:-pod.pss.windows-host-process}"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== load average before timing: $LOAD_BEFORE (timings are only meaningful on an idle machine)" >&2
echo "== timing ($RUNS runs each after a warm-up; best wall, median wall, cpu of best)" >&2
read -r P1 P1_MED P1_CPU < <(wall_time taskset -c 0 "$PARSE" "$C20")
read -r S1 S1_MED S1_CPU < <(wall_time taskset -c 0 "$RAMPART" "${SCAN[@]}" -j 1 "$C20")
read -r S2 S2_MED S2_CPU < <(wall_time taskset -c 0,1 "$RAMPART" "${SCAN[@]}" -j 2 "$C20")
# Where the time goes (1 core): no findings / all rules without the JSON report.
read -r X1 X1_MED X1_CPU < <(wall_time taskset -c 0 "$RAMPART" "${QUIET[@]}" -j 1 --select "$NONE_RULE" "$C20")
read -r Q1 Q1_MED Q1_CPU < <(wall_time taskset -c 0 "$RAMPART" "${QUIET[@]}" -j 1 "$C20")
# For context: parsing with the saphyr-based reference parser instead of the fast reader.
read -r R1 R1_MED R1_CPU < <(wall_time taskset -c 0 "$PARSE" --reference "$C20")
read -r P100 P100_MED P100_CPU < <(wall_time taskset -c 0 "$PARSE" "$C100")
read -r S100 S100_MED S100_CPU < <(wall_time taskset -c 0 "$RAMPART" "${SCAN[@]}" -j 1 "$C100")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== peak memory (100k corpus)" >&2
RSS_P100=$(peak_rss taskset -c 0 "$PARSE" "$C100")
RSS_S100_1=$(peak_rss taskset -c 0 "$RAMPART" "${SCAN[@]}" -j 1 "$C100")
RSS_S100_2=$(peak_rss taskset -c 0,1 "$RAMPART" "${SCAN[@]}" -j 2 "$C100")
RSS_X100_1=$(peak_rss taskset -c 0 "$RAMPART" "${QUIET[@]}" -j 1 --select "$NONE_RULE" "$C100")
RSS_S20_1=$(peak_rss taskset -c 0 "$RAMPART" "${SCAN[@]}" -j 1 "$C20")
FINDINGS100=$("$RAMPART" scan --format human -q -j 2 "$C100" 2>/dev/null | tail -1 || true)

rate() { echo "$1 / $2" | bc -l | xargs printf '%.0f'; }
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }
verdict() { if [ "$(echo "$1" | bc -l)" = 1 ]; then echo "met"; else echo "NOT met"; fi; }
row() { printf '| %-48s | %-26s | %-22s |\n' "$1" "$2" "$3"; }

FULL_RATE=$(rate "$N20" "$S1")
FULL_RATE_CPU=$(rate "$N20" "$S1_CPU")
PARSE_RATE_CPU=$(rate "$N20" "$P1_CPU")
RATIO_CPU=$(ratio "$S1_CPU" "$P1_CPU")
# A one-thread run whose wall time exceeds its CPU time by more than 15% was waiting for the
# core: another process was using it, and the wall figures overstate rampart's cost.
CONTENDED=$(echo "$S1 > 1.15 * $S1_CPU || $P1 > 1.15 * $P1_CPU" | bc -l)
PARSE_RATE=$(rate "$N20" "$P1")
RATIO=$(ratio "$S1" "$P1")
K20="$((SMALL / 1000))k"
K100="$((LARGE / 1000))k"

{
    echo "rampart benchmark, $(date -u +%Y-%m-%d)"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load average before/after timing: $LOAD_BEFORE / $LOAD_AFTER"
    echo "rampart: $VERSION"
    echo "corpus $K20: $N20 objects, $(files_of "$C20") files, $(mb_of "$C20") MB; corpus $K100: $N100 objects, $(files_of "$C100") files, $(mb_of "$C100") MB (seed $SEED)"
    echo "100k scan: $FINDINGS100"
    echo "times: best wall of $RUNS runs after a warm-up [median wall] (user+sys CPU of the best run)"
    if [ "$CONTENDED" = 1 ]; then
        echo "WARNING: wall time exceeded CPU time by more than 15% on one core: the machine was busy."
        echo "         The wall figures overstate the cost; the cpu figures are the better estimate."
    fi
    echo
    row "figure" "value" "target"
    row "------------------------------------------------" "--------------------------" "----------------------"
    row "(a) parse-only, $K20, 1 core" "$P1 s [$P1_MED] ($P1_CPU)" ""
    row "(b) full scan -j 1 json, $K20, 1 core" "$S1 s [$S1_MED] ($S1_CPU)" ""
    row "(c) parse-only objects/s, 1 core" "$PARSE_RATE (cpu: $PARSE_RATE_CPU)" ""
    row "(c) full scan objects/s, 1 core" "$FULL_RATE (cpu: $FULL_RATE_CPU)" ">= 20000: $(verdict "$FULL_RATE >= 20000")"
    row "(c) full / parse-only" "${RATIO}x (cpu: ${RATIO_CPU}x)" "<= 2x: $(verdict "$RATIO <= 2")"
    row "(d) peak RSS, full scan -j 1 json, $K100" "$RSS_S100_1 MB" "< 300 MB: $(verdict "$RSS_S100_1 < 300")"
    row "(d) peak RSS, full scan -j 2 json, $K100" "$RSS_S100_2 MB" "< 300 MB: $(verdict "$RSS_S100_2 < 300")"
    row "(e) full scan -j 2 json, $K20, 2 cores" "$S2 s [$S2_MED] ($S2_CPU)" ""
    row "(e) full scan objects/s, 2 cores" "$(rate "$N20" "$S2")" ""
    row "parse-only MB/s, $K20, 1 core" "$(echo "$(mb_of "$C20") / $P1" | bc -l | xargs printf '%.1f')" ""
    row "scan, rule with no findings, $K20, 1 core" "$X1 s [$X1_MED] ($X1_CPU)" ""
    row "scan, all rules, no report (-q), $K20, 1 core" "$Q1 s [$Q1_MED] ($Q1_CPU)" ""
    row "parse-only, reference parser, $K20, 1 core" "$R1 s [$R1_MED] ($R1_CPU)" ""
    row "full / parse-only with the reference parser" "$(ratio "$S1" "$R1")x" ""
    row "parse-only, $K100, 1 core" "$P100 s [$P100_MED] ($P100_CPU)" ""
    row "full scan -j 1 json, $K100, 1 core" "$S100 s [$S100_MED] ($S100_CPU)" ""
    row "full scan objects/s, $K100, 1 core" "$(rate "$N100" "$S100")" ""
    row "full / parse-only, $K100" "$(ratio "$S100" "$P100")x" ""
    row "peak RSS, parse-only, $K100" "$RSS_P100 MB" ""
    row "peak RSS, rule with no findings -j 1, $K100" "$RSS_X100_1 MB" ""
    row "peak RSS, full scan -j 1 json, $K20" "$RSS_S20_1 MB" ""
} | tee "$OUT/results.md"
