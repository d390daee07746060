//! The JSON report. Its schema is documented in `docs/json-report.md`; fields are only added,
//! never renamed or removed.
//!
//! Written as the scan goes: the findings array is opened first and each finding is written
//! (on a line of its own) as soon as the scan passes it on, so a large scan never holds its
//! findings to print them; the counts that close the report come last.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::json_text::FindingWriter;
use super::{Counts, Streamed};
use crate::finding::{Finding, Layer, Severity};
use crate::scan::{ScanResult, Stats};

#[derive(Serialize)]
struct Summary {
    total: usize,
    #[serde(rename = "bySeverity")]
    by_severity: BTreeMap<&'static str, usize>,
    #[serde(rename = "byLayer")]
    by_layer: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
    suppressed: usize,
    errors: usize,
    #[serde(flatten)]
    stats: Stats,
}

impl Summary {
    fn of(r: &ScanResult) -> Summary {
        let counts: &Counts = &r.counts;
        Summary {
            total: counts.total(),
            by_severity: Severity::ALL
                .iter()
                .map(|s| (s.as_str(), counts.severity_total(*s)))
                .collect(),
            by_layer: Layer::ALL
                .iter()
                .map(|l| {
                    (
                        l.as_str(),
                        Severity::ALL
                            .iter()
                            .map(|s| (s.as_str(), counts.get(*l, *s)))
                            .collect(),
                    )
                })
                .collect(),
            suppressed: r.suppressed.len(),
            errors: r.errors.len(),
            stats: r.stats.clone(),
        }
    }
}

/// The JSON report in the making.
#[derive(Default)]
pub struct Json {
    written: usize,
    writer: FindingWriter,
    chunks: Chunks,
}

impl Json {
    /// Appends findings to an array that already holds `already` elements.
    fn write_findings(
        &mut self,
        findings: &[Finding],
        already: usize,
        out: &mut dyn Write,
    ) -> io::Result<usize> {
        let writer = &mut self.writer;
        write_items(findings, already, &mut self.chunks, out, |buf, f| {
            writer.push(buf, f);
            Ok(())
        })
    }
}

/// How much serialised JSON is gathered before it is written.
const CHUNK: usize = 64 * 1024;

/// Serialised text gathered in memory and written a chunk at a time: many small writes
/// through `dyn Write` cost more than the JSON itself. One buffer serves the whole report, so
/// the many small batches of a scan (one per file) neither allocate nor write one each.
pub(super) struct Chunks {
    buf: Vec<u8>,
}

impl Default for Chunks {
    fn default() -> Chunks {
        Chunks {
            // A chunk and the element that fills it.
            buf: Vec::with_capacity(CHUNK + 4096),
        }
    }
}

impl Chunks {
    /// Where the next element goes.
    pub(super) fn buf(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }

    /// Writes what is gathered once it fills a chunk.
    pub(super) fn write_full(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.buf.len() >= CHUNK {
            self.flush(out)?;
        }
        Ok(())
    }

    /// Writes everything gathered: before any text written straight to `out`.
    pub(super) fn flush(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }
}

/// One array element per line: `[`, then `\n    {…},` …, then `\n  ]`. Elements go through
/// `chunks`; the caller flushes it before writing anything else.
fn write_items<T>(
    items: &[T],
    already: usize,
    chunks: &mut Chunks,
    out: &mut dyn Write,
    mut push: impl FnMut(&mut Vec<u8>, &T) -> io::Result<()>,
) -> io::Result<usize> {
    for (i, item) in items.iter().enumerate() {
        let buf = chunks.buf();
        buf.extend_from_slice(if already + i == 0 {
            b"\n    "
        } else {
            b",\n    "
        });
        push(buf, item)?;
        chunks.write_full(out)?;
    }
    Ok(already + items.len())
}

fn push_serialized<T: Serialize>(buf: &mut Vec<u8>, item: &T) -> io::Result<()> {
    Ok(serde_json::to_writer(buf, item)?)
}

fn close_items(count: usize, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(if count == 0 { b"]" } else { b"\n  ]" })
}

impl Streamed for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\n  \"version\": {},\n  \"findings\": [",
            serde_json::to_string(env!("CARGO_PKG_VERSION"))?
        )
    }

    fn findings(&mut self, batch: &[Finding], out: &mut dyn Write) -> io::Result<()> {
        self.written = self.write_findings(batch, self.written, out)?;
        Ok(())
    }

    fn end(&mut self, r: &ScanResult, out: &mut dyn Write) -> io::Result<()> {
        self.chunks.flush(out)?;
        close_items(self.written, out)?;
        write!(
            out,
            ",\n  \"suppressed\": {},\n  \"suppressedFindings\": [",
            r.suppressed.len()
        )?;
        let n = self.write_findings(&r.suppressed, 0, out)?;
        self.chunks.flush(out)?;
        close_items(n, out)?;
        out.write_all(b",\n  \"errors\": [")?;
        let n = write_items(&r.errors, 0, &mut self.chunks, out, push_serialized)?;
        self.chunks.flush(out)?;
        close_items(n, out)?;
        out.write_all(b",\n  \"summary\": ")?;
        serde_json::to_writer(&mut *out, &Summary::of(r))?;
        out.write_all(b"\n}\n")
    }
}
