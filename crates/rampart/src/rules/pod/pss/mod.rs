//! The Pod Security Standards checks, one rule each, evaluated by `rampart_pss`.

pub mod allow_privilege_escalation;
pub mod apparmor_profile;
pub mod capabilities_baseline;
pub mod capabilities_restricted;
pub mod host_namespaces;
pub mod host_path_volumes;
pub mod host_ports;
pub mod host_probes_and_host_lifecycle;
pub mod privileged;
pub mod proc_mount;
pub mod proc_mount_restricted;
pub mod restricted_volumes;
pub mod run_as_non_root;
pub mod run_as_user;
pub mod seccomp_profile_baseline;
pub mod seccomp_profile_restricted;
pub mod selinux_options;
pub mod sysctls;
pub mod windows_host_process;
