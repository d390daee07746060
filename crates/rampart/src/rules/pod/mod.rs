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
