//! `host.node.kubelet.event-qps` — Kubelet rate-limits event recording.
//!
//! Checks `--event-qps` / `eventRecordQPS`: kube-bench expects 0 (no limit). Unset means the default of 50 events per
//! second, beyond which events are dropped.
//!
//! CIS AKS 3.2.7 (benchmark 1.7/1.8 numbering).
//!
//! ## Why
//! Dropped events hide activity (pod starts, kills, image pulls) from anyone reconstructing what happened.
//!
//! ## Fails
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! eventRecordQPS: 5
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: kubelet.config.k8s.io/v1beta1
//! kind: KubeletConfiguration
//! eventRecordQPS: 0
//! ```
//!
//! ## Fix
//! Set `eventRecordQPS: 0` (or a level sized for the node's event rate) / `--event-qps=0`.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, Kubelet};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.event-qps",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Low,
    title: "Kubelet rate-limits event recording",
    source: include_str!("event_qps.rs"),
    remediation: "Set --event-qps=0 or a level that captures every event.",
    references: &[Reference::CisAks("3.2.7")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    kubelet::judge_each(inv, out, judge);
}

fn judge(k: &Kubelet) -> (crate::finding::Location, Verdict) {
    match k.get("event-qps", &["eventRecordQPS"]) {
        Some(s) => match s.as_i64() {
            Some(0) => (s.location(), Verdict::Pass),
            _ => (s.location(), Verdict::Fail(format!("event recording is limited to {} per second: excess events are dropped", s.text()))),
        },
        None => (
            k.default_location(),
            Verdict::Fail("event recording is limited to the default 50 per second: excess events are dropped".into()),
        ),
    }
}
