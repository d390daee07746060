//! `host.node.kubelet.azure-json-owner` — azure.json is not owned by root.
//!
//! Checks the owner of `/etc/kubernetes/azure.json`: `root:root`.
//!
//! CIS AKS 3.1.4.
//!
//! ## Why
//! A non-root owner can read or replace the cloud provider credentials.
//!
//! ## Fails
//! ```text
//! -rw------- azureuser root /etc/kubernetes/azure.json
//! ```
//!
//! ## Passes
//! ```text
//! -rw------- root root /etc/kubernetes/azure.json
//! ```
//!
//! ## Fix
//! `chown root:root /etc/kubernetes/azure.json` on each node.

use crate::aks::Verdict;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::kubelet::{self, FileRole};
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.node.kubelet.azure-json-owner",
    layer: Layer::Host,
    domain: "node",
    severity: Severity::Medium,
    title: "azure.json is not owned by root",
    source: include_str!("azure_json_owner.rs"),
    remediation: "chown root:root /etc/kubernetes/azure.json.",
    references: &[Reference::CisAks("3.1.4")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    for f in kubelet::files(inv, FileRole::AzureJson) {
        let verdict = {
            if f.uid != 0 || f.gid != 0 {
                Verdict::Fail(format!(
                    "{} is owned by {}:{}: {} must be owned by root:root",
                    f.node_path, f.uid, f.gid, "azure.json"
                ))
            } else {
                Verdict::Pass
            }
        };
        kubelet::report_file(out, f, verdict);
    }
}
