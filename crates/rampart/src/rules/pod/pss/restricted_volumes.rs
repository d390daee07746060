//! `pod.pss.restricted-volumes` — volume type outside the restricted set (Pod Security Standards, restricted: `restrictedVolumes`).
//!
//! Checks that every volume is one of `configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`,
//! `image`, `persistentVolumeClaim`, `projected` or `secret` (PSS restricted, from policy v1.0).
//! A volume with no source is defaulted to `emptyDir` first, as the API server does.
//!
//! ## Why
//! Other volume types mount node paths or network storage directly from the pod spec (hostPath,
//! nfs, iscsi, azureDisk…), bypassing the PersistentVolume model where access is controlled.
//!
//! ## Fails
//! ```yaml
//! volumes:
//! - name: share
//!   azureFile:
//!     secretName: storage
//!     shareName: data
//! ```
//!
//! ## Passes
//! ```yaml
//! volumes:
//! - name: share
//!   persistentVolumeClaim:
//!     claimName: data
//! ```
//!
//! ## Fix
//! Use a PersistentVolumeClaim (backed by the Azure Disk or Azure Files CSI driver) or a CSI
//! inline volume instead.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.restricted-volumes",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Volume type outside the restricted set",
    source: include_str!("restricted_volumes.rs"),
    remediation: "Use a PersistentVolumeClaim or another allowed volume type.",
    references: &[Reference::Pss("Volume Types")],
    pss: Some(rampart_pss::Check::RestrictedVolumes),
    check: Check::Pss,
};
