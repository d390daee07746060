//! Pod Security Standards, evaluated the way upstream Pod Security Admission (PSA) does.
//!
//! Given a pod (or a workload's pod template), a level and a policy version, [`evaluate`] returns
//! every offending field of every check PSA would run, and an empty list exactly when PSA would
//! admit the pod. [`rejecting_versions`] answers the same question for all policy versions at
//! once, which is how a scanner tells users that a pod pinned to `v1.24` passes but breaks at
//! `latest`. [`NamespacePolicy::from_labels`] reads a namespace's PSA labels.
//!
//! The rules are written from `shared/docs/pod-security-standards.md` and proven against PSA's
//! own conformance fixtures (`tests/conformance.rs`).

#![forbid(unsafe_code)]

mod check;
mod checks;
mod level;
mod namespace;
mod pod;
mod version;
mod violation;

pub use check::Check;
pub use level::Level;
pub use namespace::{
    ModePolicy, NamespacePolicy, AUDIT_LABEL, AUDIT_VERSION_LABEL, ENFORCE_LABEL,
    ENFORCE_VERSION_LABEL, WARN_LABEL, WARN_VERSION_LABEL,
};
pub use pod::PodView;
pub use version::Version;
pub use violation::Violation;

use violation::Verdict;

/// The checks PSA runs at (`level`, `v`), in PSA's reporting order, with restricted overrides
/// applied. Privileged runs none.
pub fn active_checks(level: Level, v: Version) -> Vec<Check> {
    Check::PSA_ORDER
        .into_iter()
        .filter(|c| c.active(level, v))
        .collect()
}

/// PSA's verdict at (`level`, `v`): every violation of every active check, in PSA's reporting
/// order. Empty means the pod is allowed.
pub fn evaluate(pod: &PodView, level: Level, v: Version) -> Vec<Violation> {
    let mut out = Vec::new();
    for check in Check::PSA_ORDER {
        if check.active(level, v) {
            let _ = check.run(pod, v, &mut out);
        }
    }
    out
}

/// Whether PSA admits the pod at (`level`, `v`); stops at the first offence and builds no
/// strings, for callers that only need the verdict.
pub fn allows(pod: &PodView, level: Level, v: Version) -> bool {
    Check::PSA_ORDER.into_iter().all(|check| {
        if !check.active(level, v) {
            return true;
        }
        let mut verdict = Verdict::default();
        let _ = check.run(pod, v, &mut verdict);
        !verdict.failed
    })
}

/// Bit N set when PSA at `level` rejects the pod at policy version v1.N (N in 0..=LATEST).
pub fn rejecting_versions(pod: &PodView, level: Level) -> u64 {
    let mut bits = 0;
    for check in Check::ALL {
        let active = check.active_versions(level);
        // Versions this check could still add; skip the work when there are none.
        if active & !bits != 0 {
            bits |= check.failing_versions(pod) & active;
        }
    }
    bits
}

/// The policy versions in a mask, oldest first.
pub fn versions_in(mask: u64) -> impl Iterator<Item = Version> {
    Version::all().filter(move |v| mask & v.bit() != 0)
}
