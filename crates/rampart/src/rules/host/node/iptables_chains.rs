//! `host.node.kubelet.iptables-chains` — Kubelet does not manage its iptables chains.
//!
//! Checks `--make-iptables-util-chains` / `makeIPTablesUtilChains`: it must not be false (unset passes: the default
//! is true).
//!
//! CIS AKS 3.2.6 (benchmark 1.7/1.8 numbering).
//!
//! ## Why
//! The kubelet keeps its iptables utility chains in sync with pod networking needs; turned off, rules drift from what
//! the cluster expects.
//!
//! ## Fails
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! makeIPTablesUtilChains: false
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! makeIPTablesUtilChains: true
//! ```
//!
//! ## Fix
//! Remove `--make-iptables-util-chains=false` / set `makeIPTablesUtilChains: true`.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, Kubelet};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.iptables-chains",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Low,
    title: "Kubelet does not manage its iptables chains",
    source: include_str!("iptables_chains.rs"),
    remediation: "Leave --make-iptables-util-chains at true.",
    references: &[Reference::CisAks("3.2.6")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    kubelet::judge_each(inv, out, judge);
}

fn judge(k: &Kubelet) -> (crate::finding::Location, Verdict) {
    match k.get("make-iptables-util-chains", &["makeIPTablesUtilChains"]) {
        Some(s) if s.as_bool() == Some(false) => (
            s.location(),
            Verdict::Fail(
                "make-iptables-util-chains is false: kubelet iptables chains are not kept in sync"
                    .into(),
            ),
        ),
        Some(s) => (s.location(), Verdict::Pass),
        None => (k.default_location(), Verdict::Pass),
    }
}
