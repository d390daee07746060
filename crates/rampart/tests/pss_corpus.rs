//! Upstream Pod Security Admission fixtures through the same pipeline users run: every `fail`
//! pod gets at least one finding from a `pod.pss.*` rule of that level (restricted includes
//! baseline) at that policy version, and every `pass` pod gets none.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rampart::config::Config;
use rampart::context::Context;
use rampart::rules::{Rule, CATALOG};
use rampart::scan::Scan;
use rampart_document::Limits;
use rampart_pss::{Level, Version};

fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/pss");
    assert!(
        dir.is_dir(),
        "the shared PSS corpus is missing at {}",
        dir.display()
    );
    dir
}

fn rules_of(level: Level) -> Vec<&'static Rule> {
    CATALOG
        .iter()
        .copied()
        .filter(|r| {
            r.pss
                .is_some_and(|c| level == Level::Restricted || c.level() == Level::Baseline)
        })
        .collect()
}

/// Files of a folder → the rules that fired on each.
fn scan_folder(
    dir: &Path,
    level: Level,
    version: Version,
) -> BTreeMap<String, BTreeSet<&'static str>> {
    let context = Context {
        version,
        config: Config::default(),
    };
    let scan = Scan {
        context: &context,
        rules: rules_of(level),
        limits: Limits::default(),
        progress: false,
    };
    let result = scan.run(&[dir.to_path_buf()]);
    assert!(
        result.errors.is_empty(),
        "{}: {:?}",
        dir.display(),
        result.errors
    );
    let mut by_file: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        by_file
            .entry(entry.unwrap().path().display().to_string())
            .or_default();
    }
    for f in result.findings {
        by_file
            .entry(f.location.file.to_string())
            .or_default()
            .insert(f.rule);
    }
    by_file
}

#[test]
fn every_upstream_fixture_gets_the_psa_verdict() {
    let root = corpus();
    let mut checked = 0;
    let mut mismatches = Vec::new();
    for level in [Level::Baseline, Level::Restricted] {
        let level_dir = root.join(level.as_str());
        let mut versions: Vec<PathBuf> = std::fs::read_dir(&level_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        versions.sort();
        assert_eq!(versions.len(), 38, "{}: v1.0 to v1.37", level_dir.display());
        for vdir in versions {
            let name = vdir.file_name().unwrap().to_str().unwrap().to_string();
            let version = Version::parse(&name).unwrap_or_else(|| panic!("version folder {name}"));
            for (expect_findings, sub) in [(false, "pass"), (true, "fail")] {
                let dir = vdir.join(sub);
                if !dir.is_dir() {
                    continue;
                }
                for (file, rules) in scan_folder(&dir, level, version) {
                    checked += 1;
                    if rules.is_empty() == expect_findings {
                        mismatches.push(format!("{file} at {} {name}: {rules:?}", level.as_str()));
                    }
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    assert_eq!(checked, 4537, "every fixture evaluated");
}
