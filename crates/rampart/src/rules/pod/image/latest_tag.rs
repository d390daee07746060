//! `pod.image.latest-tag` — image with the `latest` tag or no tag at all.
//!
//! Checks every container image reference: a reference without a tag (and without a digest)
//! means `:latest`.
//!
//! ## Why
//! `latest` names whatever was pushed last: two nodes can run different code under one spec, a
//! rollback cannot return to what ran before, and a compromised registry push is picked up at
//! the next pod restart. Reviews, scans and signatures are about one image; a moving tag breaks
//! that link.
//!
//! ## Fails
//! ```yaml
//! containers:
//! - name: web
//!   image: myacr.azurecr.io/web
//! ```
//!
//! ## Passes
//! ```yaml
//! containers:
//! - name: web
//!   image: myacr.azurecr.io/web:2.3.1
//! ```
//!
//! ## Fix
//! Pin a released version tag, or better a digest (`@sha256:…`).

use super::reference::ImageRef;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "pod.image.latest-tag",
    layer: Layer::Pod,
    domain: "supply-chain",
    severity: Severity::Medium,
    title: "Image uses the latest tag or no tag",
    source: include_str!("latest_tag.rs"),
    remediation: "Pin the image to a version tag or a digest.",
    references: &[
        Reference::Checkov("CKV_K8S_14"),
        Reference::Checkov("CKV_K8S_43"),
    ],
    pss: None,
    check: Check::Workload(check),
};

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    for c in w.containers() {
        let Some(image) = c.image() else { continue };
        let r = ImageRef::parse(image);
        if r.digest.is_some() {
            continue;
        }
        let problem = match r.tag {
            None => "has no tag, so it means :latest",
            Some("latest") => "uses the mutable :latest tag",
            Some(_) => continue,
        };
        let node = c.node.get("image");
        out.at(
            w.object,
            c.field("image"),
            node.map(|n| n.pos),
            c.says(&[" image \"", image, "\" ", problem]),
        );
    }
}
