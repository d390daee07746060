//! `host.aks.node.no-public-ip` — Nodes get public IP addresses.
//!
//! Checks `enableNodePublicIP` (azurerm `node_public_ip_enabled`, 3.x `enable_node_public_ip`)
//! on every agent pool, not just the first.
//!
//! CIS AKS 5.4.3 (private nodes). Checkov CKV_AZURE_143 (which reads the default pool only).
//!
//! ## Why
//! Each node gets an internet-routable address: one NSG mistake exposes the kubelet (10250),
//! SSH and every NodePort to the internet.
//!
//! ## Fails
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "enableNodePublicIP": true}]}
//! ```
//!
//! ## Passes
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "enableNodePublicIP": false}]}
//! ```
//!
//! ## Fix
//! Node public IPs cannot be removed in place: add a pool without them (`az aks nodepool add`
//! without `--enable-node-public-ip`), move workloads and delete the old pool. Terraform
//! `node_public_ip_enabled = false`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.no-public-ip",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::High,
    title: "Nodes get public IP addresses",
    source: include_str!("node_public_ip.rs"),
    remediation: "Run node pools without public IPs (enableNodePublicIP: false); expose services through load balancers or ingress.",
    references: &[Reference::CisAks("5.4.3"), Reference::Checkov("CKV_AZURE_143")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_pool(inv, out, |p| {
        let verdict = match p.node_public_ip.bool() {
            Ok(Some(true)) => Verdict::Fail(
                "enableNodePublicIP is true: every node has an internet-routable address".into(),
            ),
            Ok(_) => Verdict::Pass,
            Err(r) => Verdict::unknown("enableNodePublicIP", &r),
        };
        (p.node_public_ip.at().clone(), verdict)
    });
}
