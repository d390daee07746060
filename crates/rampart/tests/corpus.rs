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

fn latest() -> Context {
    Context {
        version: rampart_pss::Version::LATEST,
        config: Config::default(),
    }
}

fn every_rule(context: &Context) -> Scan<'_> {
    Scan {
        context,
        rules: CATALOG.to_vec(),
        limits: Limits::default(),
        progress: false,
    }
}

#[test]
fn real_manifests_load_without_errors_and_findings_are_stable() {
    let root = corpus();
    let context = latest();
    let scan = every_rule(&context);
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

/// A streamed scan (what the JSON and SARIF reports use) passes on exactly the findings of a
/// collected one, in the same order, and counts them the same; the report texts are equal.
#[test]
fn streamed_scan_passes_on_the_collected_findings_in_order() {
    let root = corpus();
    let context = latest();
    let scan = every_rule(&context);
    let collected = scan.run(std::slice::from_ref(&root));
    let mut batches = 0;
    let mut streamed_findings = Vec::new();
    let mut json = rampart::report::streamed(rampart::report::Format::Json, &scan.rules).unwrap();
    let mut text = Vec::new();
    json.begin(&mut text).unwrap();
    let streamed = scan.run_streaming(std::slice::from_ref(&root), &mut |batch| {
        batches += 1;
        json.findings(&batch, &mut text).unwrap();
        streamed_findings.extend(batch);
    });
    json.end(&streamed, &mut text).unwrap();
    assert!(
        batches > 100,
        "{batches} batches: findings were not streamed per file"
    );
    assert!(streamed.findings.is_empty());
    assert_eq!(streamed_findings, collected.findings);
    assert_eq!(streamed.counts, collected.counts);
    assert_eq!(streamed.counts.total(), collected.findings.len());
    assert_eq!(streamed.suppressed, collected.suppressed);

    let mut whole = Vec::new();
    rampart::report::Report {
        result: &collected,
        rules: &scan.rules,
        colour: false,
    }
    .write(rampart::report::Format::Json, &mut whole)
    .unwrap();
    assert_eq!(
        String::from_utf8(text).unwrap(),
        String::from_utf8_lossy(&whole)
    );
    let parsed: serde_json::Value = serde_json::from_slice(&whole).unwrap();
    assert_eq!(
        parsed["findings"].as_array().unwrap().len(),
        collected.findings.len()
    );
    assert_eq!(
        parsed["summary"]["total"].as_u64().unwrap() as usize,
        collected.findings.len()
    );
}

/// The report's hand-written finding JSON is byte-for-byte what serde writes, on every finding
/// of the real corpus (messages hold quotes, paths hold brackets and quoted keys).
#[test]
fn finding_json_text_equals_serde_json() {
    let root = corpus();
    let context = latest();
    let scan = every_rule(&context);
    let result = scan.run(std::slice::from_ref(&root));
    assert!(result.findings.len() > 1000);
    // One writer for all, as the report uses it (it reuses the text of the last resource and
    // file), and a fresh one per finding.
    let mut writer = rampart::report::json_text::FindingWriter::default();
    for f in result.findings.iter().chain(&result.suppressed) {
        let want = serde_json::to_string(f).unwrap();
        let mut ours = Vec::new();
        writer.push(&mut ours, f);
        assert_eq!(String::from_utf8(ours).unwrap(), want);
        let mut alone = Vec::new();
        rampart::report::json_text::push_finding(&mut alone, f);
        assert_eq!(String::from_utf8(alone).unwrap(), want);
    }
}
