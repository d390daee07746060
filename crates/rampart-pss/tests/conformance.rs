//! Every fixture of upstream PSA's conformance corpus must get PSA's verdict.
//!
//! The corpus is read in place from `shared/corpus/pss` beside the checkout; see its README for
//! the layout and the rules this test applies (overrides still reject; which fixtures trip a
//! second check on purpose).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rampart_document::{parse_bytes, Limits};
use rampart_pss::{
    allows, evaluate, rejecting_versions, Check, Level, PodView, Version, Violation,
};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/pss");
const EXPECTED_FILES: usize = 4537;

struct Fixture {
    path: PathBuf,
    level: Level,
    version: Version,
    fail: bool,
    /// The file name without its index and extension (`capabilities_baseline`).
    prefix: String,
}

fn fixtures() -> Vec<Fixture> {
    let root = fs::canonicalize(CORPUS).unwrap_or_else(|e| {
        panic!("PSS corpus not found at {CORPUS} (expected shared/ beside the checkout): {e}")
    });
    let root = root.as_path();
    let mut out = Vec::new();
    for level in [Level::Baseline, Level::Restricted] {
        let level_dir = root.join(level.as_str());
        for version_entry in read_dir(&level_dir) {
            let name = version_entry
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            let version = name
                .strip_prefix("v1.")
                .and_then(|n| n.parse::<u16>().ok())
                .map(Version)
                .unwrap_or_else(|| panic!("unexpected folder {}", version_entry.display()));
            for outcome in ["pass", "fail"] {
                let dir = version_entry.join(outcome);
                if !dir.is_dir() {
                    continue;
                }
                for file in read_dir(&dir) {
                    let stem = file.file_stem().unwrap().to_str().unwrap();
                    assert_eq!(
                        file.extension().and_then(|e| e.to_str()),
                        Some("yaml"),
                        "unexpected file {}",
                        file.display()
                    );
                    out.push(Fixture {
                        prefix: stem
                            .trim_end_matches(|c: char| c.is_ascii_digit())
                            .to_string(),
                        path: file,
                        level,
                        version,
                        fail: outcome == "fail",
                    });
                }
            }
        }
    }
    assert!(
        out.len() >= EXPECTED_FILES,
        "PSS corpus at {} holds {} fixtures, expected at least {EXPECTED_FILES}",
        root.display(),
        out.len()
    );
    out
}

fn read_dir(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
}

/// The checks a fail fixture must trip, per the corpus README: the named check (or the
/// restricted check that replaces it at this version), plus the second checks some fixtures
/// trip on purpose.
fn expected_checks(f: &Fixture) -> BTreeSet<Check> {
    let named = Check::ALL
        .into_iter()
        .find(|c| c.upstream_id().to_ascii_lowercase() == f.prefix)
        .unwrap_or_else(|| panic!("{}: prefix {:?} names no check", f.path.display(), f.prefix));
    let mut expected = BTreeSet::new();
    match named.replaced_by() {
        Some((replacement, from)) if f.level == Level::Restricted && f.version >= from => {
            expected.insert(replacement)
        }
        _ => expected.insert(named),
    };
    let restricted = f.level == Level::Restricted;
    let stem = f.path.file_stem().unwrap().to_str().unwrap();
    if named == Check::WindowsHostProcess {
        expected.insert(Check::HostNamespaces);
    }
    if restricted && named == Check::Privileged && f.version >= Version(8) {
        expected.insert(Check::AllowPrivilegeEscalation);
    }
    if restricted && stem == "allowprivilegeescalation3" && f.version >= Version(22) {
        expected.insert(Check::CapabilitiesRestricted);
    }
    expected
}

fn show(violations: &[Violation]) -> String {
    violations
        .iter()
        .map(|v| format!("    {} {} @{}: {}", v.check, v.path, v.pos, v.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn corpus_verdicts_match_psa() {
    let fixtures = fixtures();
    let mut mismatches = Vec::new();
    let (mut passes, mut fails) = (0usize, 0usize);
    for f in &fixtures {
        let bytes = fs::read(&f.path).unwrap();
        let docs = parse_bytes(&bytes, &Limits::default());
        let [Ok(doc)] = docs.as_slice() else {
            mismatches.push(format!(
                "{}: not a single YAML document: {docs:?}",
                f.path.display()
            ));
            continue;
        };
        let Some((pod, "")) = PodView::from_object(&doc.root) else {
            mismatches.push(format!("{}: not a Pod", f.path.display()));
            continue;
        };
        let violations = evaluate(&pod, f.level, f.version);
        let fired: BTreeSet<Check> = violations.iter().map(|v| v.check).collect();
        let label = format!("{} at {} {}", f.path.display(), f.level, f.version);
        if f.fail {
            fails += 1;
            let expected = expected_checks(f);
            if fired != expected {
                mismatches.push(format!(
                    "{label}: expected checks {expected:?}, got {fired:?}\n{}",
                    show(&violations)
                ));
            }
        } else {
            passes += 1;
            if !violations.is_empty() {
                mismatches.push(format!(
                    "{label}: expected no violation\n{}",
                    show(&violations)
                ));
            }
        }

        // The verdict-only and all-versions paths must agree with the direct one.
        if allows(&pod, f.level, f.version) == f.fail {
            mismatches.push(format!("{label}: allows() disagrees with the fixture"));
        }
        let mask = rejecting_versions(&pod, f.level);
        if (mask & f.version.bit() != 0) != f.fail {
            mismatches.push(format!(
                "{label}: rejecting_versions bit is {}, mask {mask:#x}",
                mask & f.version.bit() != 0
            ));
        }
        // Every check's version mask agrees with evaluating it alone at every version.
        for check in Check::ALL {
            let bits = check.failing_versions(&pod);
            for v in Version::all() {
                let direct = !check.evaluate(&pod, v).is_empty();
                if (bits & v.bit() != 0) != direct {
                    mismatches.push(format!(
                        "{}: {check} failing_versions bit {v} is {}, evaluate says {direct}",
                        f.path.display(),
                        !direct
                    ));
                }
            }
        }
        // And the level mask agrees with the direct verdict at every version.
        for v in Version::all() {
            let direct = !evaluate(&pod, f.level, v).is_empty();
            if (mask & v.bit() != 0) != direct {
                mismatches.push(format!(
                    "{}: rejecting_versions({}) bit {v} is {}, evaluate says {direct}",
                    f.path.display(),
                    f.level,
                    !direct
                ));
            }
        }
    }
    println!(
        "PSS corpus: {} fixtures evaluated ({passes} pass, {fails} fail), {} mismatches",
        fixtures.len(),
        mismatches.len()
    );
    for m in &mismatches {
        println!("MISMATCH {m}");
    }
    assert!(mismatches.is_empty(), "{} mismatches", mismatches.len());
    assert_eq!(passes + fails, fixtures.len());
}
