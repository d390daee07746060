//! `cluster.aks.api.vnet-integration` — API server VNet integration is off.
//!
//! Checks `apiServerAccessProfile.enableVnetIntegration` (azurerm
//! `api_server_access_profile { virtual_network_integration_enabled }`): the API server is projected
//! into a delegated subnet so node-to-API traffic never leaves the virtual network.
//!
//! ## Why
//! Defence in depth for API traffic: with VNet integration, nodes reach the API server on a
//! private address without private link or tunnels, and the cluster can be switched between
//! public and private without being rebuilt.
//!
//! ## Fails
//! ```json
//! {"apiServerAccessProfile": {"enablePrivateCluster": true}}
//! ```
//!
//! ## Passes
//! ```json
//! {"apiServerAccessProfile": {"enableVnetIntegration": true, "subnetId": "/subscriptions/.../subnets/apiserver"}}
//! ```
//!
//! ## Fix
//! `az aks update --enable-apiserver-vnet-integration --apiserver-subnet-id <id>`; Terraform
//! `api_server_access_profile { virtual_network_integration_enabled = true, subnet_id = ... }`.

use crate::aks;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.api.vnet-integration",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Low,
    title: "API server VNet integration is off",
    source: include_str!("api_vnet_integration.rs"),
    remediation: "Enable API server VNet integration with a delegated subnet (az aks update --enable-apiserver-vnet-integration).",
    references: &[Reference::Url("https://learn.microsoft.com/azure/aks/api-server-vnet-integration")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        aks::boolean(
            &c.vnet_integration,
            "enableVnetIntegration",
            false,
            "node-to-API traffic is not kept inside the virtual network",
        )
    });
}
