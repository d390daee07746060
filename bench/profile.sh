#!/usr/bin/env bash
# Where the time and memory of `rampart scan` go. Run bench/run.sh first (it makes the corpora).
#
#   bash bench/profile.sh
#   REV=HEAD bash bench/profile.sh   # profile a commit (exported to bench/out/src-REV) instead
#
# CPU: perf, sampling a frame-pointer build of rampart (built into bench/out/target-fp, the
# workspace's own target dir is not touched) scanning the 20k corpus on one core.
# Memory: heaptrack on the release binary: heap at its peak on the 100k corpus, by the code that
# allocated it; and the number of allocation calls on the 20k corpus.
# Installs Debian's linux-perf and heaptrack when missing. Output: bench/out/profile/*.txt
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
OUT="$BENCH/out/profile"
C20="$BENCH/out/corpus-20k"
C100="$BENCH/out/corpus-100k"
mkdir -p "$OUT"
[ -d "$C20" ] && [ -d "$C100" ] || { echo "run bench/run.sh first (corpora missing)" >&2; exit 2; }

need=()
command -v perf >/dev/null || need+=(linux-perf)
command -v heaptrack >/dev/null || need+=(heaptrack)
if [ "${#need[@]}" -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

SRC="$ROOT"
if [ -n "${REV:-}" ]; then
    SHORT=$(cd "$ROOT" && git rev-parse --short "$REV")
    SRC="$BENCH/out/src-$SHORT"
    if [ ! -d "$SRC" ]; then
        mkdir -p "$SRC" && (cd "$ROOT" && git archive "$SHORT") | tar -x -C "$SRC"
    fi
fi
echo "== building rampart with frame pointers (bench/out/target-fp) from $SRC" >&2
(cd "$SRC" && CARGO_TARGET_DIR="$BENCH/out/target-fp" RUSTFLAGS="-C force-frame-pointers=yes" \
    cargo build --release -p rampart --quiet)
# Heap profiles need the system allocator: heaptrack does not see mimalloc's own pages.
(cd "$SRC" && CARGO_TARGET_DIR="$BENCH/out/target-sysalloc" \
    cargo build --release -p rampart --no-default-features --quiet)
FP="$BENCH/out/target-fp/release/rampart"
REL="$BENCH/out/target-sysalloc/release/rampart"

echo "== perf: full scan, 20k, -j 1, one core" >&2
perf record -q -F 4000 -g -o "$OUT/perf.data" \
    taskset -c 0 "$FP" scan "$C20" --format json -j 1 -o /dev/null >/dev/null 2>&1 || true
perf report -i "$OUT/perf.data" --no-children --stdio -g none --sort dso,sym 2>/dev/null \
    >"$OUT/perf-self.txt"
perf report -i "$OUT/perf.data" --children --stdio -g none --sort sym 2>/dev/null \
    >"$OUT/perf-children.txt"
python3 "$BENCH/profile_report.py" cpu "$OUT/perf-self.txt" | tee "$OUT/cpu.txt"

echo "== heaptrack: full scan, 100k, -j 1 (peak heap)" >&2
rm -f "$OUT"/heap100.*
heaptrack -o "$OUT/heap100" "$REL" scan "$C100" --format json -j 1 -o /dev/null >/dev/null 2>&1 || true
heaptrack_print -f "$OUT/heap100.zst" --flamegraph-cost-type peak -F "$OUT/heap100-peak.folded" \
    >"$OUT/heap100-print.txt" 2>&1
grep -E "peak heap|peak RSS|calls to allocation" "$OUT/heap100-print.txt" | tail -3 | tee "$OUT/heap.txt"
python3 "$BENCH/profile_report.py" heap "$OUT/heap100-peak.folded" | tee -a "$OUT/heap.txt"

echo "== heaptrack: full scan, 20k, -j 1 (allocation calls)" >&2
rm -f "$OUT"/heap20.*
heaptrack -o "$OUT/heap20" "$REL" scan "$C20" --format json -j 1 -o /dev/null >/dev/null 2>&1 || true
heaptrack_print -f "$OUT/heap20.zst" --flamegraph-cost-type allocations -F "$OUT/heap20-allocs.folded" \
    >/dev/null 2>&1
python3 "$BENCH/profile_report.py" allocs "$OUT/heap20-allocs.folded" | tee "$OUT/allocs.txt"
