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
        write_items(findings, already, out, |buf, f| {
            writer.push(buf, f);
            Ok(())
        })
    }
}

/// How much serialised JSON is gathered before it is written.
pub(super) const CHUNK: usize = 64 * 1024;

/// One array element per line: `[`, then `\n    {…},` …, then `\n  ]`. Elements are gathered
/// in memory and written a chunk at a time: many small writes through `dyn Write` cost more
/// than the JSON itself.
fn write_items<T>(
    items: &[T],
    already: usize,
    out: &mut dyn Write,
    mut push: impl FnMut(&mut Vec<u8>, &T) -> io::Result<()>,
) -> io::Result<usize> {
    let mut buf = Vec::with_capacity(CHUNK + 4096);
    for (i, item) in items.iter().enumerate() {
        buf.extend_from_slice(if already + i == 0 {
            b"\n    "
        } else {
            b",\n    "
        });
        push(&mut buf, item)?;
        if buf.len() >= CHUNK {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    out.write_all(&buf)?;
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
        close_items(self.written, out)?;
        write!(
            out,
            ",\n  \"suppressed\": {},\n  \"suppressedFindings\": [",
            r.suppressed.len()
        )?;
        let n = self.write_findings(&r.suppressed, 0, out)?;
        close_items(n, out)?;
        out.write_all(b",\n  \"errors\": [")?;
        let n = write_items(&r.errors, 0, out, push_serialized)?;
        close_items(n, out)?;
        out.write_all(b",\n  \"summary\": ")?;
        serde_json::to_writer(&mut *out, &Summary::of(r))?;
        out.write_all(b"\n}\n")
    }
}
