//! Pod layer: what each workload's pods may do on their node.

pub mod automount_service_account_token;
pub mod default_namespace;
pub mod host_path_sensitive;
pub mod host_path_writable;
pub mod image;
pub mod psa;
pub mod pss;
pub mod read_only_root_filesystem;
pub mod resources;
pub mod run_as_root_group;
pub mod share_process_namespace;

use crate::rules::Rule;

/// The pod layer's rules, in catalog order.
pub static RULES: &[&Rule] = &[
    &pss::host_namespaces::RULE,
    &pss::privileged::RULE,
    &pss::capabilities_baseline::RULE,
    &pss::host_path_volumes::RULE,
    &pss::host_ports::RULE,
    &pss::apparmor_profile::RULE,
    &pss::selinux_options::RULE,
    &pss::proc_mount::RULE,
    &pss::seccomp_profile_baseline::RULE,
    &pss::sysctls::RULE,
    &pss::windows_host_process::RULE,
    &pss::host_probes_and_host_lifecycle::RULE,
    &pss::allow_privilege_escalation::RULE,
    &pss::capabilities_restricted::RULE,
    &pss::run_as_non_root::RULE,
    &pss::run_as_user::RULE,
    &pss::restricted_volumes::RULE,
    &pss::seccomp_profile_restricted::RULE,
    &pss::proc_mount_restricted::RULE,
    &psa::namespace_no_enforce::RULE,
    &psa::namespace_enforce_weak::RULE,
    &psa::invalid_label::RULE,
    &psa::rejected_by_enforce::RULE,
    &host_path_sensitive::RULE,
    &host_path_writable::RULE,
    &run_as_root_group::RULE,
    &share_process_namespace::RULE,
    &read_only_root_filesystem::RULE,
    &automount_service_account_token::RULE,
    &resources::cpu_requests::RULE,
    &resources::cpu_limits::RULE,
    &resources::memory_requests::RULE,
    &resources::memory_limits::RULE,
    &image::latest_tag::RULE,
    &image::not_pinned_by_digest::RULE,
    &default_namespace::RULE,
];
