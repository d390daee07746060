//! `pod.pss.host-path-volumes` — hostPath volume (Pod Security Standards, baseline: `hostPathVolumes`).
//!
//! Checks that the pod mounts no `hostPath` volume (PSS baseline, from policy v1.0).
//!
//! ## Why
//! A hostPath volume exposes the node's file system to the container: the container runtime
//! socket, kubelet credentials and `/etc` are a mount away, and writing to them owns the node.
//!
//! ## Fails
//! ```yaml
//! volumes:
//! - name: logs
//!   hostPath:
//!     path: /var/log
//! ```
//!
//! ## Passes
//! ```yaml
//! volumes:
//! - name: scratch
//!   emptyDir: {}
//! ```
//!
//! ## Fix
//! Use an `emptyDir`, a PersistentVolumeClaim, a ConfigMap/Secret or a CSI volume instead. Node
//! agents that must read the host belong in a dedicated namespace with its own policy.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.host-path-volumes",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::High,
    title: "hostPath volume",
    source: include_str!("host_path_volumes.rs"),
    remediation: "Replace the hostPath volume with emptyDir, a PVC or a CSI volume.",
    references: &[
        Reference::Pss("HostPath Volumes"),
        Reference::CisAks("4.2.12"),
        Reference::MitreAttack("T1611"),
        Reference::Checkov("CKV_K8S_27"),
    ],
    pss: Some(rampart_pss::Check::HostPathVolumes),
    check: Check::Pss,
};
