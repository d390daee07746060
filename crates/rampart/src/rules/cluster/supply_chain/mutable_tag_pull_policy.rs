//! `cluster.supply-chain.mutable-tag-pull-policy` — a mutable tag that nodes serve from their
//! cache.
//!
//! Checks containers whose image is referenced by tag (no `@sha256:` digest) and whose
//! `imagePullPolicy` is set to `IfNotPresent` or `Never`. Whether a tag is pinned at all is the
//! business of `pod.image.latest-tag` and `pod.image.not-pinned-by-digest`; this rule is about
//! the pull policy written next to a mutable tag. An unset policy is not reported: Kubernetes
//! then pulls `:latest` always, and other tags `IfNotPresent` — which
//! `pod.image.not-pinned-by-digest` already covers.
//!
//! ## Why
//! With `IfNotPresent`, each node runs whatever it pulled the first time it saw the tag. After
//! the tag is moved (a rebuild, a hotfix, or a compromised push), new nodes run the new image
//! and old nodes keep the old one: one Deployment, two programs, and a rollback that does not
//! roll back. With `Never` the registry is never asked, so its access control, and signature
//! verification tied to the registry, are bypassed: any image already on the node under that
//! name runs. Both also let a pod use a private image cached by another tenant's pod on the
//! same node without having pull rights (the reason for the `AlwaysPullImages` admission
//! plugin). A digest makes the cache safe: the content is fixed.
//!
//! ## Fails
//! ```yaml
//! containers:
//! - name: api
//!   image: shopacr.azurecr.io/api:1.4
//!   imagePullPolicy: IfNotPresent
//! ```
//!
//! ## Passes
//! ```yaml
//! containers:
//! - name: api
//!   image: shopacr.azurecr.io/api:1.4@sha256:9f2c4e1ad7b85e3f06c1a2d49b7e8f5c3a1d0e6b4f7a9c2e5d8b1f0a3c6e9d27
//!   imagePullPolicy: IfNotPresent
//! ```
//!
//! ## Fix
//! Deploy the image by digest (keep the tag for readability: `api:1.4@sha256:…`); if it must
//! stay a tag, set `imagePullPolicy: Always` so every pod start resolves the tag at the
//! registry.

use rampart_document::Node;

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::pod::image::reference::ImageRef;
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "cluster.supply-chain.mutable-tag-pull-policy",
    layer: Layer::Cluster,
    domain: "supply-chain",
    severity: Severity::Low,
    title: "Mutable image tag served from the node's cache",
    source: include_str!("mutable_tag_pull_policy.rs"),
    remediation: "Reference the image by digest, or set imagePullPolicy: Always for a tag.",
    references: &[
        Reference::AzurePolicy("50c83470-d2f0-4dda-a716-1938a4825f62"),
        Reference::Url("https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"),
        Reference::MitreAttack("T1525"),
    ],
    pss: None,
    check: Check::Workload(check),
};

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    for c in w.containers() {
        let Some(image) = c.image() else { continue };
        let policy_node = c.node.get("imagePullPolicy");
        let Some(policy) = policy_node.and_then(Node::as_str) else {
            continue;
        };
        if !matches!(policy, "IfNotPresent" | "Never") {
            continue;
        }
        let r = ImageRef::parse(image);
        if r.digest.is_some() || image.contains(['$', '{']) {
            continue;
        }
        let tag = match r.tag {
            Some(tag) => format!("the mutable tag :{tag}"),
            None => "no tag (so :latest)".to_string(),
        };
        let effect = if policy == "Never" {
            "the registry is never asked: whatever image the node holds under that name runs"
        } else {
            "each node keeps running the copy it pulled first, even after the tag moves"
        };
        out.at(
            w.object,
            c.field("imagePullPolicy"),
            policy_node.map(|n| n.pos),
            c.says(&[
                " image \"",
                image,
                "\" uses ",
                &tag,
                " with imagePullPolicy ",
                policy,
                ": ",
                effect,
            ]),
        );
    }
}
