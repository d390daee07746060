//! Fixtures of the `host.aks.*`, `cluster.aks.*` and `host.node.*` rules, in
//! `tests/fixtures/<rule-id>/{fail,pass}/`: cluster definitions as `az` JSON, ARM templates and
//! Terraform (`.json`, `.tf`), KubeletConfiguration manifests (`.yaml`). Each file is scanned on
//! its own with every rule; a `fail` file must give at least one finding of its rule, a `pass`
//! file none. The findings on `fail` files are snapshot-tested.
//!
//! Cluster definitions are not Kubernetes objects and Terraform files are not YAML, so these
//! folders are walked here rather than only by the manifest fixture harness.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use rampart::config::Config;
use rampart::context::Context;
use rampart::rules::CATALOG;
use rampart::scan::Scan;
use rampart_document::Limits;

/// Rules no scanned file can exercise: they read a node's files or command line, which only
/// `rampart node` collects (tested in `tests/node.rs`).
const NODE_ONLY: &[&str] = &[
    "host.node.kubelet.kubeconfig-perms",
    "host.node.kubelet.kubeconfig-owner",
    "host.node.kubelet.azure-json-perms",
    "host.node.kubelet.azure-json-owner",
    "host.node.kubelet.config-perms",
    "host.node.kubelet.config-owner",
    "host.node.kubelet.hostname-override",
];

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    out.retain(|p| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json" | "tf"))
    });
    out.sort();
    out
}

#[test]
fn aks_and_node_rule_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
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
    let mut problems = Vec::new();
    let mut snapshot = String::new();
    let mut checked = 0;
    for rule in CATALOG.iter().filter(|r| {
        r.id.starts_with("host.aks.")
            || r.id.starts_with("cluster.aks.")
            || r.id.starts_with("host.node.")
    }) {
        let dir = root.join(rule.id);
        let fail = files(&dir.join("fail"));
        let pass = files(&dir.join("pass"));
        if NODE_ONLY.contains(&rule.id) {
            continue;
        }
        if fail.len() < 2 || pass.len() < 2 {
            problems.push(format!(
                "{}: needs at least 2 fail and 2 pass fixtures (found {} and {})",
                rule.id,
                fail.len(),
                pass.len()
            ));
        }
        checked += 1;
        for (must_fail, list) in [(true, &fail), (false, &pass)] {
            for file in list {
                let name = file.strip_prefix(&root).unwrap().display().to_string();
                let result = scan.run(std::slice::from_ref(file));
                if !result.errors.is_empty() {
                    problems.push(format!("{name}: load errors {:?}", result.errors));
                }
                let mine: Vec<_> = result
                    .findings
                    .iter()
                    .filter(|f| f.rule == rule.id)
                    .collect();
                if must_fail && mine.is_empty() {
                    problems.push(format!("{name}: expected a {} finding, got none", rule.id));
                }
                if !must_fail && !mine.is_empty() {
                    problems.push(format!(
                        "{name}: expected no {} finding, got {:?}",
                        rule.id, mine[0].message
                    ));
                }
                if must_fail {
                    for f in mine {
                        writeln!(
                            snapshot,
                            "{name}:{}:{} {} {} — {}",
                            f.location.line, f.location.column, f.rule, f.location.path, f.message
                        )
                        .unwrap();
                    }
                }
            }
        }
    }
    assert!(checked >= 50, "only {checked} rules checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    insta::assert_snapshot!("fail_findings", snapshot);
}
