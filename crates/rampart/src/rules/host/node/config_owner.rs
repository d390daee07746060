//! `host.node.kubelet.config-owner` — Kubelet config file is not owned by root.
//!
//! Checks the owner of the kubelet config file (on AKS `/etc/default/kubeletconfig.json`): `root:root`.
//!
//! CIS AKS 3.1.4 (benchmark 1.0).
//!
//! ## Why
//! A non-root owner can rewrite the kubelet's security settings.
//!
//! ## Fails
//! ```text
//! -rw------- azureuser root /etc/default/kubeletconfig.json
//! ```
//!
//! ## Passes
//! ```text
//! -rw------- root root /etc/default/kubeletconfig.json
//! ```
//!
//! ## Fix
//! `chown root:root /etc/default/kubeletconfig.json` on each node.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, FileRole};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.config-owner",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Low,
    title: "Kubelet config file is not owned by root",
    source: include_str!("config_owner.rs"),
    remediation: "chown root:root the kubelet config file.",
    references: &[Reference::CisAks("3.1.4")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    for f in kubelet::files(inv, FileRole::KubeletConfig) {
        let verdict = {
            if f.uid != 0 || f.gid != 0 {
                Verdict::Fail(format!(
                    "{} is owned by {}:{}: {} must be owned by root:root",
                    f.node_path, f.uid, f.gid, "the kubelet config file"
                ))
            } else {
                Verdict::Pass
            }
        };
        kubelet::report_file(out, f, verdict);
    }
}
