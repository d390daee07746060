//! Reporters: the same scan result as text for people, JSON, SARIF 2.1.0 and JUnit XML.

mod human;
mod json;
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
        match format {
            Format::Human => human::write(self, out),
            Format::Json => json::write(self, out),
            Format::Sarif => sarif::write(self, out),
            Format::Junit => junit::write(self, out),
        }
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
        for f in findings {
            c.counts[f.layer as usize][f.severity as usize] += 1;
        }
        c
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
