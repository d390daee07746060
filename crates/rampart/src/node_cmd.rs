//! `rampart node [--root DIR]`: the kubelet's flags, configuration and files on one node,
//! checked against CIS AKS section 3 (`host.node.*` rules).
//!
//! Run it on a node (root `/`), in a privileged DaemonSet that mounts the host at `/host`
//! (`--root /host`), or against an unpacked node image.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use crate::cli::{exit_code, print_errors, FailOn, UsageError};
use crate::config::Config;
use crate::context::Context;
use crate::finding::{Finding, Severity};
use crate::inventory::Inventory;
use crate::kubelet;
use crate::report::{Format, Report};
use crate::rules::{Check, Emit, Rule, CATALOG};
use crate::scan::ScanResult;
use crate::source::LoadError;

#[derive(Args, Debug)]
pub struct NodeArgs {
    /// The node's root folder (`/host` when the host is mounted there).
    #[arg(long, value_name = "DIR", default_value = "/")]
    pub root: PathBuf,
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::High)]
    pub fail_on: FailOn,
}

/// The `host.node.*` rules.
pub fn node_rules() -> Vec<&'static Rule> {
    CATALOG
        .iter()
        .copied()
        .filter(|r| r.id.starts_with("host.node."))
        .collect()
}

/// Collects the node's kubelet facts under `root` and runs the node rules on them.
pub fn audit(root: &std::path::Path) -> ScanResult {
    let (facts, problems) = kubelet::collect(root);
    let mut result = ScanResult {
        errors: problems
            .into_iter()
            .map(|p| LoadError {
                file: p.file.into(),
                line: p.line,
                column: 0,
                message: p.message,
            })
            .collect(),
        ..ScanResult::default()
    };
    if facts.kubelet.is_none() && facts.files.is_empty() {
        result.errors.push(LoadError {
            file: root.display().to_string().into(),
            line: 0,
            column: 0,
            message: format!(
                "no kubelet found: looked for {}, /{} and {} under this root (pass --root /host when the host is mounted there)",
                kubelet::UNIT_FILES
                    .iter()
                    .map(|u| format!("/{u}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                kubelet::FLAGS_FILE,
                kubelet::CONFIG_FILES
                    .iter()
                    .map(|u| format!("/{u}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        });
    }
    result.stats.files = facts.files.len() + usize::from(facts.kubelet.is_some());
    result.inventory = Inventory::default();
    result.inventory.node = Some(facts);
    let context = Context {
        version: rampart_pss::Version::LATEST,
        config: Config::default(),
    };
    let mut findings = Vec::new();
    for rule in node_rules() {
        if let Check::Inventory(check) = rule.check {
            check(
                &result.inventory,
                &context,
                &mut Emit {
                    rule,
                    out: &mut findings,
                },
            );
        }
    }
    findings.sort_by(Finding::report_order);
    result.counts = crate::report::Counts::of(&findings);
    result.findings = findings;
    result.errors.sort();
    result
}

pub fn run(args: NodeArgs) -> Result<i32, UsageError> {
    if !args.root.is_dir() {
        return Err(UsageError(format!(
            "--root {}: not a folder",
            args.root.display()
        )));
    }
    let result = audit(&args.root);
    print_errors(&result);
    let rules = node_rules();
    let report = Report {
        result: &result,
        rules: &rules,
        colour: args.format == Format::Human
            && io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none(),
    };
    let stdout = io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    let written = report.write(args.format, &mut w).and_then(|_| w.flush());
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(UsageError(format!("cannot write the report: {e}")));
        }
    }
    let threshold: Option<Severity> = args.fail_on.threshold();
    Ok(exit_code(&result, threshold))
}
