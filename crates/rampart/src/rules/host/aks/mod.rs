//! `host.aks.*`: node and node-pool controls read from the AKS cluster definition (ARM
//! templates, `az aks show`, Terraform). The model is [`rampart_aks`]; how its verdicts become
//! findings is [`crate::aks`].

use crate::rules::Rule;

pub mod defender;
pub mod monitor_insights;
pub mod node_byo_subnet;
pub mod node_cmk_disk;
pub mod node_custom_kubelet;
pub mod node_encryption_at_host;
pub mod node_ephemeral_os;
pub mod node_fips;
pub mod node_os_sku;
pub mod node_public_ip;
pub mod node_rg_lockdown;
pub mod node_ssh_disabled;
pub mod node_subnet_nsg;
pub mod node_system_pool_taint;
pub mod node_vmss;
pub mod upgrade_k8s_channel;
pub mod upgrade_maintenance_window;
pub mod upgrade_node_os_channel;

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[
    &node_os_sku::RULE,
    &upgrade_k8s_channel::RULE,
    &upgrade_node_os_channel::RULE,
    &upgrade_maintenance_window::RULE,
    &node_cmk_disk::RULE,
    &node_encryption_at_host::RULE,
    &node_ephemeral_os::RULE,
    &node_fips::RULE,
    &node_public_ip::RULE,
    &node_byo_subnet::RULE,
    &node_subnet_nsg::RULE,
    &node_ssh_disabled::RULE,
    &node_system_pool_taint::RULE,
    &node_vmss::RULE,
    &node_custom_kubelet::RULE,
    &node_rg_lockdown::RULE,
    &defender::RULE,
    &monitor_insights::RULE,
];
