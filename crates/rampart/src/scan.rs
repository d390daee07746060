//! The pipeline: load → inventory → rules → findings → suppression.
//!
//! Files are read and parsed, then their objects checked, in parallel and a batch at a time;
//! each file's findings are final once it is checked and go straight to the report. Rules that
//! join objects run once everything is read.

use std::io::IsTerminal;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use rampart_document::Limits;
use rayon::prelude::*;
use serde::Serialize;

use crate::context::Context;
use rampart_pss::Check as PssCheck;

use crate::finding::Finding;
use crate::inventory::{Inventory, WorkloadFacts};
use crate::report::Counts;
use crate::rules::{Check, Emit, Rule};
use crate::source::{discover, io_reason, load_bytes, Input, LoadError, Loaded};
use crate::suppress::{self, Suppressions};
use crate::workload::{is_workload_kind, Workload};

/// Counts shown in reports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub files: usize,
    pub objects: usize,
    pub workloads: usize,
    /// Documents that were not Kubernetes objects and were skipped.
    pub skipped_documents: usize,
}

/// Everything a scan produced.
#[derive(Debug, Default)]
pub struct ScanResult {
    /// Every kept finding, in report order; empty after [`Scan::run_streaming`].
    pub findings: Vec<Finding>,
    /// The kept findings per layer and severity (also after a streaming run).
    pub counts: Counts,
    pub suppressed: Vec<Finding>,
    pub errors: Vec<LoadError>,
    pub stats: Stats,
    pub inventory: Inventory,
}

pub struct Scan<'a> {
    pub context: &'a Context,
    pub rules: Vec<&'static Rule>,
    pub limits: Limits,
    /// Show a progress bar (only honoured when stderr is a terminal).
    pub progress: bool,
}

/// What reading one input produced.
#[derive(Default)]
struct Part {
    objects: Vec<crate::object::Object>,
    documents: Vec<crate::source::RawDocument>,
    workloads: Vec<WorkloadFacts>,
    /// Final: suppression applied, sorted.
    findings: Vec<Finding>,
    suppressed: Vec<Finding>,
    errors: Vec<LoadError>,
    suppressions: Suppressions,
    skipped: usize,
    object_count: usize,
}

/// How many files are read in parallel before their findings are passed on in input order:
/// enough to keep every thread busy, few enough that findings never pile up. A batch is
/// parsed, then checked: running one stage over many files keeps its code in the caches,
/// which made a one-core scan 6% faster than checking each file as soon as it was parsed. The
/// batch's trees are alive between the two stages, though, and the next batch's trees take
/// their place: larger batches spread that over more memory than the caches hold (100k bench
/// corpus, one core: 3.10 s with 64 files, 3.57 s with 256, about half of the difference in
/// the allocator reaching cold memory).
const FILES_PER_BATCH: usize = 64;

