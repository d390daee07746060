//! Per-rule fixtures, in the style of ruff's: every rule of the catalog has a folder
//! `tests/fixtures/<rule-id>/` holding
//!
//! - `fail/**/*.{yaml,json,tf}`: inputs that must each produce at least one finding of the rule;
//! - `pass/**/*.{yaml,json,tf}`: inputs that must produce none of it (other rules may fire).
//!
//! Inputs are Kubernetes manifests, or cluster definitions (`az` JSON, ARM templates, Terraform)
//! for the AKS rules. Rules that only `rampart node` can feed are tested in `tests/node.rs`.
//!
//! Each file is scanned on its own, with every rule of the catalog, through the same [`Scan`]
//! pipeline the command line runs, so namespace joins only see the objects of that file.
//! Files are scanned at the latest Pod Security Standards policy version, unless a file named
//! `k8s-version` (holding e.g. `1.24`) sits in the file's folder or in a folder above it, up to
//! the rule's folder: the nearest one applies. Fixtures at the edge of a version therefore live
//! in a subfolder such as `pass/v1.33/`.
//!
//! The rule's findings on its `fail` files are rendered one per line,
//! `file:line:column rule path — message` (file relative to the fixtures folder), into one insta
//! snapshot per rule, `snapshots/rule_fixtures__<rule id with dots as underscores>.snap`.
//!
//! While writing fixtures for some rules, `RULE_FIXTURES=pod.pss,pod.image.latest-tag` (rule ids
//! or dotted prefixes, as `--select` takes them) checks only those rules.

use std::fs;
use std::path::{Path, PathBuf};

use rampart::config::Config;
use rampart::context::Context;
use rampart::finding::Finding;
use rampart::rules::{selector_matches, Rule, CATALOG};
use rampart::scan::{Scan, ScanResult};
use rampart_document::Limits;
use rampart_pss::Version;

const VERSION_FILE: &str = "k8s-version";

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Manifest files under `dir`, recursively, sorted; none when `dir` does not exist.
fn manifests(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.expect("read fixture folder").path())
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            out.extend(manifests(&path));
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json" | "tf"))
        {
            out.push(path);
        }
    }
    out
}

/// The policy version for `file`: the nearest `k8s-version` file from the file's folder up to
/// `rule_dir`, or latest.
fn version_for(file: &Path, rule_dir: &Path) -> Result<Version, String> {
    let mut dir = file.parent();
    while let Some(d) = dir {
        let candidate = d.join(VERSION_FILE);
        if candidate.is_file() {
            let text = fs::read_to_string(&candidate).map_err(|e| e.to_string())?;
            return Version::parse(text.trim()).ok_or_else(|| {
                format!(
                    "{}: {:?} is not a version (e.g. 1.24)",
                    candidate.display(),
                    text.trim()
                )
            });
        }
        if d == rule_dir {
            break;
        }
        dir = d.parent();
    }
    Ok(Version::LATEST)
}

fn scan(file: &Path, version: Version) -> ScanResult {
    let context = Context {
        version,
        config: Config::default(),
    };
    Scan {
        context: &context,
        rules: CATALOG.clone(),
        limits: Limits::default(),
        progress: false,
    }
    .run(&[file.to_path_buf()])
}

fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// `file:line:column rule path — message`; a finding about a whole object (empty path) shows
/// `(object)` as its path.
fn render(f: &Finding, root: &Path) -> String {
    let path = match f.location.path.as_str() {
        "" => "(object)",
        p => p,
    };
    format!(
        "{}:{}:{} {} {path} — {}",
        relative(Path::new(&*f.location.file), root),
        f.location.line,
        f.location.column,
        f.rule,
        f.message
    )
}

fn render_all<'a>(findings: impl IntoIterator<Item = &'a Finding>, root: &Path) -> String {
    let lines: Vec<String> = findings
        .into_iter()
        .map(|f| format!("    {}", render(f, root)))
        .collect();
    if lines.is_empty() {
        "    (none)".to_string()
    } else {
        lines.join("\n")
    }
}

/// Checks one rule's folder; returns the snapshot text, and pushes every broken expectation
/// onto `problems`.
/// Rules no scanned file can exercise: they read a node's files or command line, which only
/// `rampart node` collects (tested on node roots built in `tests/node.rs`).
const NODE_ONLY: &[&str] = &[
    "host.node.kubelet.kubeconfig-perms",
    "host.node.kubelet.kubeconfig-owner",
    "host.node.kubelet.azure-json-perms",
    "host.node.kubelet.azure-json-owner",
    "host.node.kubelet.config-perms",
    "host.node.kubelet.config-owner",
    "host.node.kubelet.hostname-override",
];

