//! `host.node.*`: kubelet and node file hardening, checked by `rampart node` on a node's root
//! folder and, for the settings a KubeletConfiguration holds, by `rampart scan` on
//! KubeletConfiguration manifests. The model is [`crate::kubelet`].

use crate::rules::Rule;

pub mod anonymous_auth;
pub mod authz_mode;
pub mod azure_json_owner;
pub mod azure_json_perms;
pub mod client_ca;
pub mod config_owner;
pub mod config_perms;
pub mod event_qps;
pub mod hostname_override;
pub mod iptables_chains;
pub mod kubeconfig_owner;
pub mod kubeconfig_perms;
pub mod protect_kernel_defaults;
pub mod read_only_port;
pub mod rotate_certs;
pub mod rotate_server_cert;
pub mod streaming_timeout;
pub mod tls_ciphers;

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[
    &kubeconfig_perms::RULE,
    &kubeconfig_owner::RULE,
    &azure_json_perms::RULE,
    &azure_json_owner::RULE,
    &config_perms::RULE,
    &config_owner::RULE,
    &anonymous_auth::RULE,
    &authz_mode::RULE,
    &client_ca::RULE,
    &read_only_port::RULE,
    &streaming_timeout::RULE,
    &protect_kernel_defaults::RULE,
    &iptables_chains::RULE,
    &hostname_override::RULE,
    &event_qps::RULE,
    &rotate_certs::RULE,
    &rotate_server_cert::RULE,
    &tls_ciphers::RULE,
];