impl Scan<'_> {
    /// Runs the scan and keeps every finding in [`ScanResult::findings`].
    pub fn run(&self, paths: &[PathBuf]) -> ScanResult {
        let mut findings = Vec::new();
        let mut result =
            self.run_streaming(paths, &mut |batch: Vec<Finding>| findings.extend(batch));
        result.findings = findings;
        result
    }

    /// Runs the scan and hands the kept findings to `sink` as they are final, in report order:
    /// the findings of each file (by line) in input order, then the findings that join objects
    /// across files (by file and line). Nothing else holds them, so a report written by the
    /// sink keeps memory flat however many findings there are; [`ScanResult::findings`] stays
    /// empty and [`ScanResult::counts`] counts them.
    pub fn run_streaming(
        &self,
        paths: &[PathBuf],
        sink: &mut dyn FnMut(Vec<Finding>),
    ) -> ScanResult {
        let (inputs, mut errors) = discover(paths);
        let bar = self.progress_bar(inputs.len());
        let mut result = ScanResult::default();
        result.stats.files = inputs.len();
        let mut suppressions = Suppressions::default();
        for batch in inputs.chunks(FILES_PER_BATCH) {
            let loaded: Vec<Result<Loaded, LoadError>> =
                batch.par_iter().map(|input| self.load(input)).collect();
            let parts: Vec<Part> = loaded
                .into_par_iter()
                .map(|loaded| {
                    let part = match loaded {
                        Ok(loaded) => self.check(loaded),
                        Err(error) => Part {
                            errors: vec![error],
                            ..Part::default()
                        },
                    };
                    if let Some(b) = &bar {
                        b.inc(1);
                    }
                    part
                })
                .collect();
            for part in parts {
                let inv = &mut result.inventory;
                inv.objects.extend(part.objects);
                inv.documents.extend(part.documents);
                result.stats.workloads += part.workloads.len();
                inv.workloads.extend(part.workloads);
                errors.extend(part.errors);
                suppressions.extend(part.suppressions);
                result.stats.skipped_documents += part.skipped;
                result.stats.objects += part.object_count;
                result.counts.add_all(&part.findings);
                result.suppressed.extend(part.suppressed);
                sink(part.findings);
            }
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        result.inventory.index();
        crate::aks::read_definitions(&mut result.inventory, self.context, &mut errors);
        let mut findings = Vec::new();
        let joins: Vec<_> = self
            .rules
            .iter()
            .filter_map(|rule| match rule.check {
                Check::Inventory(check) => Some((*rule, check)),
                _ => None,
            })
            .collect();
        for (i, (rule, check)) in joins.iter().enumerate() {
            check(
                &result.inventory,
                self.context,
                &mut Emit {
                    rule,
                    out: &mut findings,
                },
            );
            // The catalog lists rules domain by domain: an engine one domain built is not
            // needed by the next, and holding it would add to the peak memory of the scan.
            if joins
                .get(i + 1)
                .is_some_and(|(next, _)| next.domain != rule.domain)
            {
                result.inventory.release_engines();
            }
        }
        let (kept, suppressed) = self.finish(findings, &suppressions);
        result.counts.add_all(&kept);
        result.suppressed.extend(suppressed);
        sink(kept);
        errors.sort();
        result.errors = errors;
        result
    }

    /// Final form of a set of findings: severity overrides from the config, suppressed ones
    /// split off, the rest sorted by file and line without duplicates.
    fn finish(
        &self,
        mut findings: Vec<Finding>,
        suppressions: &Suppressions,
    ) -> (Vec<Finding>, Vec<Finding>) {
        if !self.context.config.severity.is_empty() {
            for f in &mut findings {
                if let Some(sev) = self.context.config.severity.get(f.rule) {
                    f.severity = *sev;
                }
            }
        }
        let (mut kept, mut suppressed) = suppress::apply(
            findings,
            suppressions,
            &self.context.config.exempt_namespaces,
        );
        kept.sort_by(Finding::report_order);
        kept.dedup();
        suppressed.sort_by(Finding::report_order);
        (kept, suppressed)
    }

    fn progress_bar(&self, len: usize) -> Option<ProgressBar> {
        if !self.progress || len < 200 || !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::new(len as u64);
        bar.set_style(
            ProgressStyle::with_template("{spinner} scanning {pos}/{len} files {wide_bar} {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Some(bar)
    }

    /// Reads and parses one input.
    fn load(&self, input: &Input) -> Result<Loaded, LoadError> {
        let name = input.name();
        match input.read() {
            Ok(bytes) => Ok(load_bytes(&name, &bytes, &self.limits)),
            Err(e) => Err(LoadError {
                file: name,
                line: 0,
                column: 0,
                message: format!("cannot read: {}", io_reason(&e)),
            }),
        }
    }

    /// Checks one parsed input: its objects' findings (final), and what the joins keep.
    fn check(&self, loaded: Loaded) -> Part {
        let mut part = Part::default();
        // Room for a typical file's findings (a few per object) without regrowing.
        part.findings.reserve(8 * loaded.objects.len());
        part.errors = loaded.errors;
        part.skipped = loaded.skipped;
        part.documents = loaded.documents;
        part.object_count = loaded.objects.len();
        for object in loaded.objects {
            self.check_object(&object, &mut part.findings);
            if !is_workload_kind(&object) {
                suppress::collect(&object, None, &mut part.suppressions, &mut part.errors);
                // ConfigMaps and Secrets are checked here, one at a time, and joined by
                // nothing later: dropping their (often large) data keeps memory flat.
                let checked_alone = object.group().is_empty()
                    && matches!(object.kind.as_str(), "ConfigMap" | "Secret");
                if !checked_alone {
                    let mut object = object;
                    object.drop_runtime_state();
                    part.objects.push(object);
                }
                continue;
            }
            let Some(workload) = Workload::from_object(&object) else {
                continue;
            };
            suppress::collect(
                &object,
                Some(&workload),
                &mut part.suppressions,
                &mut part.errors,
            );
            let facts = WorkloadFacts::from_workload(&workload);
            self.check_workload(&workload, &facts.pss_failures, &mut part.findings);
            part.workloads.push(facts);
        }
        // A file's findings are final here: an object is suppressed by its own annotations.
        let findings = std::mem::take(&mut part.findings);
        (part.findings, part.suppressed) = self.finish(findings, &part.suppressions);
        part
    }

    fn check_object(&self, object: &crate::object::Object, out: &mut Vec<Finding>) {
        for rule in &self.rules {
            if let Check::Object(check) = rule.check {
                check(object, self.context, &mut Emit { rule, out });
            }
        }
    }

    /// `pss_failures`: the Pod Security checks the pod fails, per version (from its facts);
    /// checks it passes at the scan's version are not run again for details.
    fn check_workload(
        &self,
        w: &Workload,
        pss_failures: &[(PssCheck, u64)],
        out: &mut Vec<Finding>,
    ) {
        let version = self.context.version;
        let bit = 1u64 << version.0.min(63);
        let fails = |check| {
            pss_failures
                .iter()
                .any(|&(c, mask)| c == check && mask & bit != 0)
        };
        let pod = w.pod_view();
        for rule in &self.rules {
            match (&rule.check, rule.pss) {
                (Check::Workload(check), _) => check(w, self.context, &mut Emit { rule, out }),
                (Check::Pss, Some(pss)) if pss.applies_at(version) && fails(pss) => {
                    let mut emit = Emit { rule, out };
                    for v in pss.evaluate(&pod, version) {
                        emit.at(w.object, w.pod_field(v.path), Some(v.pos), v.message);
                    }
                }
                _ => {}
            }
        }
    }
}
