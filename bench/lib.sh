# Shared by the area benchmarks (bench/*/run.sh): tools, the release build, CPU time and peak
# memory of a command. Source it after setting ROOT (the workspace), RUNS and TIME.

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
        t=$(awk '{printf "%.3f", $1 + $2}' "$log")
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    rm -f "$log"
    echo "$best"
}

# Peak resident memory of one run, in MB.
peak_rss() {
    local log
    log="$(mktemp)"
    "$TIME" -v "$@" >/dev/null 2>"$log" || true
    awk -F': ' '/Maximum resident set size/ {printf "%.1f\n", $2 / 1024}' "$log"
    rm -f "$log"
}
