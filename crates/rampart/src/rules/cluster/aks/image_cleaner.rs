//! `cluster.aks.image-cleaner` — Image Cleaner is not enabled.
//!
//! Checks `securityProfile.imageCleaner.enabled` (azurerm `image_cleaner_enabled`).
//!
//! Azure Policy: "Azure Kubernetes Service Clusters should enable Image Cleaner"
//! (af3c26b2-6fad-493e-9236-9c68928516ab).
//!
//! ## Why
//! Unused images stay on nodes indefinitely, vulnerable ones included, ready to be started by
//! anyone who can create a pod with `imagePullPolicy: Never`.
//!
//! ## Fails
//! ```json
//! {"securityProfile": {"imageCleaner": {"enabled": false}}}
//! ```
//!
//! ## Passes
//! ```json
//! {"securityProfile": {"imageCleaner": {"enabled": true, "intervalHours": 24}}}
//! ```
//!
//! ## Fix
//! `az aks update --enable-image-cleaner --image-cleaner-interval-hours 24`; Terraform
//! `image_cleaner_enabled = true`.

use crate::aks;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.image-cleaner",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Low,
    title: "Image Cleaner is not enabled",
    source: include_str!("image_cleaner.rs"),
    remediation: "Enable Image Cleaner (az aks update --enable-image-cleaner).",
    references: &[Reference::AzurePolicy(
        "af3c26b2-6fad-493e-9236-9c68928516ab",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        aks::boolean(
            &c.image_cleaner,
            "securityProfile.imageCleaner.enabled",
            false,
            "unused, possibly vulnerable images stay on the nodes",
        )
    });
}
