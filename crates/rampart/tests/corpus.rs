//! Real public manifests (`../shared/corpus/real`): every file loads without error, and the
//! findings are snapshot-tested so any change in verdicts is reviewed.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use rampart::config::Config;
use rampart::context::Context;
use rampart::rules::CATALOG;
use rampart::scan::Scan;
use rampart_document::Limits;

fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    assert!(
        dir.is_dir(),
        "the shared corpus is missing at {}",
        dir.display()
    );
    dir
}

#[test]
fn real_manifests_load_without_errors_and_findings_are_stable() {
    let root = corpus();
    let context = Context {
        version: rampart_pss::Version::LATEST,
        config: Config::default(),
    };
    let scan = Scan {
        context: &context,
        rules: CATALOG.to_vec(),
        limits: Limits::default(),
        progress: false,
    };
    let result = scan.run(std::slice::from_ref(&root));
    assert!(
        result.errors.is_empty(),
        "load errors: {:#?}",
        result.errors
    );
    assert!(result.stats.files >= 350, "{} files", result.stats.files);
    assert!(
        result.stats.objects >= 695,
        "{} objects",
        result.stats.objects
    );

    let prefix = format!("{}/", root.display());
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut lines = String::new();
    for f in &result.findings {
        *per_rule.entry(f.rule).or_default() += 1;
        let file = f
            .location
            .file
            .strip_prefix(&prefix)
            .unwrap_or(&f.location.file);
        writeln!(
            lines,
            "{file}:{}:{} {} {} {}",
            f.location.line, f.location.column, f.rule, f.resource, f.location.path
        )
        .unwrap();
    }
    let mut summary = format!(
        "files {} objects {} workloads {} skipped {} findings {}\n",
        result.stats.files,
        result.stats.objects,
        result.stats.workloads,
        result.stats.skipped_documents,
        result.findings.len()
    );
    for (rule, n) in &per_rule {
        writeln!(summary, "{rule} {n}").unwrap();
    }
    insta::assert_snapshot!("real_corpus_summary", summary);
    insta::assert_snapshot!("real_corpus_findings", lines);
}
