//! `cluster.rbac.persistent-volume-create` — role can create PersistentVolumes.
//!
//! Checks ClusterRoleBindings whose role allows `create` on `persistentvolumes`.
//!
//! ## Why
//! A PersistentVolume can be a hostPath volume. Bound through a claim in one's own namespace, it
//! mounts the node's file system into a pod without any hostPath in the pod spec, past Pod Security
//! Admission's hostPath check.
//!
//! ## Fails
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["persistentvolumes"]
//!   verbs: ["create"]
//! ```
//!
//! ## Passes
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["persistentvolumeclaims"]
//!   verbs: ["create"]
//! ```
//!
//! ## Fix
//! Let users create PersistentVolumeClaims against StorageClasses (dynamic provisioning) instead
//! of PersistentVolumes.

use rampart_rbac::Technique;

use super::report_technique;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.persistent-volume-create",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::High,
    title: "Role can create PersistentVolumes",
    source: include_str!("persistent_volume_create.rs"),
    remediation: "Provision volumes dynamically through PVCs; remove create on persistentvolumes.",
    references: &[Reference::MitreAttack("T1611")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    report_technique(inv, ctx, out, Technique::PersistentVolumeCreate, false);
}
