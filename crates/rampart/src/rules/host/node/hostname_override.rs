//! `host.node.kubelet.hostname-override` — Kubelet overrides the node hostname.
//!
//! Checks that `--hostname-override` is not set (a command-line-only setting; a KubeletConfiguration manifest alone
//! cannot show it).
//!
//! CIS AKS 3.2.8 (benchmark 1.0 numbering; the item is absent from 1.7/1.8).
//!
//! ## Why
//! A node name that differs from the host name can break TLS name checks between the API server and the kubelet.
//!
//! ## Fails
//! ```sh
//! KUBELET_FLAGS=--hostname-override=node-1
//! ```
//!
//! ## Passes
//! ```sh
//! KUBELET_FLAGS=--node-ip=10.0.0.4
//! ```
//!
//! ## Fix
//! Remove `--hostname-override` from `KUBELET_FLAGS`.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, Kubelet};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.hostname-override",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Low,
    title: "Kubelet overrides the node hostname",
    source: include_str!("hostname_override.rs"),
    remediation: "Remove --hostname-override.",
    references: &[Reference::CisAks("3.2.8 (benchmark 1.0)")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    kubelet::judge_each(inv, out, judge);
}

fn judge(k: &Kubelet) -> (crate::finding::Location, Verdict) {
    if let Some(f) = k.flags.get("hostname-override") {
        return (
            f.location.clone(),
            Verdict::Fail(format!(
                "--hostname-override={} is set: TLS name checks may not match the node",
                f.value
            )),
        );
    }
    if k.has_flags {
        (k.location.clone(), Verdict::Pass)
    } else {
        (
            k.location.clone(),
            Verdict::Unknown(
                "--hostname-override is a command-line flag; this input holds no flags".into(),
            ),
        )
    }
}
