//! `host.node.kubelet.protect-kernel-defaults` — Kubelet may change kernel tunables.
//!
//! Checks `--protect-kernel-defaults` / `protectKernelDefaults`: it should be true (default false).
//!
//! CIS AKS 3.2.6 (benchmark 1.0 numbering; the item is absent from 1.7/1.8).
//!
//! ## Why
//! When true, the kubelet refuses to start if kernel parameters differ from what it expects instead of silently
//! changing them, so node hardening of sysctls is not undone.
//!
//! ## Fails
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! protectKernelDefaults: false
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! protectKernelDefaults: true
//! ```
//!
//! ## Fix
//! Set `protectKernelDefaults: true` or `--protect-kernel-defaults=true` after setting the expected sysctls.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, Kubelet};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.protect-kernel-defaults",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Low,
    title: "Kubelet may change kernel tunables",
    source: include_str!("protect_kernel_defaults.rs"),
    remediation: "Set --protect-kernel-defaults=true.",
    references: &[Reference::CisAks("3.2.6 (benchmark 1.0)")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    kubelet::judge_each(inv, out, judge);
}

fn judge(k: &Kubelet) -> (crate::finding::Location, Verdict) {
    match k.get("protect-kernel-defaults", &["protectKernelDefaults"]) {
        Some(s) if s.as_bool() == Some(true) => (s.location(), Verdict::Pass),
        Some(s) => (s.location(), Verdict::Fail("protect kernel defaults is off: the kubelet may change kernel tunables".into())),
        None => (
            k.default_location(),
            Verdict::Fail("protect kernel defaults is not set (default false): the kubelet may change kernel tunables".into()),
        ),
    }
}
