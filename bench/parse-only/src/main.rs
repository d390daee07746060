//! Parse-only baseline for the rampart benchmark.
//!
//! Finds its inputs with `rampart scan`'s own discovery (`rampart::source::discover`: sorted,
//! hidden entries skipped, symlinked folders not followed), reads each file and runs
//! `rampart_document::parse_bytes` with the default limits.
//! Nothing else: no objects, no rules, no report. It prints what it saw on standard error so
//! the run can be checked against the full scan's counts.
//!
//! One thread, always: run it under `taskset -c 0` to compare with `rampart scan -j 1`.
//!
//! `--events` (first argument) instead only pulls saphyr-parser's events for each file,
//! without building any tree: the cost of the YAML library alone, for profiling.
//!
//! `--reference` (first argument) builds the trees with the saphyr-based reference parser that
//! rampart falls back to for YAML outside its fast reader's subset: what parsing would cost
//! without the fast reader.

use std::path::PathBuf;
use std::time::Instant;

use rampart_document::{parse_bytes, Limits, Node};

/// Objects in a document, counting each item of a `*List` (cheap: looks at two keys).
fn objects_in(root: &Node) -> usize {
    let kind = root.get("kind").and_then(Node::as_str).unwrap_or("");
    match root.get("items") {
        Some(items) if kind.ends_with("List") && items.is_seq() => items.items().len(),
        _ => 1,
    }
}

/// Pulls every event of the stream; returns the number of documents (errors end the file).
fn count_events(bytes: &[u8]) -> usize {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return 0;
    };
    let mut parser = saphyr_parser::Parser::new_from_str(text);
    let mut docs = 0;
    while let Some(Ok((event, _span))) = parser.next_event() {
        if matches!(event, saphyr_parser::Event::DocumentStart(_)) {
            docs += 1;
        }
        std::hint::black_box(&event);
    }
    docs
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let start = Instant::now();
    let mut args: Vec<_> = std::env::args_os().skip(1).collect();
    let events_only = args.first().is_some_and(|a| a == "--events");
    if events_only {
        args.remove(0);
    }
    let reference = args.first().is_some_and(|a| a == "--reference");
    if reference {
        args.remove(0);
    }
    let paths: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
    let (files, problems) = rampart::source::discover(&paths);
    for p in &problems {
        eprintln!("{p}");
    }
    let limits = Limits::default();
    let (mut bytes_read, mut documents, mut objects, mut errors) = (0usize, 0usize, 0usize, 0usize);
    for input in &files {
        let bytes = match input.read() {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{}: {e}", input.name());
                errors += 1;
                continue;
            }
        };
        bytes_read += bytes.len();
        if events_only {
            documents += count_events(&bytes);
            continue;
        }
        let docs = if reference {
            match std::str::from_utf8(&bytes) {
                Ok(text) => rampart_document::parse_str_reference(text, &limits),
                Err(_) => parse_bytes(&bytes, &limits),
            }
        } else {
            parse_bytes(&bytes, &limits)
        };
        for doc in docs {
            match doc {
                Ok(d) => {
                    documents += 1;
                    objects += objects_in(&d.root);
                }
                Err(_) => errors += 1,
            }
        }
    }
    eprintln!(
        "{}: {} files, {} bytes, {} documents, {} objects, {} errors in {:.3} s",
        if events_only {
            "events-only"
        } else if reference {
            "parse-only (reference parser)"
        } else {
            "parse-only"
        },
        files.len(),
        bytes_read,
        documents,
        objects,
        errors,
        start.elapsed().as_secs_f64()
    );
}
