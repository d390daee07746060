#!/usr/bin/env python3
"""Summarises profiles made by bench/profile.sh. Python 3 standard library only.

    profile_report.py cpu  PERF_REPORT.txt     # `perf report --no-children --sort dso,sym` text
    profile_report.py heap FOLDED              # heaptrack_print -F --flamegraph-cost-type peak
    profile_report.py allocs FOLDED            # heaptrack_print -F --flamegraph-cost-type allocations

cpu: self time grouped by what the code is doing (YAML library, tree building, allocator,
JSON report, findings, rules, kernel ...), then the top symbols.
heap: cost grouped by which part of rampart allocated it (see CATEGORIES), then the top
call paths inside rampart's own code.
"""

import collections
import re
import sys

CPU_GROUPS = [
    ("NetworkPolicy reachability (rampart_netpol)", r"rampart_netpol::"),
    ("RBAC analysis (rampart_rbac)", r"rampart_rbac::"),
    ("YAML scanner/parser (saphyr-parser)", r"saphyr_parser::"),
    ("tree building (rampart_document)", r"rampart_document::"),
    ("allocator (malloc/free/realloc)", r"^(_int_malloc|_int_free|malloc|cfree|free|realloc|_int_realloc|malloc_consolidate|unlink_chunk|sysmalloc|calloc|_int_memalign|tcache|__libc_malloc|__libc_free)"),
    ("memcpy/memmove/memcmp", r"^__mem(move|cpy|cmp|set)"),
    ("JSON report (serde_json, BufWriter)", r"serde_json::|serde_core::|serde::|BufWriter|rampart::report::"),
    ("finding fingerprints (sha2, hex formatting)", r"sha2::|Finding::fingerprint|LowerHex|pad_integral"),
    ("string formatting (core::fmt, format!)", r"core::fmt::|alloc::fmt::|<alloc::string::String as core::fmt::Write>|String as core::iter::traits::collect::FromIterator"),
    ("PSS checks (rampart_pss)", r"rampart_pss::"),
    ("rules (rampart::rules)", r"rampart::rules::"),
    ("inventory, workloads, objects, suppression", r"rampart::(inventory|workload|object|suppress|source|scan|namespaces)::"),
    ("sorting", r"core::slice::sort::"),
    ("drop (freeing trees and findings)", r"drop_in_place"),
    ("hashing (SipHash, HashMap)", r"core::hash::|hashbrown::"),
    ("Vec/String growth (raw_vec)", r"raw_vec::|RawVec"),
]


def cpu(path):
    rows = []
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[(.)\]\s+(.*)$", line)
        if m:
            rows.append((float(m.group(1)), m.group(2), m.group(3), m.group(4).strip()))
    total = sum(r[0] for r in rows)
    groups = collections.Counter()
    for pct, dso, kind, sym in rows:
        if kind == "k":
            groups["kernel (read, page faults, mmap/mprotect)"] += pct
            continue
        for name, pat in CPU_GROUPS:
            if re.search(pat, sym):
                groups[name] += pct
                break
        else:
            groups["other"] += pct
    print(f"CPU self time by group (of {total:.1f}% sampled):")
    for name, pct in groups.most_common():
        print(f"  {pct:5.1f}%  {name}")
    print("top symbols:")
    for pct, dso, kind, sym in rows[:25]:
        print(f"  {pct:5.2f}%  {sym[:110]}")


STD_FILES = re.compile(
    r"@(alloc|mod|function|boxed|vec|string|unix|option|iterator|map|fmt|convert|sync|rc|slice|"
    r"clone|str|borrow|into_iter|result|collect|extend|ptr|cmp|cloned|iter|partial_eq|macros|hash|"
    r"panicking|panic|backtrace|rt|mem|set|append|fold|spec_from_iter|spec_from_iter_nested|"
    r"spec_extend|registry|lifecycle|unwind_safe|job|latch|join|plumbing|producer|consumer|entry|"
    r"once|futex|lib|helper|bridge|map_folder|try_fold|unwind|filter_map|flatten|chain|range|"
    r"traits|accum|adapters|spec_to_string|read_dir|fs|path|os_str|deque|into|copied|zip|"
    r"enumerate|take|skip|rev|sum|peekable|cow|format|ops|generic|char|pattern|validations|index|"
    r"methods|uninit|non_null|const_ptr|mut_ptr|layout|num|default|stack_overflow|thread_info|"
    r"current|local|os|pal|split|trim|btree_map|navigate|search|dedup|sort|stable|quicksort|"
    r"smallsort|drift|merge|shared|hint|tls|atomic|internal|epoch|queue|collector|guard|cell|"
    r"utf8|from_par_iter|par_extend|special_extend|filter|partition|grow|reserve)\.rs$"
)

