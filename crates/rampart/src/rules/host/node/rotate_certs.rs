//! `host.node.kubelet.rotate-certs` — Kubelet client certificate rotation is off.
//!
//! Checks `--rotate-certificates` / `rotateCertificates`: it must not be false (unset passes).
//!
//! CIS AKS 3.2.8 (benchmark 1.7/1.8 numbering).
//!
//! ## Why
//! Without rotation the kubelet's client certificate either expires (node goes NotReady) or is issued long-lived:
//! a stolen certificate stays valid.
//!
//! ## Fails
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! rotateCertificates: false
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! rotateCertificates: true
//! ```
//!
//! ## Fix
//! Set `rotateCertificates: true` or remove `--rotate-certificates=false`.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, Kubelet};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.rotate-certs",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Medium,
    title: "Kubelet client certificate rotation is off",
    source: include_str!("rotate_certs.rs"),
    remediation: "Enable kubelet client certificate rotation (--rotate-certificates=true).",
    references: &[Reference::CisAks("3.2.8")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    kubelet::judge_each(inv, out, judge);
}

fn judge(k: &Kubelet) -> (crate::finding::Location, Verdict) {
    match k.get("rotate-certificates", &["rotateCertificates"]) {
        Some(s) if s.as_bool() == Some(false) => (
            s.location(),
            Verdict::Fail("kubelet client certificate rotation is disabled".into()),
        ),
        Some(s) => (s.location(), Verdict::Pass),
        None => (k.default_location(), Verdict::Pass),
    }
}
