//! `cluster.supply-chain.untrusted-registry` — image from a registry that is not trusted.
//!
//! Checks every container image (init and ephemeral containers included) against the
//! `trustedRegistries` setting of `.rampart.yaml`, by default `*.azurecr.io` (Azure Container
//! Registry) and `mcr.microsoft.com` (Microsoft Artifact Registry):
//!
//! ```yaml
//! trustedRegistries:
//! - "*.azurecr.io"                      # any ACR
//! - mcr.microsoft.com
//! - myregistry.example.com/team/*       # one path of a registry
//! - docker.io/library/*                 # Docker Hub official images
//! ```
//!
//! A pattern without `/` matches the registry host (`*` within a host never crosses `/`); one
//! with `/` also matches the repository path. An image without a registry is on Docker Hub
//! (`nginx` is `docker.io/library/nginx`). References that are not literal (`$(IMAGE)`,
//! `{{ .Values.image }}`) are skipped. An empty list trusts nothing.
//!
//! ## Why
//! An image is code that runs with the pod's identity and network access. Public registries
//! serve typo-squatted and hijacked images, rate-limit pulls, and can change or remove a tag at
//! any time. Pulling only from registries you control (import public images into ACR with `az
//! acr import`, scan them with Defender for Containers) gives one place to scan, sign and
//! audit what runs.
//!
//! ## Fails
//! ```yaml
//! containers:
//! - name: cache
//!   image: redis:7.2
//! ```
//!
//! ## Passes
//! ```yaml
//! containers:
//! - name: cache
//!   image: shopacr.azurecr.io/mirror/redis:7.2
//! ```
//!
//! ## Fix
//! Import the image into your Azure Container Registry (`az acr import --name shopacr --source
//! docker.io/library/redis:7.2 --image mirror/redis:7.2`) and reference it there, or add the
//! registry to `trustedRegistries` once it is approved. Enforce the list at admission (see
//! `cluster.supply-chain.no-registry-admission`).

use super::registry::{is_trusted, trusted_patterns, ImageName};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{first_joined, Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "cluster.supply-chain.untrusted-registry",
    layer: Layer::Cluster,
    domain: "supply-chain",
    severity: Severity::Medium,
    title: "Image from a registry that is not trusted",
    source: include_str!("untrusted_registry.rs"),
    remediation: "Pull the image from a trusted registry (import it into ACR) or add the registry to trustedRegistries once approved.",
    references: &[
        Reference::CisAks("5.1.4"),
        Reference::AzurePolicy("febd0533-8e55-448f-b837-bd0e06f16469"),
        Reference::MitreAttack("T1610"),
    ],
    pss: None,
    check: Check::Workload(check),
};

/// How many patterns a message lists before eliding the rest.
const LISTED: usize = 4;

/// The trusted patterns as a message shows them: the first few and how many in all.
fn list(patterns: &[&str]) -> String {
    if patterns.is_empty() {
        return "none".to_string();
    }
    let mut listed = first_joined(patterns, LISTED);
    if patterns.len() > LISTED {
        listed.push_str(&format!(", … ({} in all)", patterns.len()));
    }
    listed
}

fn check(w: &Workload, ctx: &Context, out: &mut Emit) {
    let patterns = trusted_patterns(ctx);
    let mut listed: Option<String> = None;
    for c in w.containers() {
        let Some(image) = c.image() else { continue };
        let Some(name) = ImageName::of(image) else {
            continue;
        };
        if is_trusted(&patterns, &name) {
            continue;
        }
        let listed = listed.get_or_insert_with(|| list(&patterns));
        out.at(
            w.object,
            c.field("image"),
            c.node.get("image").map(|n| n.pos),
            c.says(&[
                " image \"",
                image,
                "\" comes from ",
                &name.host,
                ", which is not a trusted registry (trusted: ",
                listed,
                ")",
            ]),
        );
    }
}
