//! The JSON report. Its schema is documented in `docs/json-report.md`; fields are only added,
//! never renamed or removed.

use std::io::{self, Write};

use serde::Serialize;

use super::{Counts, Report};
use crate::finding::{Finding, Layer, Severity};
use crate::scan::Stats;
use crate::source::LoadError;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: &'static str,
    findings: &'a [Finding],
    suppressed: usize,
    #[serde(rename = "suppressedFindings")]
    suppressed_findings: &'a [Finding],
    errors: &'a [LoadError],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    total: usize,
    #[serde(rename = "bySeverity")]
    by_severity: std::collections::BTreeMap<&'static str, usize>,
    #[serde(rename = "byLayer")]
    by_layer:
        std::collections::BTreeMap<&'static str, std::collections::BTreeMap<&'static str, usize>>,
    suppressed: usize,
    errors: usize,
    #[serde(flatten)]
    stats: Stats,
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let r = report.result;
    let counts = Counts::of(&r.findings);
    let summary = Summary {
        total: r.findings.len(),
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
    };
    let doc = JsonReport {
        version: env!("CARGO_PKG_VERSION"),
        findings: &r.findings,
        suppressed: r.suppressed.len(),
        suppressed_findings: &r.suppressed,
        errors: &r.errors,
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
