//! Reporters: the same scan result as text for people, JSON, SARIF 2.1.0 and JUnit XML.

mod human;
mod json;
pub mod json_text;
mod junit;
mod sarif;

use std::io::{self, Write};

use crate::finding::{Finding, Layer, Severity};
use crate::rules::Rule;
use crate::scan::ScanResult;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Junit,
}

/// What every reporter receives.
pub struct Report<'a> {
    pub result: &'a ScanResult,
    /// The rules that ran (SARIF lists them; JUnit makes a test case of each).
    pub rules: &'a [&'static Rule],
    pub colour: bool,
}

impl Report<'_> {
    pub fn write(&self, format: Format, out: &mut dyn Write) -> io::Result<()> {
        match streamed(format, self.rules) {
            Some(mut report) => {
                report.begin(out)?;
                report.findings(&self.result.findings, out)?;
                report.end(self.result, out)
            }
            None if format == Format::Human => human::write(self, out),
            None => junit::write(self, out),
        }
    }
}

/// A report written while the scan runs: [`Streamed::begin`], then every batch of findings
/// the scan passes on ([`crate::scan::Scan::run_streaming`]), then [`Streamed::end`] with the
/// rest of the result. Human and JUnit reports group findings, so they need them all first.
pub trait Streamed {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()>;
    fn findings(&mut self, batch: &[Finding], out: &mut dyn Write) -> io::Result<()>;
    fn end(&mut self, result: &ScanResult, out: &mut dyn Write) -> io::Result<()>;
}

/// The streamed form of `format`, if it has one.
pub fn streamed<'a>(format: Format, rules: &'a [&'static Rule]) -> Option<Box<dyn Streamed + 'a>> {
    match format {
        Format::Json => Some(Box::new(json::Json::default())),
        Format::Sarif => Some(Box::new(sarif::Sarif::new(rules))),
        Format::Human | Format::Junit => None,
    }
}

/// Findings counted per layer and severity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    counts: [[usize; 5]; 3],
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Counts {
        let mut c = Counts::default();
        c.add_all(findings);
        c
    }

    pub fn add_all(&mut self, findings: &[Finding]) {
        for f in findings {
            self.counts[f.layer as usize][f.severity as usize] += 1;
        }
    }

    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    pub fn get(&self, layer: Layer, severity: Severity) -> usize {
        self.counts[layer as usize][severity as usize]
    }

    pub fn layer_total(&self, layer: Layer) -> usize {
        self.counts[layer as usize].iter().sum()
    }

    pub fn severity_total(&self, severity: Severity) -> usize {
        self.counts.iter().map(|l| l[severity as usize]).sum()
    }
}
