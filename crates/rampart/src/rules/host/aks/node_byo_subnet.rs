//! `host.aks.node.byo-subnet` — Node pool is not in a customer subnet.
//!
//! Checks `vnetSubnetID` (azurerm `vnet_subnet_id`) on every agent pool. Without it AKS
//! creates its own virtual network.
//!
//! ## Why
//! Only a subnet you own can carry your network security group, route table (forced tunnelling
//! through a firewall) and private endpoints; the AKS-managed network is out of reach of those
//! controls.
//!
//! ## Fails
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "vmSize": "Standard_D4s_v5"}]}
//! ```
//!
//! ## Passes
//! ```json
//! {"agentPoolProfiles": [{"name": "system",
//!   "vnetSubnetID": "/subscriptions/.../virtualNetworks/hub/subnets/aks-nodes"}]}
//! ```
//!
//! ## Fix
//! Create the cluster and its pools in a dedicated subnet (`az aks create --vnet-subnet-id`,
//! `az aks nodepool add --vnet-subnet-id`); Terraform `vnet_subnet_id`. The subnet of an existing
//! pool cannot be changed.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.byo-subnet",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Medium,
    title: "Node pool is not in a customer subnet",
    source: include_str!("node_byo_subnet.rs"),
    remediation: "Place node pools in a dedicated customer subnet (vnetSubnetID).",
    references: &[Reference::Url(
        "https://learn.microsoft.com/azure/aks/configure-azure-cni",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_pool(inv, out, |p| {
        let verdict = match p.vnet_subnet.is_set() {
            Ok(true) => Verdict::Pass,
            Ok(false) => Verdict::Fail(
                "vnetSubnetID is not set: nodes run in an AKS-managed network that your NSGs and route tables cannot reach".into(),
            ),
            // A reference to a subnet defined in the input is a customer subnet, even if its id
            // is only known at deployment.
            Err(_) if p.subnet_key.as_deref().is_some_and(|k| inv.aks.subnet(k).is_some()) => {
                Verdict::Pass
            }
            Err(r) => Verdict::unknown("vnetSubnetID", &r),
        };
        (p.vnet_subnet.at().clone(), verdict)
    });
}
