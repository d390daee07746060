//! `cluster.supply-chain.no-signature-verification` — nothing at admission verifies image
//! signatures.
//!
//! Applies to inputs that show a whole cluster, as `cluster.supply-chain.no-registry-admission`
//! does. Looks for an admission control that rejects unsigned images:
//!
//! - Ratify (`config.ratify.deislabs.io` `Verifier` / `NamespacedVerifier`, Notation or Cosign)
//!   called by an enforcing Gatekeeper constraint — a constraint of a kind whose
//!   ConstraintTemplate calls Ratify through `external_data`, or a kind naming Ratify or image
//!   integrity (AKS Image Integrity uses Ratify through Azure Policy);
//! - Kyverno `ClusterPolicy` / `Policy` rules with `verifyImages` (Cosign or Notary
//!   attestors) and `Enforce`, or a Kyverno `ImageValidatingPolicy` with `Deny`;
//! - Sigstore policy-controller `ClusterImagePolicy` (`policy.sigstore.dev`) not in `warn`
//!   mode.
//!
//! Verification that only audits is listed in the finding and does not count. The finding
//! points at the first object that shows the input is cluster-wide.
//!
//! ## Why
//! A trusted registry says where an image was stored, not who built it: anyone with push rights
//! (a leaked CI credential, a compromised build) can replace an image under an approved name. A
//! signature made by the release pipeline, checked at admission, ties the running code to the
//! pipeline that produced it.
//!
//! ## Fails
//! ```yaml
//! # kubectl get all,ns -A -o yaml — no verification policy in the cluster
//! apiVersion: v1
//! kind: List
//! items:
//! - apiVersion: v1
//!   kind: Namespace
//!   metadata: { name: kube-system }
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: kyverno.io/v1
//! kind: ClusterPolicy
//! metadata: { name: verify-signatures }
//! spec:
//!   rules:
//!   - name: notation
//!     match: { any: [{ resources: { kinds: [Pod] } }] }
//!     verifyImages:
//!     - imageReferences: ["shopacr.azurecr.io/*"]
//!       failureAction: Enforce
//!       type: Notary
//!       attestors: [{ entries: [{ certificates: { cert: "-----BEGIN CERTIFICATE-----…" } }] }]
//! ```
//!
//! ## Fix
//! Sign images in the release pipeline (Notation with a certificate in Azure Key Vault, or
//! Cosign) and verify at admission: AKS Image Integrity (Ratify with Azure Policy), Ratify with
//! Gatekeeper, Kyverno `verifyImages` with `Enforce`, or the Sigstore policy-controller.

use super::admission::{report_missing, Control};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.supply-chain.no-signature-verification",
    layer: Layer::Cluster,
    domain: "supply-chain",
    severity: Severity::Medium,
    title: "No admission control verifies image signatures",
    source: include_str!("no_signature_verification.rs"),
    remediation: "Sign images and verify them at admission: AKS Image Integrity / Ratify, Kyverno verifyImages (Enforce) or the Sigstore policy-controller.",
    references: &[
        Reference::MitreAttack("T1525"),
        Reference::Url("https://learn.microsoft.com/azure/aks/image-integrity"),
        Reference::Url("https://ratify.dev/docs/what-is-ratify"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    report_missing(inv, out, Control::Signatures, "verify image signatures");
}
