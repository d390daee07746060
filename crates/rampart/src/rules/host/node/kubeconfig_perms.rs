//! `host.node.kubelet.kubeconfig-perms` — Kubelet kubeconfig is writable or readable too widely.
//!
//! Checks the mode of the kubelet kubeconfig (`--kubeconfig`, on AKS `/var/lib/kubelet/kubeconfig`): 644 or
//! stricter (no write for group or others, no execute bits).
//!
//! CIS AKS 3.1.1.
//!
//! ## Why
//! The kubelet kubeconfig holds the node's credentials to the API server; anyone who can rewrite it can point the
//! kubelet at another server or steal its identity.
//!
//! ## Fails
//! ```text
//! -rw-rw-rw- root root /var/lib/kubelet/kubeconfig
//! ```
//!
//! ## Passes
//! ```text
//! -rw------- root root /var/lib/kubelet/kubeconfig
//! ```
//!
//! ## Fix
//! `chmod 600 /var/lib/kubelet/kubeconfig` on each node (AKS node images ship it 600; reimage drifted nodes).

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, FileRole};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.kubeconfig-perms",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Medium,
    title: "Kubelet kubeconfig is writable or readable too widely",
    source: include_str!("kubeconfig_perms.rs"),
    remediation: "chmod 644 (or stricter) the kubelet kubeconfig.",
    references: &[Reference::CisAks("3.1.1")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    for f in kubelet::files(inv, FileRole::Kubeconfig) {
        let verdict = {
            if f.mode & !0o644 != 0 {
                Verdict::Fail(format!(
                    "{} has mode {:o}: {} must be 644 or stricter",
                    f.node_path, f.mode, "the kubelet kubeconfig"
                ))
            } else {
                Verdict::Pass
            }
        };
        kubelet::report_file(out, f, verdict);
    }
}
