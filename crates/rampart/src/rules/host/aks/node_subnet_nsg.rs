//! `host.aks.node.subnet-nsg` — Node subnet network security group cannot be verified.
//!
//! For every agent pool in a customer subnet, the subnet's network security group lives on the
//! subnet resource (`properties.networkSecurityGroup.id`), not in the cluster definition: the
//! control is reported as unverifiable until that subnet is audited (no inbound allow from
//! `Internet`/`*` to 22, 10250, 10255 or 30000–32767). Pools in the AKS-managed network get the
//! AKS-managed NSG and pass (`host.aks.node.byo-subnet` reports them).
//!
//! Checkov CKV2_AZURE_31.
//!
//! ## Why
//! The NSG on the node subnet is the network boundary of the host layer: it decides whether
//! the kubelet, SSH and NodePorts are reachable from outside.
//!
//! ## Fails
//! ```json
//! {"agentPoolProfiles": [{"name": "system",
//!   "vnetSubnetID": "/subscriptions/.../virtualNetworks/hub/subnets/aks-nodes"}]}
//! ```
//!
//! ## Passes
//! ```json
//! {"agentPoolProfiles": [{"name": "system"}]}
//! ```
//!
//! ## Fix
//! Attach an NSG to the subnet (`az network vnet subnet update --network-security-group`;
//! Terraform `azurerm_subnet_network_security_group_association`) with no inbound allow from the
//! internet to node ports, then check it with `az network vnet subnet show`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.subnet-nsg",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Medium,
    title: "Node subnet network security group cannot be verified",
    source: include_str!("node_subnet_nsg.rs"),
    remediation: "Attach an NSG to the node subnet that denies inbound internet traffic to 22, 10250, 10255 and NodePorts.",
    references: &[Reference::Checkov("CKV2_AZURE_31")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_pool(inv, out, |p| {
        let verdict = match p.vnet_subnet.is_set() {
            Ok(false) => Verdict::Pass,
            Ok(true) | Err(_) => Verdict::Unknown(
                "the node subnet's network security group is part of the subnet, not of the cluster definition; audit it with az network vnet subnet show".into(),
            ),
        };
        (p.vnet_subnet.at().clone(), verdict)
    });
}