CATEGORIES = [
    ("NetworkPolicy reachability engine (rampart-netpol)", r"@reach\.rs|@netpol\.rs|rampart_netpol"),
    ("RBAC analysis (rampart-rbac)", r"@risk\.rs|@request\.rs|rampart_rbac|@rbac\.rs"),
    ("suppression keys (suppress::key_of)", r"key_of@suppress\.rs|collect@suppress\.rs"),
    ("suppress::apply: partition copies every Finding into new Vecs", r"apply@suppress\.rs"),
    ("report writing", r"@json\.rs|@sarif\.rs|@human\.rs|@junit\.rs|write@report"),
    ("Finding.fingerprint (hex SHA-256 strings)", r"fingerprint@finding\.rs"),
    ("Finding.resource (apiVersion/kind/namespace/name clones)", r"resource@object\.rs"),
    ("Finding.location path strings", r"location@object\.rs|path@object\.rs|pod_field@workload\.rs|field@workload\.rs"),
    ("Finding.message (PSS violation text)", r"report@violation\.rs|describe@"),
    ("WorkloadFacts (workload inventory)", r"from_workload@inventory\.rs"),
    ("YAML scanner strings (saphyr-parser)", r"@scanner\.rs"),
    ("parsed trees (rampart_document nodes)", r"parse_bytes@parse\.rs|parse_str@parse\.rs|load_bytes@source\.rs"),
    ("Finding.message and other rule output", r"check@\w+\.rs|require@resources\.rs|@rules"),
    ("file list (discover)", r"discover@source\.rs|walk@source\.rs|name@source\.rs"),
    ("Scan::read: per-file Part vectors", r"read@scan\.rs"),
    ("Scan::run: merged Vec<Finding>/Vec<Object>/Vec<WorkloadFacts>", r"run@scan\.rs"),
]


def short(frame):
    m = re.match(r"(.*) \((.*)\)$", frame)
    name, file = m.groups() if m else (frame, "")
    name = re.sub(r"<.*", "", name)
    return f"{name[:48]}@{file}" if file else name[:48]


def heap(path, unit="MB"):
    total = 0
    groups = collections.Counter()
    paths = collections.Counter()
    for line in open(path, encoding="utf-8", errors="replace"):
        stack, _, cost = line.rstrip().rpartition(" ")
        if not cost.isdigit():
            continue
        c = int(cost)
        total += c
        frames = [short(f) for f in stack.split(";")]
        joined = " ".join(frames)
        for name, pat in CATEGORIES:
            if re.search(pat, joined):
                groups[name] += c
                break
        else:
            groups["other"] += c
        own = [f for f in frames if f.endswith(".rs") and "@" in f and not STD_FILES.search(f)]
        paths[" > ".join(own[-4:])] += c
    scale = 1e6 if unit == "MB" else 1
    print(f"total: {total / scale:,.1f} {unit}")
    for name, c in groups.most_common():
        print(f"  {c / scale:12,.1f} {unit} {100 * c / total:5.1f}%  {name}")
    print("top call paths (innermost rampart/saphyr frames):")
    for p, c in paths.most_common(15):
        print(f"  {c / scale:12,.1f} {unit} {100 * c / total:5.1f}%  {p[:150]}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("cpu", "heap", "allocs"):
        sys.exit(__doc__)
    if sys.argv[1] == "cpu":
        cpu(sys.argv[2])
    else:
        heap(sys.argv[2], "MB" if sys.argv[1] == "heap" else "calls")
