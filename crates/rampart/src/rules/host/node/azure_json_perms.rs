//! `host.node.kubelet.azure-json-perms` — azure.json is writable or readable too widely.
//!
//! Checks the mode of `/etc/kubernetes/azure.json` (the cloud provider configuration): 644 or stricter.
//!
//! CIS AKS 3.1.3.
//!
//! ## Why
//! `azure.json` carries the cluster's cloud identity settings, including a service principal secret when the cluster
//! does not use a managed identity.
//!
//! ## Fails
//! ```text
//! -rw-rw-rw- root root /etc/kubernetes/azure.json
//! ```
//!
//! ## Passes
//! ```text
//! -rw------- root root /etc/kubernetes/azure.json
//! ```
//!
//! ## Fix
//! `chmod 600 /etc/kubernetes/azure.json` on each node.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, FileRole};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.azure-json-perms",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Medium,
    title: "azure.json is writable or readable too widely",
    source: include_str!("azure_json_perms.rs"),
    remediation: "chmod 644 (or stricter) /etc/kubernetes/azure.json.",
    references: &[Reference::CisAks("3.1.3")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    for f in kubelet::files(inv, FileRole::AzureJson) {
        let verdict = {
            if f.mode & !0o644 != 0 {
                Verdict::Fail(format!(
                    "{} has mode {:o}: {} must be 644 or stricter",
                    f.node_path, f.mode, "azure.json"
                ))
            } else {
                Verdict::Pass
            }
        };
        kubelet::report_file(out, f, verdict);
    }
}
