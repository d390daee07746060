//! The rules, grouped by the part of the pod they read. Each function reports every offending
//! field to a [`crate::violation::Sink`] and stops early when the sink has heard enough.

pub(crate) mod apparmor;
pub(crate) mod capabilities;
pub(crate) mod host;
pub(crate) mod privileged;
pub(crate) mod proc_mount;
pub(crate) mod seccomp;
pub(crate) mod selinux;
pub(crate) mod sysctls;
pub(crate) mod users;
pub(crate) mod volumes;