fn check_rule(rule: &Rule, root: &Path, problems: &mut Vec<String>) -> String {
    if NODE_ONLY.contains(&rule.id) {
        return String::new();
    }
    let rule_dir = root.join(rule.id);
    let fail = manifests(&rule_dir.join("fail"));
    let pass = manifests(&rule_dir.join("pass"));
    if fail.is_empty() || pass.is_empty() {
        problems.push(format!(
            "rule {} has no fixtures: {} needs manifests in both fail/ (found {}) and pass/ (found {})",
            rule.id,
            rule_dir.display(),
            fail.len(),
            pass.len()
        ));
    }
    let mut snapshot = String::new();
    for (must_fail, files) in [(true, &fail), (false, &pass)] {
        for file in files {
            let name = relative(file, root);
            let version = match version_for(file, &rule_dir) {
                Ok(v) => v,
                Err(e) => {
                    problems.push(format!("{name}: {e}"));
                    continue;
                }
            };
            let result = scan(file, version);
            if !result.errors.is_empty() {
                let errors: Vec<String> =
                    result.errors.iter().map(|e| format!("    {e}")).collect();
                problems.push(format!(
                    "{name}: the fixture does not load cleanly:\n{}",
                    errors.join("\n")
                ));
            }
            let aks = &result.inventory.aks;
            let content = result.stats.objects
                + aks.clusters.len()
                + aks.pools.len()
                + aks.defender_plans.len()
                + aks.subnets.len()
                + aks.security_groups.len();
            if content == 0 {
                problems.push(format!(
                    "{name}: the fixture holds no Kubernetes object or cluster definition"
                ));
            }
            if !result.suppressed.is_empty() {
                problems.push(format!(
                    "{name}: fixtures must not suppress findings; suppressed:\n{}",
                    render_all(&result.suppressed, root)
                ));
            }
            let mine: Vec<&Finding> = result
                .findings
                .iter()
                .filter(|f| f.rule == rule.id)
                .collect();
            for f in &mine {
                if relative(Path::new(&*f.location.file), root) != name {
                    problems.push(format!(
                        "{name}: finding reported against another file: {}",
                        render(f, root)
                    ));
                }
            }
            if must_fail && mine.is_empty() {
                problems.push(format!(
                    "{name} (policy {version}): expected at least one {} finding, got none; all findings:\n{}",
                    rule.id,
                    render_all(&result.findings, root)
                ));
            }
            if !must_fail && !mine.is_empty() {
                problems.push(format!(
                    "{name} (policy {version}): expected no {} finding, got:\n{}",
                    rule.id,
                    render_all(mine.iter().copied(), root)
                ));
            }
            if must_fail {
                for f in &mine {
                    snapshot.push_str(&render(f, root));
                    snapshot.push('\n');
                }
            }
        }
    }
    snapshot
}

#[test]
fn rule_fixtures() {
    let root = fixtures_root();
    let mut problems = Vec::new();

    // Every folder names a rule: a typo would otherwise leave a rule silently untested.
    let mut folders: Vec<String> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .map(|e| {
            e.expect("read fixtures")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    folders.sort();
    for folder in &folders {
        if !CATALOG.iter().any(|r| r.id == folder) {
            problems.push(format!(
                "fixture folder {folder} names no rule of the catalog (see `rampart rules`)"
            ));
        }
    }

    let selectors: Vec<String> = std::env::var("RULE_FIXTURES")
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let selected =
        |id: &str| selectors.is_empty() || selectors.iter().any(|s| selector_matches(s, id));
    if CATALOG.iter().all(|r| !selected(r.id)) {
        problems.push(format!("RULE_FIXTURES={selectors:?} selects no rule"));
    }

    let mut snapshots = Vec::new();
    for rule in CATALOG.iter().filter(|r| selected(r.id)) {
        let text = check_rule(rule, &root, &mut problems);
        snapshots.push((*rule, text));
    }

    assert!(
        problems.is_empty(),
        "{} fixture problem(s):\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );

    let mut settings = insta::Settings::clone_current();
    settings.set_omit_expression(true);
    for (rule, text) in snapshots {
        settings.set_description(format!("{} — {}", rule.id, rule.title));
        settings.bind(|| {
            insta::assert_snapshot!(rule.id.replace('.', "_"), text);
        });
    }
}
