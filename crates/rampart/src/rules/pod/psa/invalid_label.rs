//! `pod.psa.invalid-label` — a Pod Security Admission label value that does not parse.
//!
//! Checks the `pod-security.kubernetes.io/{enforce,audit,warn}` labels and their `-version`
//! labels. Levels must be `privileged`, `baseline` or `restricted`; versions `latest` or `v1.N`
//! (no leading zero, `v` required).
//!
//! ## Why
//! Pod Security Admission does not reject a bad label; it falls back. An unparsable enforce level
//! becomes `restricted` (pods the author meant to allow are rejected), an unparsable audit or
//! warn level becomes `privileged` (the warnings the author asked for never come), and an
//! unparsable version becomes `latest` (the pin is silently lost).
//!
//! ## Fails
//! ```yaml
//! labels:
//!   pod-security.kubernetes.io/enforce: Restricted
//!   pod-security.kubernetes.io/enforce-version: "1.30"
//! ```
//!
//! ## Passes
//! ```yaml
//! labels:
//!   pod-security.kubernetes.io/enforce: restricted
//!   pod-security.kubernetes.io/enforce-version: v1.30
//! ```
//!
//! ## Fix
//! Use the lower-case level names and `v1.N` versions exactly.

use rampart_pss::{Level, Version};

use super::label_path;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.psa.invalid-label",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Pod Security Admission label value does not parse",
    source: include_str!("invalid_label.rs"),
    remediation: "Use privileged|baseline|restricted for levels and latest or v1.N for versions.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/concepts/security/pod-security-admission/",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    for ns in inv.namespaces.values() {
        let Some(object) = &ns.object else { continue };
        let Some(labels) = object.metadata().and_then(|m| m.get("labels")) else {
            continue;
        };
        for mode in ["enforce", "audit", "warn"] {
            let level_key = format!("pod-security.kubernetes.io/{mode}");
            let version_key = format!("{level_key}-version");
            let fallback = if mode == "enforce" {
                "restricted"
            } else {
                "privileged"
            };
            for (key, is_version) in [(level_key, false), (version_key, true)] {
                let Some(entry) = labels.entry(&key) else {
                    continue;
                };
                // Label values are strings; an unquoted 1.30 is still shown as written.
                let value = entry
                    .value
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| entry.value.to_json());
                let problem = if is_version {
                    Version::parse_label(&value)
                        .is_none()
                        .then(|| format!("{mode} version {value:?} is not latest or v1.N: Pod Security Admission uses latest"))
                } else {
                    Level::parse(&value).is_none().then(|| {
                        format!("{mode} level {value:?} is not privileged, baseline or restricted: Pod Security Admission uses {fallback}")
                    })
                };
                if let Some(problem) = problem {
                    out.at(
                        object,
                        label_path(&key),
                        Some(entry.value.pos),
                        format!("namespace \"{}\": {problem}", ns.name),
                    );
                }
            }
        }
    }
}
