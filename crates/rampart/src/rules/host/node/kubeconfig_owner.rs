//! `host.node.kubelet.kubeconfig-owner` — Kubelet kubeconfig is not owned by root.
//!
//! Checks the owner of the kubelet kubeconfig (on AKS `/var/lib/kubelet/kubeconfig`): `root:root`.
//!
//! CIS AKS 3.1.2.
//!
//! ## Why
//! A non-root owner can change the file's mode and content: the node's API credentials are no longer root's alone.
//!
//! ## Fails
//! ```text
//! -rw------- azureuser azureuser /var/lib/kubelet/kubeconfig
//! ```
//!
//! ## Passes
//! ```text
//! -rw------- root root /var/lib/kubelet/kubeconfig
//! ```
//!
//! ## Fix
//! `chown root:root /var/lib/kubelet/kubeconfig` on each node.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, FileRole};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.kubeconfig-owner",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Medium,
    title: "Kubelet kubeconfig is not owned by root",
    source: include_str!("kubeconfig_owner.rs"),
    remediation: "chown root:root the kubelet kubeconfig.",
    references: &[Reference::CisAks("3.1.2")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    for f in kubelet::files(inv, FileRole::Kubeconfig) {
        let verdict = {
            if f.uid != 0 || f.gid != 0 {
                Verdict::Fail(format!(
                    "{} is owned by {}:{}: {} must be owned by root:root",
                    f.node_path, f.uid, f.gid, "the kubelet kubeconfig"
                ))
            } else {
                Verdict::Pass
            }
        };
        kubelet::report_file(out, f, verdict);
    }
}
