# Shared by the benchmarks (bench/run.sh, bench/*/run.sh): tools, the release build, wall and CPU
# time and peak memory of a command. Source it after setting ROOT (the workspace), RUNS and TIME.

# taskset, bc and GNU time; the last two are Debian packages installed when missing.
require_tools() {
    command -v taskset >/dev/null || { echo "taskset (util-linux) is required" >&2; exit 2; }
    command -v bc >/dev/null || { apt-get update -qq && apt-get install -y -qq bc >/dev/null; }
    [ -x "$TIME" ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
}

# The release binary, unless SKIP_BUILD is set.
build_release() {
    if [ -z "${SKIP_BUILD:-}" ]; then
        echo "== building the release binary" >&2
        (cd "$ROOT" && cargo build --release -p rampart --quiet)
    fi
}

# Best user+system CPU seconds of RUNS runs after a warm-up: what the work costs even when
# other processes share the core. The command's exit status is ignored (findings exit 1).
cpu_time() {
    local best="" t log
    log="$(mktemp)"
    "$@" >/dev/null 2>&1 || true
    for _ in $(seq "$RUNS"); do
        "$TIME" -f "%U %S" -o "$log" "$@" >/dev/null 2>/dev/null || true
        # The last line: GNU time writes "Command exited with non-zero status 1" before it.
        t=$(awk 'END {printf "%.3f", $1 + $2}' "$log")
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    rm -f "$log"
    echo "$best"
}

# Runs a command RUNS times after one untimed warm-up (page cache) and prints
# "best_wall median_wall best_cpu" in seconds (cpu = user + sys of the best-wall run).
# Exit status 1 (rampart: findings present) is expected.
wall_time() {
    local rows=() t0 t1 rc cpu log
    log="$(mktemp)"
    "$@" >/dev/null 2>&1 || true
    for _ in $(seq "$RUNS"); do
        rc=0
        t0=$EPOCHREALTIME
        "$TIME" -f '%U %S' -o "$log" "$@" >/dev/null 2>&1 || rc=$?
        t1=$EPOCHREALTIME
        if [ "$rc" -gt 1 ]; then
            echo "command failed with status $rc: $*" >&2
            exit 1
        fi
        cpu=$(awk 'END {print $1 + $2}' "$log")
        rows+=("$(echo "$t1 - $t0" | bc -l) $cpu")
    done
    rm -f "$log"
    printf '%s\n' "${rows[@]}" | sort -g | awk '{w[NR]=$1; c[NR]=$2}
        END {m=(NR%2)?w[(NR+1)/2]:(w[NR/2]+w[NR/2+1])/2; printf "%.3f %.3f %.2f\n", w[1], m, c[1]}'
}
# Peak resident memory of one run, in MB ("Maximum resident set size" of GNU time -v). Exit
# status 1 (rampart: findings present) is expected; anything above fails the benchmark.
peak_rss() {
    local log rc=0
    log="$(mktemp)"
    "$TIME" -v "$@" >/dev/null 2>"$log" || rc=$?
    if [ "$rc" -gt 1 ]; then
        echo "command failed with status $rc: $*" >&2
        cat "$log" >&2
        exit 1
    fi
    awk -F': ' '/Maximum resident set size/ {printf "%.1f\n", $2 / 1024}' "$log"
    rm -f "$log"
}
