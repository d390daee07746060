//! `pod.image.not-pinned-by-digest` — image not pinned by digest.
//!
//! Checks that every container image reference carries a digest (`image@sha256:…`).
//!
//! ## Why
//! Even version tags can be moved by anyone with push rights to the repository. A digest names
//! exactly the bytes that were scanned, signed and approved, and is what signature verification
//! at admission (Notation, Cosign) ultimately checks.
//!
//! ## Fails
//! ```yaml
//! image: myacr.azurecr.io/web:2.3.1
//! ```
//!
//! ## Passes
//! ```yaml
//! image: myacr.azurecr.io/web:2.3.1@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945
//! ```
//!
//! ## Fix
//! Resolve the tag to its digest in the release pipeline (`az acr repository show -n REG
//! --image web:2.3.1`) and deploy `image@sha256:…`.

use super::reference::ImageRef;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "pod.image.not-pinned-by-digest",
    layer: Layer::Pod,
    domain: "supply-chain",
    severity: Severity::Low,
    title: "Image not pinned by digest",
    source: include_str!("not_pinned_by_digest.rs"),
    remediation: "Reference the image by digest (image@sha256:...).",
    references: &[Reference::Checkov("CKV_K8S_43")],
    pss: None,
    check: Check::Workload(check),
};

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    for c in w.containers() {
        let Some(image) = c.image() else { continue };
        if ImageRef::parse(image).digest.is_some() {
            continue;
        }
        out.at(
            w.object,
            c.field("image"),
            c.node.get("image").map(|n| n.pos),
            c.says(&[" image \"", image, "\" is not pinned by digest"]),
        );
    }
}
