//! `cluster.aks.*`: API server exposure, identity, network, add-ons, lifecycle and logging
//! controls read from the AKS cluster definition, and the joins between the cluster definition
//! and the manifests scanned with it.

use crate::rules::Rule;

pub mod addon_azure_policy;
pub mod addon_dashboard;
pub mod addon_http_app_routing;
pub mod addon_kv_secrets_rotation;
pub mod api_authorized_ips;
pub mod api_private_cluster;
pub mod api_run_command;
pub mod api_vnet_integration;
pub mod authn_admin_groups;
pub mod authn_entra;
pub mod authn_local_accounts;
pub mod authz_azure_rbac;
pub mod authz_k8s_rbac;
pub mod identity_managed;
pub mod identity_workload_identity;
pub mod image_cleaner;
pub mod k8s_version;
pub mod logging_audit;
pub mod net_egress;
pub mod net_plugin;
pub mod net_policy;
pub mod net_policy_engine_not_enforcing;
pub mod secrets_kms;
pub mod sku_tier;

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[
    &api_private_cluster::RULE,
    &api_authorized_ips::RULE,
    &api_vnet_integration::RULE,
    &api_run_command::RULE,
    &authz_k8s_rbac::RULE,
    &authn_entra::RULE,
    &authz_azure_rbac::RULE,
    &authn_admin_groups::RULE,
    &authn_local_accounts::RULE,
    &identity_managed::RULE,
    &identity_workload_identity::RULE,
    &net_plugin::RULE,
    &net_policy::RULE,
    &net_policy_engine_not_enforcing::RULE,
    &net_egress::RULE,
    &addon_azure_policy::RULE,
    &addon_kv_secrets_rotation::RULE,
    &secrets_kms::RULE,
    &addon_dashboard::RULE,
    &addon_http_app_routing::RULE,
    &image_cleaner::RULE,
    &sku_tier::RULE,
    &k8s_version::RULE,
    &logging_audit::RULE,
];
