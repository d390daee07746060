//! `host.node.kubelet.config-perms` — Kubelet config file is writable by others.
//!
//! Checks the mode of the kubelet config file (`--config`, on AKS `/etc/default/kubeletconfig.json`, written
//! 0600 by AKS bootstrap): 644 or stricter.
//!
//! CIS AKS 3.1.3 (benchmark 1.0).
//!
//! ## Why
//! Whoever can edit the config file can turn on anonymous auth or AlwaysAllow at the next kubelet restart.
//!
//! ## Fails
//! ```text
//! -rw-rw-rw- root root /etc/default/kubeletconfig.json
//! ```
//!
//! ## Passes
//! ```text
//! -rw------- root root /etc/default/kubeletconfig.json
//! ```
//!
//! ## Fix
//! `chmod 600 /etc/default/kubeletconfig.json` on each node.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, FileRole};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.config-perms",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Low,
    title: "Kubelet config file is writable by others",
    source: include_str!("config_perms.rs"),
    remediation: "chmod 644 (or stricter) the kubelet config file.",
    references: &[Reference::CisAks("3.1.3")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    for f in kubelet::files(inv, FileRole::KubeletConfig) {
        let verdict = {
            if f.mode & !0o644 != 0 {
                Verdict::Fail(format!(
                    "{} has mode {:o}: {} must be 644 or stricter",
                    f.node_path, f.mode, "the kubelet config file"
                ))
            } else {
                Verdict::Pass
            }
        };
        kubelet::report_file(out, f, verdict);
    }
}
